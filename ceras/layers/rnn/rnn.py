"""RNN: run any recurrent cell over the time axis of a sequence."""
import re

from ceras import backend, ops, regularizers
from ceras.backend import KerasTensor, tree
from ceras.layers.layer import Layer
from ceras.layers.rnn.dropout_rnn_cell import DropoutRNNCell
from ceras.layers.rnn.stacked_rnn_cells import StackedRNNCells


class RNN(Layer):
    """Applies ``cell`` at every step of a (batch, time, ...) sequence.

    A cell is any object with ``call(inputs, states) -> (output, new_states)`` and a
    ``state_size`` (an int or a list of ints, one per state); ``output_size`` and
    ``get_initial_state(batch_size)`` are optional. A list of cells is stacked.

    Args:
        cell: the cell, or a list of cells (wrapped in ``StackedRNNCells``).
        return_sequences: return every step's output, not only the last (default False).
        return_state: also return the final states (default False).
        go_backwards: process the sequence in reverse; outputs are in processing order.
        stateful: keep the final states of a batch as the initial states of the next
            (needs a fixed batch size); ``reset_states()`` zeroes them.
        unroll: accepted for Keras compatibility; on torch the loop is eager either way.
        zero_output_for_mask: masked steps output zeros instead of the previous output.

    Call arguments: ``sequences``, ``initial_state`` (a list of state tensors),
    ``mask`` (batch, time) booleans (taken from the input's mask when not given: a
    masked step keeps the states and repeats the previous output), ``training``.

    Example:
        >>> RNN(LSTMCell(4), return_sequences=True)(np.ones((2, 5, 3))).shape
        (2, 5, 4)
    """

    def __init__(self, cell, return_sequences=False, return_state=False, go_backwards=False,
                 stateful=False, unroll=False, zero_output_for_mask=False, **kwargs):
        if isinstance(cell, (list, tuple)):
            cell = StackedRNNCells(cell)
        super().__init__(**kwargs)
        for attr in ("call", "state_size"):
            if not hasattr(cell, attr):
                raise ValueError(
                    f'Layer "{self.name}" expects a cell with a `{attr}` attribute (`call` '
                    "and an int or list `state_size`), received cell="
                    f"{cell!r} without `{attr}`"
                )
        state_size = cell.state_size
        if not isinstance(state_size, (list, tuple, int)):
            raise ValueError(
                f'Layer "{self.name}" expects cell.state_size to be an int or a list of ints, '
                f"received state_size={state_size!r}"
            )
        self.cell = cell
        self.return_sequences = return_sequences
        self.return_state = return_state
        self.go_backwards = go_backwards
        self.stateful = stateful
        self.unroll = unroll
        self.zero_output_for_mask = zero_output_for_mask
        self.single_state = isinstance(state_size, int)
        self.state_size = [state_size] if self.single_state else list(state_size)
        self.supports_masking = True
        self._set_states(None)
        self._expected_batch_size = None

    def _set_states(self, states):
        # Stateful states are Variables but not weights (Keras keeps them out of
        # `weights`), so they bypass attribute tracking.
        object.__setattr__(self, "states", states)

    # -- shapes --------------------------------------------------------------
    def _check_sequences_shape(self, shape):
        ndim = self.input_spec.ndim if self.input_spec is not None else None
        if (ndim is not None and len(shape) != ndim) or len(shape) < 3:
            expected = f"ndim={ndim}" if ndim is not None else "min_ndim=3"
            raise ValueError(
                f'Input 0 of layer "{self.name}" is incompatible with the layer: expected '
                f"{expected} (batch, timesteps, features), found ndim={len(shape)}. "
                f"Full shape received: {tuple(shape)}"
            )

    def _output_size(self):
        size = getattr(self.cell, "output_size", None)
        if size is None:
            size = self.state_size[0]
        return size

    def compute_output_shape(self, sequences_shape, initial_state_shape=None):
        batch, steps = sequences_shape[0], sequences_shape[1]
        size = self._output_size()
        size = tuple(size) if isinstance(size, (list, tuple)) else (size,)
        output = (batch, steps) + size if self.return_sequences else (batch,) + size
        if not self.return_state:
            return output
        states = [[(batch, s) for s in size] if isinstance(size, (list, tuple)) else
                  (batch, size) for size in self.state_size]
        return (output, *states)

    def compute_output_spec(self, sequences, initial_state=None, mask=None, training=None):
        return shapes_to_specs(self.compute_output_shape(tuple(sequences.shape)),
                               self.compute_dtype)

    def compute_mask(self, inputs, mask=None):
        mask = tree.flatten(mask)[0] if mask is not None else None
        output_mask = mask if self.return_sequences else None
        if self.return_state:
            return [output_mask] + [None] * len(self.state_size)
        return output_mask

    # -- building ------------------------------------------------------------
    def build(self, sequences_shape, initial_state_shape=None):
        self._check_sequences_shape(sequences_shape)
        step_shape = (sequences_shape[0],) + tuple(sequences_shape[2:])
        if isinstance(self.cell, Layer) and not self.cell.built:
            self.cell.build(step_shape)
        if self.stateful:
            if self.states is not None:
                self.reset_state()
                return
            if sequences_shape[0] is None:
                raise ValueError(
                    f'Layer "{self.name}" is stateful, so its batch size must be fixed; '
                    f"received input shape {tuple(sequences_shape)} (pass `batch_size` to "
                    "Input, or `batch_shape`)"
                )
            self._create_state_variables(sequences_shape[0])

    def _create_state_variables(self, batch_size):
        states = [backend.Variable(value, trainable=False, dtype=self.variable_dtype,
                                   name="rnn_state")
                  for value in tree.flatten(self.get_initial_state(batch_size))]
        self._set_states(states)
        self._expected_batch_size = batch_size

    def get_initial_state(self, batch_size):
        fn = getattr(self.cell, "get_initial_state", None)
        if fn is None:
            return [ops.zeros((batch_size, d), dtype=self.cell.compute_dtype)
                    for d in self.state_size]
        states = fn(batch_size=batch_size)
        return list(states) if isinstance(states, (list, tuple)) else [states]

    def reset_states(self):
        self.reset_state()

    def reset_state(self):
        if self.states is not None:
            for v in self.states:
                v.assign(ops.zeros_like(v.value))

    # -- calling -------------------------------------------------------------
    def call(self, sequences, initial_state=None, mask=None, training=False):
        batch = ops.shape(sequences)[0]
        if initial_state is None:
            if self.stateful:
                initial_state = self._stateful_initial_state()
            else:
                initial_state = self.get_initial_state(batch)
        if self.stateful and self._expected_batch_size not in (None, batch):
            self._raise_batch_mismatch(batch)
        if not isinstance(initial_state, (list, tuple)):
            initial_state = [initial_state]
        dtype = self.compute_dtype
        initial_state = tree.map_structure(
            lambda s: ops.convert_to_tensor(s, dtype=dtype), list(initial_state))
        if isinstance(mask, (list, tuple)):
            mask = mask[0]
        dropout = training and self._has_dropout(self.cell)
        if dropout:
            self._config_dropout_masks(self.cell, sequences[:, 0], initial_state)
        try:
            last_output, outputs, states = self.inner_loop(
                sequences, initial_state, mask, training=training)
        finally:
            if dropout:
                self._reset_dropout_masks(self.cell)
        dtype = self.compute_dtype
        if ops.dtype(last_output) != dtype:  # e.g. float32 kernels under mixed precision
            last_output, outputs = ops.cast(last_output, dtype), ops.cast(outputs, dtype)
            states = tree.map_structure(lambda s: ops.cast(s, dtype), states)
        if self.stateful:
            for variable, state in zip(self.states, tree.flatten(states)):
                variable.assign(ops.stop_gradient(state))
        output = outputs if self.return_sequences else last_output
        if self.return_state:
            return (output, *states)
        return output

    def _stateful_initial_state(self):
        flat = [ops.convert_to_tensor(v) for v in self.states]
        template = self.get_initial_state(self._expected_batch_size)
        return tree.pack_sequence_as(template, flat)

    def _raise_batch_mismatch(self, batch):
        raise ValueError(
            f'Layer "{self.name}" is stateful with batch size {self._expected_batch_size}, '
            f"but received a batch of {batch} sequences"
        )

    def inner_loop(self, sequences, initial_state, mask, training=False):
        """The step loop (``backend.rnn.rnn``); LSTM and GRU first try a fused kernel."""
        cell = self.cell
        if isinstance(cell, Layer) and cell.built:
            fn = cell.call
            kwargs = {"training": training} if cell._call_has_training else {}
        else:
            fn, kwargs = cell, {}

        def step(inputs, states):
            output, new_states = fn(inputs, list(states), **kwargs)
            if not isinstance(new_states, (list, tuple)):
                new_states = [new_states]
            return output, new_states

        return backend.rnn.rnn(
            step, sequences, initial_state, go_backwards=self.go_backwards, mask=mask,
            unroll=self.unroll, zero_output_for_mask=self.zero_output_for_mask,
            return_all_outputs=self.return_sequences)

    # -- dropout masks: drawn once per call, the same at every step ------------
    def _has_dropout(self, cell):
        if isinstance(cell, StackedRNNCells):
            return any(self._has_dropout(c) for c in cell.cells)
        return isinstance(cell, DropoutRNNCell) and (cell.dropout > 0 or
                                                     cell.recurrent_dropout > 0)

    def _config_dropout_masks(self, cell, step_input, states):
        if isinstance(cell, DropoutRNNCell):
            state = states[0] if isinstance(states, (list, tuple)) else states
            cell.get_dropout_mask(step_input)
            cell.get_recurrent_dropout_mask(state)
        elif isinstance(cell, StackedRNNCells):
            # Each cell's masks are shaped like its own input: the previous cell's output.
            for c, s in zip(cell.cells, states):
                self._config_dropout_masks(c, step_input, s)
                s = list(s) if isinstance(s, (list, tuple)) else [s]
                fn = c.call if isinstance(c, Layer) else c
                step_input, _ = fn(step_input, s)

    def _reset_dropout_masks(self, cell):
        if isinstance(cell, DropoutRNNCell):
            cell.reset_dropout_mask()
            cell.reset_recurrent_dropout_mask()
        elif isinstance(cell, StackedRNNCells):
            for c in cell.cells:
                self._reset_dropout_masks(c)

    # -- config --------------------------------------------------------------
    def get_config(self):
        from ceras.saving import serialization_lib  # noqa: PLC0415 - saving sits above

        config = super().get_config()
        config.update({
            "return_sequences": self.return_sequences,
            "return_state": self.return_state,
            "go_backwards": self.go_backwards,
            "stateful": self.stateful,
            "unroll": self.unroll,
            "zero_output_for_mask": self.zero_output_for_mask,
        })
        # LSTM, GRU, SimpleRNN and ConvLSTM drop "cell": their arguments rebuild it.
        config["cell"] = serialization_lib.serialize_keras_object(self.cell)
        return config

    @classmethod
    def from_config(cls, config, custom_objects=None):
        from ceras.saving import serialization_lib  # noqa: PLC0415

        config = dict(config)
        if "cell" in config:
            cell = serialization_lib.deserialize_keras_object(
                config.pop("cell"), custom_objects=custom_objects)
            return super().from_config({**config, "cell": cell})
        return super().from_config(config)



