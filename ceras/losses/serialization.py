"""Keras-format configs for losses and metrics: ``serialize`` / ``deserialize``.

The dicts match Keras 3's ``serialize_keras_object`` schema, so a loss or metric
saved by ceras loads in Keras and the other way round:

    {"module": "keras.losses", "class_name": "MeanSquaredError",
     "config": {...}, "registered_name": None}

A plain function becomes ``{"module": "builtins", "class_name": "function",
"config": <function name>, "registered_name": "function"}``.

Each catalogue (``"loss"``, ``"metric"``) is filled by its package's
``__init__`` with the names ``get`` / ``deserialize`` accept; ``"function"``
holds every loss and metric function, by name, for configs of wrapped functions.
"""
import inspect

CATALOGUES = {"loss": {}, "metric": {}, "function": {}}


def serialize_object(obj):
    """The Keras config of ``obj``; None, strings and numbers pass through.

    ceras's own classes are written under their Keras module (the class
    attribute ``_keras_module``, e.g. 'keras.losses'); user classes under their
    own module, with the class name as ``registered_name``.
    """
    if obj is None or isinstance(obj, (str, int, float, bool)):
        return obj
    if isinstance(obj, dict):
        return {key: serialize_object(value) for key, value in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [serialize_object(value) for value in obj]
    if inspect.isfunction(obj) or inspect.isbuiltin(obj):
        return {"module": "builtins", "class_name": "function", "config": obj.__name__,
                "registered_name": "function"}
    if hasattr(obj, "get_config"):
        cls = type(obj)
        ours = cls.__module__.startswith("ceras.")
        module = getattr(cls, "_keras_module", cls.__module__) if ours else cls.__module__
        registered = None if ours else cls.__name__
        # A class Keras does not export publicly (LossFunctionWrapper) is written
        # under its private module and registered name, as Keras writes it.
        if ours and "_keras_private_path" in cls.__dict__:
            module, registered = cls.__dict__["_keras_private_path"]
        return {"module": module, "class_name": cls.__name__, "config": obj.get_config(),
                "registered_name": registered}
    if hasattr(obj, "tolist"):  # numpy arrays and scalars inside a config
        return obj.tolist()
    raise TypeError(f"Cannot serialize {obj!r} (type {type(obj).__name__}): it has no "
                    "get_config() and is not a function")


def deserialize_object(config, kind, custom_objects=None):
    """Rebuild a class instance, or look up a function, from a Keras config.

    ``config`` is a name ('mse', 'MeanSquaredError') or a dict in the format
    ``serialize_object`` writes. ``custom_objects`` (name -> class or function)
    is searched before the ``kind`` catalogue ('loss' or 'metric').
    """
    catalogue = CATALOGUES[kind]
    objects = {**catalogue, **(custom_objects or {})}
    if isinstance(config, str):
        obj = objects.get(config)
        if obj is None:
            raise ValueError(unknown_name_message(kind, config))
        return obj() if inspect.isclass(obj) else obj
    if not isinstance(config, dict) or "class_name" not in config:
        raise ValueError(
            f"Could not interpret {kind} config: expected a name or a dict with keys "
            f"'class_name' and 'config', received {config!r}")
    class_name = config["class_name"]
    inner = config.get("config")
    if class_name == "function":
        obj = {**CATALOGUES["function"], **(custom_objects or {})}.get(inner)
        if obj is None:
            raise ValueError(unknown_name_message(kind, inner))
        return obj
    registered = config.get("registered_name")
    cls = (objects.get(registered) if registered else None) or objects.get(class_name)
    if cls is None:
        raise ValueError(unknown_name_message(kind, class_name))
    inner = dict(inner or {})
    for key, value in inner.items():
        # Nested objects (a wrapper's `fn`); other dicts (a dtype policy) stay as they are.
        if isinstance(value, dict) and (value.get("class_name") == "function"
                                        or value.get("class_name") in objects):
            inner[key] = deserialize_object(value, kind, custom_objects)
    return cls.from_config(inner)


def unknown_name_message(kind, name):
    valid = ", ".join(sorted(CATALOGUES[kind]))
    return f"Could not interpret {kind} identifier: {name!r}. Valid names are: {valid}"
