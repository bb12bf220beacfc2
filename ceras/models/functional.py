"""Functional: a model defined by calling layers on symbolic ``Input`` tensors.

At construction the recorded graph is walked once from the outputs back to the
inputs and turned into a flat *call plan*: a list of steps, each reading its
arguments from numbered slots and writing its outputs to others. Running the
model walks that list; there is no graph search per call. When the graph has no
masks, steps call each layer's ``call`` directly (the layer was validated and
built symbolically already).
"""
from ceras import backend
from ceras.backend import KerasTensor, tree
from ceras.layers.call_context import CONTEXT
from ceras.layers.core.input_layer import InputLayer
from ceras.layers.layer import Layer
from ceras.models.graph_order import keras_operation_order
from ceras.models.model import Model
from ceras.ops.operation import FunctionOperation


class _Step:
    __slots__ = ("operation", "args", "kwargs", "in_slot", "out_slots", "fast", "pass_training",
                 "single_out", "structure", "node")


class Functional(Model):
    def __init__(self, inputs, outputs, name=None, **kwargs):
        trainable = kwargs.pop("trainable", True)
        Layer.__init__(self, name=name, trainable=trainable, **kwargs)
        self._init_model()
        self._inputs_struct = _standardize_structure(inputs, "inputs", self.name)
        self._outputs_struct = _standardize_structure(outputs, "outputs", self.name)
        self.inputs = tree.flatten(self._inputs_struct)
        self.outputs = tree.flatten(self._outputs_struct)
        self._build_plan()
        self.built = True
        self._build_shapes = tree.map_structure(lambda t: t.shape, self._inputs_struct)

    # -- graph ---------------------------------------------------------------
    def _build_plan(self):
        input_ids = {id(t): i for i, t in enumerate(self.inputs)}
        nodes = _topological_nodes(self.outputs, input_ids, self.name)
        slot_of = {id(t): i for i, t in enumerate(self.inputs)}
        steps, has_mask = [], False
        for node in nodes:
            op = node.operation
            if isinstance(op, InputLayer) or node.is_input:
                continue
            step = _Step()
            step.node = node
            step.operation = op
            step.args = tree.map_structure(
                lambda x: _Slot(slot_of[id(x)]) if isinstance(x, KerasTensor) else x,
                node.call_args)
            step.kwargs = tree.map_structure(
                lambda x: _Slot(slot_of[id(x)]) if isinstance(x, KerasTensor) else x,
                node.call_kwargs)
            step.out_slots = []
            for t in node.outputs:
                slot_of[id(t)] = len(slot_of)
                step.out_slots.append(slot_of[id(t)])
                has_mask = has_mask or getattr(t, "_keras_mask", None) is not None
            step.single_out = len(node.outputs) == 1 and isinstance(
                node.output_structure, KerasTensor)
            step.structure = node.output_structure
            simple = (len(step.args) == 1 and isinstance(step.args[0], _Slot)
                      and not step.kwargs)
            step.in_slot = step.args[0].index if simple else None
            steps.append(step)
        self._slot_count = len(slot_of)
        self._output_slots = [slot_of[id(t)] for t in self.outputs]
        self._steps = steps
        self._has_masks = has_mask
        for step in steps:
            step.fast, step.pass_training = self._fast_path_for(step)
        self._operations = keras_operation_order(self.inputs, self.outputs)
        for op in self._operations:
            if isinstance(op, Layer) and op not in self._layers:
                self._layers.append(op)
                self._register_sublayer(op.name, op)

    def _fast_path_for(self, step):
        op = step.operation
        if isinstance(op, FunctionOperation):
            return True, False
        if self._has_masks or not isinstance(op, Layer) or not op.built:
            return False, False
        if op.activity_regularizer is not None or op._call_has_mask:
            return False, False
        for t in step.node.input_tensors:
            if backend.is_float(t.dtype) and t.dtype != op.compute_dtype and op.autocast:
                return False, False
        return True, op._call_has_training

    @property
    def layers(self):
        return [op for op in self._operations if isinstance(op, Layer)]

    @property
    def operations(self):
        return list(self._operations)

    @property
    def input(self):
        return self._inputs_struct

    @property
    def output(self):
        return self._outputs_struct

    @property
    def input_shape(self):
        return tree.map_structure(lambda t: t.shape, self._inputs_struct)

    @property
    def output_shape(self):
        return tree.map_structure(lambda t: t.shape, self._outputs_struct)

    # -- running -------------------------------------------------------------
    def call(self, inputs, training=None, mask=None):
        slots = [None] * self._slot_count
        flat = self._standardize_inputs(inputs)
        slots[: len(flat)] = flat
        if mask is not None:
            for x, m in zip(flat, tree.flatten(mask)):
                if m is not None:
                    x._keras_mask = m
        for step in self._steps:
            if step.in_slot is not None:
                args = (slots[step.in_slot],)
                kwargs = {}
            else:
                args = tree.map_structure(
                    lambda a: slots[a.index] if isinstance(a, _Slot) else a, step.args)
                kwargs = tree.map_structure(
                    lambda a: slots[a.index] if isinstance(a, _Slot) else a, step.kwargs)
            op = step.operation
            if step.fast:
                if step.pass_training and training is not None:
                    kwargs = dict(kwargs, training=training)
                out = op.call(*args, **kwargs)
            else:
                if isinstance(op, Layer) and op._call_has_training and "training" not in kwargs \
                        and training is not None:
                    kwargs = dict(kwargs, training=training)
                out = op(*args, **kwargs)
            if step.single_out:
                slots[step.out_slots[0]] = out
            else:
                for slot, value in zip(step.out_slots, tree.flatten(out)):
                    slots[slot] = value
        outputs = [slots[i] for i in self._output_slots]
        if isinstance(self._outputs_struct, KerasTensor):
            return outputs[0]
        return tree.pack_sequence_as(self._outputs_struct, outputs)

    def _standardize_inputs(self, inputs):
        struct = self._inputs_struct
        if isinstance(struct, dict):
            if not isinstance(inputs, dict):
                if len(struct) == 1 and not isinstance(inputs, (list, tuple)):
                    inputs = {next(iter(struct)): inputs}
                else:
                    raise ValueError(
                        f'Model "{self.name}" expects a dict of inputs with keys '
                        f"{sorted(struct)}, received {type(inputs).__name__}"
                    )
            missing = [k for k in struct if k not in inputs]
            if missing:
                raise ValueError(
                    f'Model "{self.name}" is missing inputs {missing}; expected keys '
                    f"{sorted(struct)}, received keys {sorted(inputs)}"
                )
            flat = [inputs[k] for k in sorted(struct)]
        elif isinstance(inputs, dict):
            by_name = {t.name: i for i, t in enumerate(self.inputs)}
            if all(k in by_name for k in inputs) and len(inputs) == len(self.inputs):
                flat = [None] * len(self.inputs)
                for k, v in inputs.items():
                    flat[by_name[k]] = v
            else:
                raise ValueError(
                    f'Model "{self.name}" expects inputs named '
                    f"{[t.name for t in self.inputs]}, received a dict with keys {sorted(inputs)}"
                )
        elif isinstance(inputs, (list, tuple)) and len(self.inputs) > 1:
            flat = list(inputs)
        elif len(self.inputs) == 1:
            flat = [inputs[0] if isinstance(inputs, (list, tuple)) and len(inputs) == 1
                    and not isinstance(struct, KerasTensor) else inputs]
        else:
            flat = [inputs]
        if len(flat) != len(self.inputs):
            raise ValueError(
                f'Model "{self.name}" expects {len(self.inputs)} input(s), but it received '
                f"{len(flat)} input tensors."
            )
        out = []
        for i, (x, spec) in enumerate(zip(flat, self.inputs)):
            if x is None:
                out.append(None)
                continue
            if not backend.is_tensor(x) or backend.standardize_dtype(x.dtype) != spec.dtype:
                x = backend.convert_to_tensor(x, dtype=spec.dtype)
            shape = x.shape
            expected = spec.shape
            if len(shape) != len(expected) or any(
                    e is not None and e != d for e, d in zip(expected, shape)):
                raise ValueError(
                    f'Input {i} of layer "{self.name}" is incompatible with the layer: '
                    f"expected shape={expected}, found shape={tuple(shape)}"
                )
            out.append(x)
        return out

    def compute_output_spec(self, inputs, training=None, mask=None):
        flat = tree.flatten(inputs) if not isinstance(inputs, dict) else [
            inputs[k] for k in sorted(inputs)]
        for i, (x, spec) in enumerate(zip(flat, self.inputs)):
            shape = tuple(x.shape)
            if len(shape) != len(spec.shape) or any(
                    e is not None and d is not None and e != d
                    for e, d in zip(spec.shape, shape)):
                raise ValueError(
                    f'Input {i} of layer "{self.name}" is incompatible with the layer: '
                    f"expected shape={spec.shape}, found shape={shape}"
                )
        return backend.compute_output_spec(self.call, inputs, training=training)

    def get_config(self):
        from ceras.saving import functional_config  # noqa: PLC0415 - saving calls back down

        return functional_config.serialize_functional(self)

    @classmethod
    def from_config(cls, config, custom_objects=None):
        from ceras.saving import functional_config  # noqa: PLC0415

        return functional_config.deserialize_functional(cls, config, custom_objects)


