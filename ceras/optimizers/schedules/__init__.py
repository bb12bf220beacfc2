"""ceras.optimizers.schedules: learning rates that change with the step (Keras's names)."""
from ceras.optimizers.schedules.learning_rate_schedule import (  # noqa: F401
    CosineDecay, CosineDecayRestarts, ExponentialDecay, InverseTimeDecay,
    LearningRateSchedule, PiecewiseConstantDecay, PolynomialDecay,
)
from ceras.saving import serialization_lib

MODULE = "keras.optimizers.schedules"
ALL_OBJECTS = {cls.__name__: cls for cls in (
    CosineDecay, CosineDecayRestarts, ExponentialDecay, InverseTimeDecay,
    LearningRateSchedule, PiecewiseConstantDecay, PolynomialDecay)}


def serialize(learning_rate_schedule):
    """The config dict of a schedule, in Keras's schema."""
    return serialization_lib.serialize_keras_object(learning_rate_schedule)


def deserialize(config, custom_objects=None):
    """A schedule from its config dict (``{"class_name", "config", ...}``)."""
    if not isinstance(config, dict) or "class_name" not in config:
        raise ValueError(
            "Could not deserialize learning rate schedule: expected a dict with a "
            f"'class_name' key. Received: {config!r}"
        )
    config = dict(config)
    config.setdefault("module", MODULE)
    try:
        serialization_lib.resolve_class(config, custom_objects)
    except TypeError:
        raise ValueError(
            f"Unknown learning rate schedule: '{config['class_name']}'. Expected one of: "
            f"{', '.join(sorted(ALL_OBJECTS))}, or a class passed in `custom_objects`."
        ) from None
    return serialization_lib.deserialize_keras_object(config, custom_objects=custom_objects)


__all__ = [
    "CosineDecay", "CosineDecayRestarts", "ExponentialDecay", "InverseTimeDecay",
    "LearningRateSchedule", "PiecewiseConstantDecay", "PolynomialDecay", "deserialize",
    "serialize",
]
