"""get / serialize / deserialize for a namespace of configurable classes
(initializers, regularizers, constraints, ...), written once.

Names resolve through the namespace's own table (class names and Keras's
aliases), then registered objects and ``custom_objects``: never anything else.
"""
import inspect

from ceras.saving import object_registration


class ObjectNamespace:
    """The lookup of one public namespace.

    Args:
        kind: what the objects are called in messages ("initializer").
        module: the Keras module name written into configs ("keras.initializers").
        objects: name -> class (class names and aliases).
        base: the base class; instances of it pass through ``get`` unchanged.
    """

    def __init__(self, kind, module, objects, base):
        self.kind = kind
        self.module = module
        self.objects = objects
        self.base = base

    def serialize(self, obj):
        """The config dict of ``obj`` (None stays None)."""
        if obj is None:
            return None
        cls = type(obj)
        builtin = self.objects.get(cls.__name__) is cls
        registered = object_registration._GLOBAL_CUSTOM_NAMES.get(cls)
        return {"module": self.module if builtin else cls.__module__,
                "class_name": cls.__name__, "config": obj.get_config(),
                "registered_name": None if builtin else (registered or cls.__name__)}

    def deserialize(self, config, custom_objects=None):
        """An object from a config dict, a ``{"class_name", "config"}`` dict or a name."""
        if isinstance(config, str):
            return self._lookup(config, custom_objects)()
        if not isinstance(config, dict) or "class_name" not in config:
            raise ValueError(
                f"Could not deserialize {self.kind}: expected a name or a dict with a "
                f"'class_name' key. Received: {config!r}"
            )
        name = config.get("registered_name") or config["class_name"]
        if self._find(name, custom_objects) is None:
            name = config["class_name"]
        return self._lookup(name, custom_objects).from_config(config.get("config") or {})

    def get(self, identifier):
        """An object from a name, a config dict, an instance, a class or a callable."""
        if identifier is None or isinstance(identifier, self.base):
            return identifier
        if isinstance(identifier, (str, dict)):
            return self.deserialize(identifier)
        if inspect.isclass(identifier):
            return identifier()
        if callable(identifier):
            return identifier
        raise ValueError(f"Could not interpret {self.kind} identifier: {identifier!r}")

    def _find(self, name, custom_objects):
        if custom_objects and name in custom_objects:
            return custom_objects[name]
        found = object_registration.get_registered_object(name)
        return found if found is not None else self.objects.get(name)

    def _lookup(self, name, custom_objects):
        cls = self._find(name, custom_objects)
        if cls is None:
            raise ValueError(
                f"Could not interpret {self.kind} identifier: {name!r}. "
                f"Expected one of: {', '.join(sorted(self.objects))}"
            )
        return cls
