"""Operation: anything that can be called on symbolic tensors and recorded in a graph.

Layers are Operations; so is every ``ceras.ops`` function called on a
KerasTensor (wrapped in a ``FunctionOperation``), which is how ``x + 1`` or
``ops.concatenate`` inside a Functional model definition become graph steps.
"""
from ceras.backend import any_symbolic, compute_output_spec, global_state
from ceras.ops.node import Node


class Operation:
    def __init__(self, name=None):
        if name is None:
            name = global_state.auto_name(type(self).__name__)
        elif not isinstance(name, str) or "/" in name:
            raise ValueError(
                f"Argument `name` of {type(self).__name__} must be a string without '/', "
                f"received name={name!r}"
            )
        self.name = name
        self._inbound_nodes = []
        self._outbound_nodes = []

    def __call__(self, *args, **kwargs):
        if any_symbolic(args, kwargs):
            return self.symbolic_call(*args, **kwargs)
        return self.call(*args, **kwargs)

    def symbolic_call(self, *args, **kwargs):
        outputs = self.compute_output_spec(*args, **kwargs)
        Node(self, args, kwargs, outputs)
        return outputs

    def call(self, *args, **kwargs):
        raise NotImplementedError(f"{type(self).__name__} must implement call()")

    def compute_output_spec(self, *args, **kwargs):
        return compute_output_spec(self.call, *args, **kwargs)

    def get_config(self):
        return {"name": self.name}

    @classmethod
    def from_config(cls, config):
        return cls(**config)


class FunctionOperation(Operation):
    """An ``ops`` function recorded as a graph step (e.g. ``x + 1`` on Inputs)."""

    def __init__(self, op_name, fn, name=None):
        super().__init__(name=name or global_state.uniquify(op_name))
        self.op_name = op_name
        self.fn = fn
        # Non-tensor arguments that a saved Keras file stores in the op's config.
        self._config_kwargs = {}

    def call(self, *args, **kwargs):
        if self._config_kwargs:
            kwargs = {**self._config_kwargs, **kwargs}
        return self.fn(*args, **kwargs)

    def get_config(self):
        return {"name": self.name, **self._config_kwargs}
