"""get / serialize / deserialize for regularizers.

A local registry, producing Keras's config schema
``{"module": "keras.regularizers", "class_name": ..., "config": ..., "registered_name": None}``,
until the serialization core in ceras/saving takes this over.
"""
import inspect

from ceras.regularizers.regularizers import L1, L1L2, L2, OrthogonalRegularizer, Regularizer

MODULE = "keras.regularizers"
_CLASSES = (L1, L1L2, L2, OrthogonalRegularizer)
ALL_OBJECTS = {cls.__name__: cls for cls in _CLASSES}
ALL_OBJECTS.update({"l1": L1, "l1_l2": L1L2, "l1l2": L1L2, "l2": L2,
                    "orthogonal_regularizer": OrthogonalRegularizer,
                    "Regularizer": Regularizer, "regularizer": Regularizer})


def serialize(regularizer):
    """The config dict of ``regularizer`` (None stays None)."""
    if regularizer is None:
        return None
    cls = type(regularizer)
    builtin = ALL_OBJECTS.get(cls.__name__) is cls
    return {"module": MODULE if builtin else cls.__module__, "class_name": cls.__name__,
            "config": regularizer.get_config(),
            "registered_name": None if builtin else cls.__name__}


def deserialize(config, custom_objects=None):
    """A regularizer from a config dict, a ``{"class_name", "config"}`` dict or a name."""
    if isinstance(config, str):
        return _lookup(config, custom_objects)()
    if not isinstance(config, dict) or "class_name" not in config:
        raise ValueError(
            "Could not deserialize regularizer: expected a name or a dict with a "
            f"'class_name' key. Received: {config!r}"
        )
    name = config.get("registered_name") or config["class_name"]
    if custom_objects and name not in custom_objects:
        name = config["class_name"]
    return _lookup(name, custom_objects).from_config(config.get("config") or {})


def get(identifier):
    """A regularizer from a name, a config dict, an instance or a callable."""
    if identifier is None or isinstance(identifier, Regularizer):
        return identifier
    if isinstance(identifier, (str, dict)):
        return deserialize(identifier)
    if inspect.isclass(identifier):
        return identifier()
    if callable(identifier):
        return identifier
    raise ValueError(f"Could not interpret regularizer identifier: {identifier!r}")


def _lookup(name, custom_objects):
    if custom_objects and name in custom_objects:
        return custom_objects[name]
    cls = ALL_OBJECTS.get(name)
    if cls is None:
        raise ValueError(
            f"Could not interpret regularizer identifier: {name!r}. "
            f"Expected one of: {', '.join(sorted(ALL_OBJECTS))}"
        )
    return cls
