"""The one serialization core: objects <-> Keras-schema config dicts.

A serialized object is ``{"module", "class_name", "config", "registered_name"}``
(plus ``build_config`` / ``compile_config`` for layers and models), exactly as
Keras 3 writes it, so files move both ways between ceras and Keras.

Names in a config are resolved only through an allow-list: ceras's own public
namespaces, registered objects and ``custom_objects``. Nothing named in a file is
ever imported, and a config can never switch safe mode off.
"""
import base64
import contextlib
import inspect
import marshal
import threading
import types

import numpy as np

from ceras.backend import KerasTensor
from ceras.saving import object_registration
from ceras.saving.allow_list import find_class, find_function, public_module_of

_STATE = threading.local()
_UNSAFE_GLOBALLY = False


def enable_unsafe_deserialization():
    """Allow loading Python bytecode (Lambda layers) from files, for this process."""
    global _UNSAFE_GLOBALLY
    _UNSAFE_GLOBALLY = True


@contextlib.contextmanager
def SafeModeScope(safe_mode=True):  # noqa: N802 - Keras's name
    previous = getattr(_STATE, "safe_mode", None)
    _STATE.safe_mode = safe_mode
    try:
        yield
    finally:
        _STATE.safe_mode = previous


def in_safe_mode():
    if _UNSAFE_GLOBALLY:
        return False
    mode = getattr(_STATE, "safe_mode", None)
    return True if mode is None else bool(mode)


# -- serialize -------------------------------------------------------------

def serialize_keras_object(obj):
    if obj is None or isinstance(obj, (bool, int, float, str)):
        return obj
    if isinstance(obj, (np.generic,)):
        return obj.item()
    if isinstance(obj, (list, tuple)):
        return [serialize_keras_object(v) for v in obj]
    if isinstance(obj, dict):
        return {k: serialize_keras_object(v) for k, v in obj.items()}
    if isinstance(obj, np.ndarray):
        return {"class_name": "__numpy__",
                "config": {"value": obj.tolist(), "dtype": str(obj.dtype)}}
    if isinstance(obj, KerasTensor):
        history = obj._keras_history
        return {"class_name": "__keras_tensor__",
                "config": {"shape": list(obj.shape), "dtype": obj.dtype,
                           "keras_history": [history.operation.name, history.node_index,
                                             history.tensor_index] if history else None}}
    if isinstance(obj, (types.FunctionType, types.BuiltinFunctionType)) or (
            callable(obj) and not hasattr(obj, "get_config") and not isinstance(obj, type)):
        return _serialize_function(obj)
    if isinstance(obj, type):
        return {"class_name": "__typespec__", "config": obj.__name__}
    if not hasattr(obj, "get_config"):
        raise TypeError(
            f"Cannot serialize {obj!r} of type {type(obj).__name__}: it has no get_config()"
        )
    registered = object_registration._GLOBAL_CUSTOM_NAMES.get(type(obj))
    config = obj.get_config()
    result = {
        "module": None if registered else public_module_of(obj),
        "class_name": _op_class_name(obj.op_name) if hasattr(obj, "op_name") else
        getattr(type(obj), "_keras_export_name", type(obj).__name__),
        "config": serialize_keras_object(config) if isinstance(config, dict) else config,
        "registered_name": registered or (type(obj).__name__ if _is_user_class(obj) or
                                          type(obj).__name__ == "Functional" else None),
    }
    if hasattr(obj, "get_build_config") and getattr(obj, "built", False):
        build_config = obj.get_build_config()
        if build_config is not None:
            result["build_config"] = serialize_keras_object(build_config)
    if getattr(obj, "compiled", False) and hasattr(obj, "get_compile_config"):
        compile_config = obj.get_compile_config()
        if compile_config is not None:
            result["compile_config"] = serialize_keras_object(compile_config)
    return result


def _op_class_name(op_name):
    return "".join(part[:1].upper() + part[1:] for part in op_name.split("_"))


def _is_user_class(obj):
    module = type(obj).__module__ or ""
    return not module.startswith("ceras.")


def _serialize_function(fn):
    registered = object_registration._GLOBAL_CUSTOM_NAMES.get(fn)
    name = registered or getattr(fn, "__name__", None)
    if name == "<lambda>":
        return serialize_lambda(fn)
    return {"module": "builtins", "class_name": "function", "config": name,
            "registered_name": "function"}


def serialize_lambda(fn):
    code = base64.b64encode(marshal.dumps(fn.__code__)).decode("ascii")
    closure = [c.cell_contents for c in fn.__closure__] if fn.__closure__ else None
    return {"class_name": "__lambda__",
            "config": {"code": code, "defaults": fn.__defaults__, "closure": closure}}


