"""get / serialize / deserialize for activations.

A built-in activation serializes to its name ('relu'), as in Keras; a local
registry until the serialization core in ceras/saving takes this over.
"""
from ceras.activations import activations as _fns

_NAMES = (
    "celu", "elu", "exponential", "gelu", "glu", "hard_shrink", "hard_sigmoid", "hard_silu",
    "hard_swish", "hard_tanh", "leaky_relu", "linear", "log_sigmoid", "log_softmax", "mish",
    "relu", "relu6", "selu", "sigmoid", "silu", "soft_shrink", "softmax", "softplus",
    "softsign", "sparse_plus", "sparse_sigmoid", "sparsemax", "squareplus", "swish", "tanh",
    "tanh_shrink", "threshold",
)
ALL_OBJECTS = {name: getattr(_fns, name) for name in _NAMES}


def serialize(activation):
    """A built-in activation's name; an object's config dict; a function's Keras dict."""
    if activation is None:
        return None
    name = getattr(activation, "__name__", None)
    if name is not None and ALL_OBJECTS.get(name) is activation:
        return name
    if hasattr(activation, "get_config"):
        cls = type(activation)
        return {"module": cls.__module__, "class_name": cls.__name__,
                "config": activation.get_config(), "registered_name": cls.__name__}
    if callable(activation) and name is not None:
        # Keras's schema for a plain (unregistered) function.
        return {"module": "builtins", "class_name": "function", "config": name,
                "registered_name": "function"}
    raise ValueError(f"Could not serialize activation: {activation!r}")


def deserialize(config, custom_objects=None):
    """An activation function from its name or a config dict."""
    if isinstance(config, dict):
        name = config.get("class_name")
        if name == "function":  # Keras's dict for a function: the name is in "config"
            name = config.get("config")
        elif custom_objects and name in custom_objects and "config" in config:
            obj = custom_objects[name]
            return obj.from_config(config["config"]) if hasattr(obj, "from_config") else obj
        config = name
    if not isinstance(config, str):
        raise ValueError(f"Could not interpret activation function identifier: {config!r}")
    if custom_objects and config in custom_objects:
        return custom_objects[config]
    fn = ALL_OBJECTS.get(config)
    if fn is None:
        raise ValueError(
            f"Could not interpret activation function identifier: {config!r}. "
            f"Expected one of: {', '.join(sorted(ALL_OBJECTS))}"
        )
    return fn


def get(identifier):
    """An activation from a name, a config dict or a callable; None gives ``linear``."""
    if identifier is None:
        return _fns.linear
    if isinstance(identifier, (str, dict)):
        return deserialize(identifier)
    if callable(identifier):
        return identifier
    raise ValueError(f"Could not interpret activation function identifier: {identifier!r}")
