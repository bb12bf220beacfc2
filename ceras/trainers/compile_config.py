"""The compile configuration a saved model carries, and the model's output names."""
from ceras.saving import serialization_lib


def get_compile_config(model):
    """The arguments of ``compile`` in Keras's serialized form (None if not compiled)."""
    if not model.compiled or model._compile_config is None:
        return None
    config = dict(model._compile_config)
    # The optimizer object, not the name it was given: its settings (and, once
    # restored, its state) belong to the saved model.
    config["optimizer"] = model.optimizer
    return serialization_lib.serialize_keras_object(config)


def compile_from_config(model, config):
    """``model.compile(**config)`` from a serialized compile config."""
    config = dict(config)
    for key in ("optimizer", "loss", "metrics", "weighted_metrics"):
        value = config.get(key)
        if value is not None:
            config[key] = _deserialize(value)
    model.compile(**config)
    optimizer = model.optimizer
    if model.built and optimizer is not None and not getattr(optimizer, "built", True):
        # Built now, so that saved optimizer variables have somewhere to load into.
        optimizer.build(model.trainable_variables)


def _deserialize(value):
    if isinstance(value, dict) and "class_name" in value:
        return serialization_lib.deserialize_keras_object(value)
    if isinstance(value, dict):
        return {k: _deserialize(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_deserialize(v) for v in value]
    return value


def output_names(model):
    """The names of a model's outputs: its ``output_names``, else the names of the
    layers producing its symbolic outputs (None when they are unknown)."""
    names = getattr(model, "output_names", None)
    if names:
        return list(names)
    outputs = getattr(model, "outputs", None)
    if not outputs:
        return None
    out = []
    for t in outputs:
        history = getattr(t, "_keras_history", None)
        out.append(history.operation.name if history is not None else None)
    return out if all(out) else None