def serialize_lambda_parts(layer):
    """The function / output_shape / arguments entries of a Lambda layer's config."""
    fn = layer.function
    registered = object_registration._GLOBAL_CUSTOM_NAMES.get(fn)
    if registered is None and (getattr(fn, "__name__", "") == "<lambda>"
                               or find_function(fn.__name__) is not fn):
        function = serialize_lambda(fn)
    else:
        function = _serialize_function(fn)
    output_shape = layer._output_shape
    if callable(output_shape):
        output_shape = serialize_lambda(output_shape)
    return {"function": function, "arguments": serialize_keras_object(layer.arguments),
            "output_shape": output_shape}


# -- deserialize -----------------------------------------------------------

def _unknown(kind, name, config):
    return TypeError(
        f"Could not locate {kind} '{name}'. Make sure custom classes and functions are "
        "decorated with `@ceras.saving.register_keras_serializable()` or passed to the "
        f"loader in `custom_objects`. Full object config: {config}"
    )


def deserialize_keras_object(config, custom_objects=None, safe_mode=True, **kwargs):
    if config is None or isinstance(config, (bool, int, float)):
        return config
    if isinstance(config, str):
        obj = object_registration.get_registered_object(config, custom_objects)
        if obj is None:
            obj = find_function(config)
        if obj is None:
            raise _unknown("object", config, config)
        return obj
    if isinstance(config, (list, tuple)):
        return [deserialize_keras_object(c, custom_objects, safe_mode) for c in config]
    if not isinstance(config, dict):
        raise TypeError(f"Could not parse config: expected a dict, received {config!r}")
    if "class_name" not in config:
        return {k: deserialize_keras_object(v, custom_objects, safe_mode)
                for k, v in config.items()}
    class_name = config["class_name"]
    inner = config.get("config", {})
    if class_name == "__tuple__":
        return tuple(deserialize_keras_object(v, custom_objects, safe_mode)
                     for v in inner["value"])
    if class_name == "__numpy__":
        return np.array(inner["value"], dtype=inner.get("dtype"))
    if class_name == "__lambda__":
        return deserialize_lambda_function(inner)
    if class_name == "__typespec__":
        raise TypeError("Type objects cannot be deserialized from a config")
    if class_name == "function":
        name = inner if isinstance(inner, str) else config.get("registered_name")
        fn = object_registration.get_registered_object(name, custom_objects)
        if fn is None:
            fn = find_function(name)
        if fn is None:
            raise _unknown("function", name, config)
        return fn
    cls = resolve_class(config, custom_objects)
    if safe_mode is False:
        with SafeModeScope(False):
            obj = _from_config(cls, inner, custom_objects)
    else:
        obj = _from_config(cls, inner, custom_objects)
    build_config = config.get("build_config")
    if build_config and hasattr(obj, "build_from_config") and not getattr(obj, "built", True):
        obj.build_from_config(build_config)
    return obj


def resolve_class(config, custom_objects=None):
    class_name = config["class_name"]
    registered = config.get("registered_name")
    for name in (registered, class_name):
        if name:
            obj = object_registration.get_registered_object(name, custom_objects)
            if obj is not None:
                return obj
    cls = find_class(config.get("module"), class_name)
    if cls is None:
        raise _unknown("class", class_name, config)
    return cls


def _from_config(cls, inner, custom_objects):
    if isinstance(cls, types.FunctionType) and not isinstance(cls, type):
        return cls(**inner) if isinstance(inner, dict) else cls
    params = inspect.signature(cls.from_config).parameters
    if "custom_objects" in params:
        return cls.from_config(inner, custom_objects=custom_objects)
    with object_registration.CustomObjectScope(custom_objects or {}):
        return cls.from_config(inner)


def deserialize_lambda_function(inner):
    if in_safe_mode():
        raise ValueError(
            "Requested the deserialization of a Python lambda (its bytecode is stored in the "
            "file), which is disallowed in safe mode because it would run code from the file. "
            "If you trust the file, pass `safe_mode=False` to the loading function, or call "
            "`ceras.config.enable_unsafe_deserialization()`."
        )
    code = marshal.loads(base64.b64decode(inner["code"].encode("ascii")))
    closure = inner.get("closure")
    cells = tuple(types.CellType(c) for c in closure) if closure else None
    defaults = tuple(inner["defaults"]) if inner.get("defaults") else None
    return types.FunctionType(code, globals(), code.co_name, defaults, cells)


def deserialize_lambda(cls, config, custom_objects=None, safe_mode=None):
    config = dict(config)
    function = config.pop("function")
    if isinstance(function, dict) and function.get("class_name") == "__lambda__":
        fn = deserialize_lambda_function(function["config"])
    else:
        fn = deserialize_keras_object(function, custom_objects)
    output_shape = config.pop("output_shape", None)
    if isinstance(output_shape, dict) and output_shape.get("class_name") == "__lambda__":
        output_shape = deserialize_lambda_function(output_shape["config"])
    config.pop("dtype", None)
    return cls(fn, output_shape=output_shape, **config)
