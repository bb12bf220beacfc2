"""clone_model: a new model with the same architecture and fresh weights."""
from ceras.backend import KerasTensor
from ceras.layers.core.input_layer import Input, InputLayer
from ceras.models.functional import Functional
from ceras.models.sequential import Sequential
from ceras.saving import serialization_lib


def _default_clone(layer):
    return type(layer).from_config(layer.get_config())


def clone_model(model, input_tensors=None, clone_function=None, call_function=None,
                recursive=False, **kwargs):
    """Rebuild ``model`` layer by layer (through ``clone_function``, default: from the
    layer's config), with new weights. Sequential and Functional models keep their
    structure; a subclassed model is rebuilt from its config.

    Args:
        input_tensors: optional new input tensors (Functional/Sequential).
        clone_function: ``layer -> new layer``; return the same layer to share it.
        call_function: ``(layer, *args, **kwargs) -> outputs`` to customise each call.
    """
    clone_function = clone_function or _default_clone
    if isinstance(model, Sequential):
        new_layers = [clone_function(layer) for layer in model.layers]
        if input_tensors is not None:
            tensors = input_tensors if isinstance(input_tensors, (list, tuple)) else \
                [input_tensors]
            inputs = tensors[0]
        elif model._input_layer is not None:
            inputs = Input(batch_shape=model._input_layer.batch_shape,
                           dtype=model._input_layer.dtype)
        else:
            return Sequential(new_layers, name=model.name)
        x = inputs
        for layer in new_layers:
            x = call_function(layer, x) if call_function else layer(x)
        clone = Sequential(name=model.name)
        clone.add(inputs._keras_history.operation) if isinstance(
            inputs._keras_history.operation, InputLayer) else None
        for layer in new_layers:
            clone.add(layer, rebuild=False)
        clone._maybe_rebuild()
        return clone
    if isinstance(model, Functional):
        return _clone_functional(model, input_tensors, clone_function, call_function)
    config = serialization_lib.serialize_keras_object(model)
    return serialization_lib.deserialize_keras_object(config)


def _clone_functional(model, input_tensors, clone_function, call_function):
    mapping = {}
    if input_tensors is not None:
        given = input_tensors if isinstance(input_tensors, (list, tuple)) else [input_tensors]
        if len(given) != len(model.inputs):
            raise ValueError(
                f"clone_model: model {model.name!r} has {len(model.inputs)} inputs, "
                f"received {len(given)} input_tensors"
            )
        for old, new in zip(model.inputs, given):
            mapping[id(old)] = new
    else:
        for old in model.inputs:
            mapping[id(old)] = Input(batch_shape=old.shape, dtype=old.dtype, name=old.name)
    cloned_ops = {}
    for step in model._steps:
        node = step.node
        op = node.operation
        if hasattr(op, "op_name"):
            new_op = op
        else:
            if id(op) not in cloned_ops:
                cloned_ops[id(op)] = clone_function(op)
            new_op = cloned_ops[id(op)]
        args = _replace(node.call_args, mapping)
        kwargs = _replace(node.call_kwargs, mapping)
        if hasattr(new_op, "op_name"):
            out = new_op.symbolic_call(*args, **kwargs)
        elif call_function is not None:
            out = call_function(new_op, *args, **kwargs)
        else:
            out = new_op(*args, **kwargs)
        flat = out if isinstance(out, (list, tuple)) else [out]
        for old, new in zip(node.outputs, flat):
            mapping[id(old)] = new
    inputs = _replace(model._inputs_struct, mapping)
    outputs = _replace(model._outputs_struct, mapping)
    return Functional(inputs, outputs, name=model.name)


def _replace(struct, mapping):
    if isinstance(struct, KerasTensor):
        return mapping.get(id(struct), struct)
    if isinstance(struct, dict):
        return {k: _replace(v, mapping) for k, v in struct.items()}
    if isinstance(struct, (list, tuple)):
        return type(struct)(_replace(v, mapping) for v in struct)
    return struct
