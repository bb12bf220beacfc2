"""The registry of user classes and functions that configs may name.

Loading resolves names *only* through this registry, ceras's own public
namespaces and the ``custom_objects`` a caller passes: never by importing a
module named in a file.
"""
import threading

_GLOBAL_CUSTOM_OBJECTS = {}
_GLOBAL_CUSTOM_NAMES = {}
_SCOPE = threading.local()


class CustomObjectScope:
    """``with CustomObjectScope({"MyLayer": MyLayer}):`` makes the names resolvable
    while loading inside the block."""

    def __init__(self, custom_objects):
        self.custom_objects = dict(custom_objects or {})

    def __enter__(self):
        stack = getattr(_SCOPE, "stack", None)
        if stack is None:
            stack = _SCOPE.stack = []
        stack.append(self.custom_objects)
        return self

    def __exit__(self, *exc):
        _SCOPE.stack.pop()


custom_object_scope = CustomObjectScope


def scoped_objects():
    merged = {}
    for objects in getattr(_SCOPE, "stack", None) or []:
        merged.update(objects)
    return merged


def get_custom_objects():
    """The global dict of registered objects (name -> class or function)."""
    return _GLOBAL_CUSTOM_OBJECTS


def register_keras_serializable(package="Custom", name=None):
    """Decorator registering a class or function as ``"package>name"``."""
    if not isinstance(package, str) or ">" in package:
        raise ValueError(
            f"register_keras_serializable: `package` must be a string without '>', "
            f"received {package!r}"
        )

    def decorator(obj):
        registered = name or getattr(obj, "__name__", None)
        if registered is None:
            raise ValueError(
                f"register_keras_serializable: cannot infer a name for {obj!r}; pass name="
            )
        key = f"{package}>{registered}"
        if isinstance(obj, type) and not hasattr(obj, "get_config"):
            raise ValueError(
                f"Cannot register {obj.__name__}: classes must define get_config()"
            )
        _GLOBAL_CUSTOM_OBJECTS[key] = obj
        _GLOBAL_CUSTOM_NAMES[obj] = key
        return obj

    return decorator


def get_registered_name(obj):
    """``"package>name"`` for a registered object, else its ``__name__``."""
    if obj in _GLOBAL_CUSTOM_NAMES:
        return _GLOBAL_CUSTOM_NAMES[obj]
    return getattr(obj, "__name__", None)


def get_registered_object(name, custom_objects=None, module_objects=None):
    """Resolve ``name`` from the scope, ``custom_objects``, the global registry, then
    ``module_objects``; None when unknown."""
    for source in (scoped_objects(), custom_objects or {}, _GLOBAL_CUSTOM_OBJECTS,
                   module_objects or {}):
        if name in source:
            return source[name]
    return None