class _Slot:
    __slots__ = ("index",)

    def __init__(self, index):
        self.index = index


def _standardize_structure(x, what, model_name):
    if isinstance(x, KerasTensor):
        return x
    if isinstance(x, dict):
        for k, v in x.items():
            _check_keras_tensor(v, what, model_name)
        return dict(x)
    if isinstance(x, (list, tuple)):
        for v in tree.flatten(x):
            _check_keras_tensor(v, what, model_name)
        return list(x)
    _check_keras_tensor(x, what, model_name)
    return x


def _check_keras_tensor(x, what, model_name):
    if not isinstance(x, KerasTensor) or x._keras_history is None:
        raise ValueError(
            f'Model "{model_name}": all `{what}` must be symbolic tensors produced by '
            f"`ceras.Input` or by calling layers on them; received {x!r}"
        )


def _topological_nodes(outputs, input_ids, model_name):
    """Nodes needed to compute ``outputs``, in an order where parents come first."""
    order, state = [], {}
    for out in outputs:
        stack = [(out._keras_history.operation._inbound_nodes[out._keras_history.node_index],
                  False)]
        while stack:
            node, expanded = stack.pop()
            key = id(node)
            if expanded:
                state[key] = "done"
                order.append(node)
                continue
            if state.get(key):
                continue
            state[key] = "visiting"
            stack.append((node, True))
            for t in node.input_tensors:
                if id(t) in input_ids:
                    continue
                history = t._keras_history
                if history is None:
                    raise ValueError(
                        f'Graph disconnected in model "{model_name}": tensor {t} has no '
                        "producing layer"
                    )
                parent = history.operation._inbound_nodes[history.node_index]
                if parent.is_input:
                    raise ValueError(
                        f'Graph disconnected in model "{model_name}": cannot obtain a value '
                        f'for tensor {t} at layer "{parent.operation.name}"; it is not one of '
                        f"the model's inputs."
                    )
                if not state.get(id(parent)):
                    stack.append((parent, False))
    return order
