"""get / serialize / deserialize for constraints.

A local registry, producing Keras's config schema
``{"module": "keras.constraints", "class_name": ..., "config": ..., "registered_name": None}``,
until the serialization core in ceras/saving takes this over.
"""
import inspect

from ceras.constraints.constraints import Constraint, MaxNorm, MinMaxNorm, NonNeg, UnitNorm

MODULE = "keras.constraints"
_CLASSES = (MaxNorm, MinMaxNorm, NonNeg, UnitNorm)
ALL_OBJECTS = {cls.__name__: cls for cls in _CLASSES}
ALL_OBJECTS.update({"max_norm": MaxNorm, "min_max_norm": MinMaxNorm, "non_neg": NonNeg,
                    "unit_norm": UnitNorm, "Constraint": Constraint, "constraint": Constraint})


def serialize(constraint):
    """The config dict of ``constraint`` (None stays None)."""
    if constraint is None:
        return None
    cls = type(constraint)
    builtin = ALL_OBJECTS.get(cls.__name__) is cls
    return {"module": MODULE if builtin else cls.__module__, "class_name": cls.__name__,
            "config": constraint.get_config(),
            "registered_name": None if builtin else cls.__name__}


def deserialize(config, custom_objects=None):
    """A constraint from a config dict, a ``{"class_name", "config"}`` dict or a name."""
    if isinstance(config, str):
        return _lookup(config, custom_objects)()
    if not isinstance(config, dict) or "class_name" not in config:
        raise ValueError(
            "Could not deserialize constraint: expected a name or a dict with a "
            f"'class_name' key. Received: {config!r}"
        )
    name = config.get("registered_name") or config["class_name"]
    if custom_objects and name not in custom_objects:
        name = config["class_name"]
    return _lookup(name, custom_objects).from_config(config.get("config") or {})


def get(identifier):
    """A constraint from a name, a config dict, an instance or a callable."""
    if identifier is None or isinstance(identifier, Constraint):
        return identifier
    if isinstance(identifier, (str, dict)):
        return deserialize(identifier)
    if inspect.isclass(identifier):
        return identifier()
    if callable(identifier):
        return identifier
    raise ValueError(f"Could not interpret constraint identifier: {identifier!r}")


def _lookup(name, custom_objects):
    if custom_objects and name in custom_objects:
        return custom_objects[name]
    cls = ALL_OBJECTS.get(name)
    if cls is None:
        raise ValueError(
            f"Could not interpret constraint identifier: {name!r}. "
            f"Expected one of: {', '.join(sorted(ALL_OBJECTS))}"
        )
    return cls
