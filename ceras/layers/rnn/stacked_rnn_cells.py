"""StackedRNNCells: several cells acting as one (each feeds the next)."""
from ceras import ops
from ceras.layers.layer import Layer


class StackedRNNCells(Layer):
    """A list of cells run one after the other at each step; the state is the list
    of the cells' states and the output is the last cell's output.

    Args:
        cells: list of cell instances.

    Example:
        >>> cells = [LSTMCell(8), GRUCell(4)]
        >>> RNN(StackedRNNCells(cells))(np.ones((2, 5, 3))).shape
        (2, 4)
    """

    def __init__(self, cells, **kwargs):
        super().__init__(**kwargs)
        for cell in cells:
            for attr in ("call", "state_size"):
                if not hasattr(cell, attr):
                    raise ValueError(
                        f'Layer "{self.name}" expects every cell to have `call` and '
                        f"`state_size`; received cell={cell!r} without `{attr}`"
                    )
        self.cells = list(cells)

    @property
    def state_size(self):
        return [c.state_size for c in self.cells]

    @property
    def output_size(self):
        last = self.cells[-1]
        if getattr(last, "output_size", None) is not None:
            return last.output_size
        size = last.state_size
        return size[0] if isinstance(size, (list, tuple)) else size

    def get_initial_state(self, batch_size=None):
        states = []
        for cell in self.cells:
            fn = getattr(cell, "get_initial_state", None)
            if fn is not None:
                states.append(fn(batch_size=batch_size))
            elif isinstance(cell.state_size, int):
                states.append(ops.zeros((batch_size, cell.state_size), dtype=self.compute_dtype))
            else:
                states.append([ops.zeros((batch_size, d), dtype=self.compute_dtype)
                               for d in cell.state_size])
        return states

    def call(self, inputs, states, training=False, **kwargs):
        new_states = []
        for cell, cell_states in zip(self.cells, states):
            was_list = isinstance(cell_states, (list, tuple))
            cell_states = list(cell_states) if was_list else [cell_states]
            if isinstance(cell, Layer) and cell.built:
                call_kwargs = dict(kwargs, training=training) if cell._call_has_training \
                    else kwargs
                inputs, cell_states = cell.call(inputs, cell_states, **call_kwargs)
            else:
                inputs, cell_states = cell(inputs, cell_states, **kwargs)
            if isinstance(cell_states, (list, tuple)) and len(cell_states) == 1 and not was_list:
                cell_states = cell_states[0]
            new_states.append(cell_states)
        if len(new_states) == 1:
            new_states = new_states[0]
        return inputs, new_states

    def build(self, input_shape):
        batch = input_shape[0]
        for cell in self.cells:
            if isinstance(cell, Layer) and not cell.built:
                cell.build(input_shape)
            size = getattr(cell, "output_size", None)
            if size is None:
                size = cell.state_size[0] if isinstance(cell.state_size, (list, tuple)) \
                    else cell.state_size
            input_shape = (batch, size)

    def get_config(self):
        from ceras.saving import serialization_lib  # noqa: PLC0415 - saving sits above

        config = super().get_config()
        config["cells"] = [serialization_lib.serialize_keras_object(c) for c in self.cells]
        return config

    @classmethod
    def from_config(cls, config, custom_objects=None):
        from ceras.saving import serialization_lib  # noqa: PLC0415

        config = dict(config)
        cells = [serialization_lib.deserialize_keras_object(c, custom_objects=custom_objects)
                 for c in config.pop("cells")]
        return super().from_config({**config, "cells": cells})
