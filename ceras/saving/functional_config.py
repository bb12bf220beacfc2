"""A Functional model's config: its layers, the nodes connecting them, and which
tensors are its inputs and outputs, in Keras's schema; and the reverse."""
from ceras.backend import KerasTensor, tree
from ceras.saving.serialization_lib import (
    deserialize_keras_object, serialize_keras_object,
)


def _model_nodes(model):
    nodes = {id(step.node) for step in model._steps}
    for t in model.inputs:
        history = t._keras_history
        nodes.add(id(history.operation._inbound_nodes[history.node_index]))
    return nodes


def _node_index_in_model(op, node_index, model_nodes):
    """Position of the node among the op's nodes that belong to the model."""
    count = 0
    for i, node in enumerate(op._inbound_nodes):
        if i == node_index:
            return count
        if id(node) in model_nodes:
            count += 1
    return count


def _tensor_ref(t, model_nodes):
    history = t._keras_history
    return [history.operation.name,
            _node_index_in_model(history.operation, history.node_index, model_nodes),
            history.tensor_index]


def serialize_functional(model):
    model_nodes = _model_nodes(model)

    def encode(x):
        if isinstance(x, KerasTensor):
            return {"class_name": "__keras_tensor__",
                    "config": {"shape": list(x.shape), "dtype": x.dtype,
                               "keras_history": _tensor_ref(x, model_nodes)}}
        return serialize_keras_object(x)

    layers = []
    for op in model._operations:
        entry = serialize_keras_object(op)
        entry["name"] = op.name
        entry["inbound_nodes"] = [
            {"args": tree.map_structure(encode, list(node.call_args)),
             "kwargs": tree.map_structure(encode, dict(node.call_kwargs))}
            for node in op._inbound_nodes if id(node) in model_nodes and not node.is_input
        ]
        layers.append(entry)

    def refs(struct):
        if isinstance(struct, KerasTensor):
            return _tensor_ref(struct, model_nodes)
        if isinstance(struct, dict):
            return {k: _tensor_ref(v, model_nodes) for k, v in struct.items()}
        return [_tensor_ref(t, model_nodes) for t in struct]

    return {"name": model.name, "trainable": model.trainable, "layers": layers,
            "input_layers": refs(model._inputs_struct),
            "output_layers": refs(model._outputs_struct)}


def deserialize_functional(cls, config, custom_objects=None):
    created = {}   # layer name -> operation
    outputs = {}   # (layer name, node index) -> flat output tensors
    pending = []
    for layer_config in config["layers"]:
        op = deserialize_keras_object(layer_config, custom_objects=custom_objects)
        name = layer_config.get("name", getattr(op, "name", None))
        created[name] = op
        if type(op).__name__ == "InputLayer":
            outputs[(name, 0)] = [op.output]
        for node_data in layer_config.get("inbound_nodes", []):
            pending.append((name, op, node_data))

    def decode_all(x):
        if isinstance(x, dict) and "class_name" in x:
            return decode(x)
        if isinstance(x, dict):
            return {k: decode_all(v) for k, v in x.items()}
        if isinstance(x, (list, tuple)):
            return [decode_all(v) for v in x]
        return x

    def decode(x):
        if isinstance(x, dict) and x.get("class_name") == "__keras_tensor__":
            layer_name, node_index, tensor_index = x["config"]["keras_history"]
            key = (layer_name, node_index)
            if key not in outputs:
                raise LookupError(key)
            return outputs[key][tensor_index]
        if isinstance(x, dict) and "class_name" in x:
            return deserialize_keras_object(x, custom_objects=custom_objects)
        return x

    node_counts = {}
    progress = True
    while pending and progress:
        progress = False
        remaining = []
        for name, op, node_data in pending:
            node_data = _normalize_node(node_data)
            try:
                args = decode_all(node_data["args"])
                kwargs = decode_all(node_data["kwargs"])
            except LookupError:
                remaining.append((name, op, node_data))
                continue
            if hasattr(op, "op_name"):
                out = op.symbolic_call(*args, **kwargs)
            else:
                out = op(*args, **kwargs)
            index = node_counts.get(name, 0)
            node_counts[name] = index + 1
            outputs[(name, index)] = tree.flatten(out)
            progress = True
        pending = remaining
    if pending:
        raise ValueError(
            f"Could not rebuild model {config.get('name')!r}: layers "
            f"{sorted({p[0] for p in pending})} reference tensors that are never produced"
        )

    def resolve(refs):
        if isinstance(refs, dict):
            return {k: resolve(v) for k, v in refs.items()}
        if refs and isinstance(refs[0], str):
            layer_name, node_index, tensor_index = refs
            return outputs[(layer_name, node_index)][tensor_index]
        return [resolve(r) for r in refs]

    inputs = resolve(config["input_layers"])
    outs = resolve(config["output_layers"])
    model = cls(inputs=inputs, outputs=outs, name=config.get("name"),
                trainable=config.get("trainable", True))
    return model


def _normalize_node(node_data):
    """Keras 3 nodes are {"args", "kwargs"}; Keras 2 files use lists of
    [layer_name, node_index, tensor_index, kwargs]."""
    if isinstance(node_data, dict):
        return {"args": node_data.get("args", []), "kwargs": node_data.get("kwargs", {})}
    tensors = []
    kwargs = {}
    for entry in node_data:
        layer_name, node_index, tensor_index = entry[:3]
        if len(entry) > 3 and entry[3]:
            kwargs.update(entry[3])
        tensors.append({"class_name": "__keras_tensor__",
                        "config": {"keras_history": [layer_name, node_index, tensor_index]}})
    args = [tensors[0]] if len(tensors) == 1 else [tensors]
    return {"args": args, "kwargs": kwargs}
