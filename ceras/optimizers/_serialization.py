"""get / serialize / deserialize for optimizers, through the one serialization core."""
from ceras.optimizers.adadelta import Adadelta
from ceras.optimizers.adafactor import Adafactor
from ceras.optimizers.adagrad import Adagrad
from ceras.optimizers.adam import Adam
from ceras.optimizers.adamax import Adamax
from ceras.optimizers.adamw import AdamW
from ceras.optimizers.ftrl import Ftrl
from ceras.optimizers.lamb import Lamb
from ceras.optimizers.lion import Lion
from ceras.optimizers.loss_scale_optimizer import LossScaleOptimizer
from ceras.optimizers.muon import Muon
from ceras.optimizers.nadam import Nadam
from ceras.optimizers.optimizer import Optimizer
from ceras.optimizers.rmsprop import RMSprop
from ceras.optimizers.schedule_free_adamw import ScheduleFreeAdamW
from ceras.optimizers.sgd import SGD
from ceras.saving import serialization_lib

MODULE = "keras.optimizers"
_CLASSES = (Adadelta, Adafactor, Adagrad, Adam, AdamW, Adamax, Ftrl, Lamb, Lion,
            LossScaleOptimizer, Muon, Nadam, RMSprop, ScheduleFreeAdamW, SGD)
# Keras resolves names case-insensitively: 'adam', 'Adam' and 'ADAM' are one optimizer.
ALL_OBJECTS = {cls.__name__.lower(): cls for cls in _CLASSES}


def serialize(optimizer):
    """The config dict of ``optimizer``, in Keras's schema."""
    return serialization_lib.serialize_keras_object(optimizer)


def deserialize(config, custom_objects=None):
    """An optimizer from a config dict (``{"class_name", "config", ...}``)."""
    if not isinstance(config, dict) or "class_name" not in config:
        raise ValueError(
            "Could not deserialize optimizer: expected a dict with a 'class_name' key. "
            f"Received: {config!r}"
        )
    custom_objects = custom_objects or {}
    cls = ALL_OBJECTS.get(config["class_name"].lower())
    if cls is not None and config["class_name"] not in custom_objects and \
            config.get("registered_name") in (None, cls.__name__):
        return cls.from_config(config.get("config") or {}, custom_objects=custom_objects)
    try:
        serialization_lib.resolve_class(config, custom_objects)
    except TypeError:
        raise ValueError(_unknown(config["class_name"])) from None
    return serialization_lib.deserialize_keras_object(config, custom_objects=custom_objects)


def get(identifier):
    """An optimizer from a name ('adam'), a config dict or an instance (None stays None)."""
    if identifier is None or isinstance(identifier, Optimizer):
        return identifier
    if isinstance(identifier, dict):
        return deserialize(identifier)
    if isinstance(identifier, str):
        cls = ALL_OBJECTS.get(identifier.lower())
        if cls is None:
            raise ValueError(_unknown(identifier))
        return cls()
    raise ValueError(f"Could not interpret optimizer identifier: {identifier}")


def _unknown(name):
    valid = ", ".join(f"'{n}'" for n in sorted(ALL_OBJECTS))
    return f"Could not interpret optimizer identifier: {name}. Expected one of: {valid}"