def cell_property(name):
    """A read-only layer attribute that forwards to ``self.cell`` (LSTM.units ...)."""
    return property(lambda self: getattr(self.cell, name), doc=f"The cell's `{name}`.")


def cell_layer_config(layer, base_config):
    """The config of a layer that builds its own cell (LSTM, GRU, SimpleRNN, ConvLSTM):
    the RNN arguments, then the cell's arguments in place of the serialized cell."""
    config = dict(base_config)
    config.pop("cell", None)
    cell_config = layer.cell.get_config()
    for key in ("name", "trainable", "dtype"):
        cell_config.pop(key, None)
    config.update(cell_config)
    config["activity_regularizer"] = regularizers.serialize(layer.activity_regularizer)
    return config


def shapes_to_specs(shapes, dtype):
    """KerasTensors for a shape or a (nested) list / tuple of shapes."""
    if isinstance(shapes, tuple) and all(d is None or isinstance(d, int) for d in shapes):
        return KerasTensor(shapes, dtype=dtype)
    return type(shapes)(shapes_to_specs(s, dtype) for s in shapes)


def check_units(layer_cls, units, kwargs):
    """Validate ``units`` before the layer (and its name) exist, naming the layer as it
    will be named, so LSTM(0) blames "lstm" rather than its inner cell."""
    if not isinstance(units, int) or isinstance(units, bool) or units <= 0:
        name = kwargs.get("name") or re.sub(r"(?<=[a-z])(?=[A-Z])", "_", layer_cls).lower()
        raise ValueError(
            f'Layer "{name}" expects `units` to be a positive integer, received '
            f"units={units!r}"
        )
