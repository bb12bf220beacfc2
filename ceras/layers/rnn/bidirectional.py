"""Bidirectional: run an RNN forwards and backwards and merge the two outputs."""
import copy

from ceras import backend, ops
from ceras.layers.layer import Layer
from ceras.layers.rnn.gru import GRU
from ceras.layers.rnn.lstm import LSTM
from ceras.layers.rnn.rnn import shapes_to_specs

_MERGE_MODES = ("sum", "mul", "ave", "concat", None)


class Bidirectional(Layer):
    """Runs a copy of ``layer`` over the sequence and a reversed copy (``go_backwards``)
    over it backwards, then merges them; the backward outputs are flipped back to
    the input's time order first.

    Args:
        layer: an RNN layer (LSTM, GRU, SimpleRNN, RNN ...) to copy for both directions.
        merge_mode: "concat" (default), "sum", "mul", "ave", or None (a list of both).
        weights: optional initial weights: the forward half, then the backward half.
        backward_layer: optional RNN for the backward direction (must have
            ``go_backwards`` opposite to ``layer``'s).

    Weights: the forward layer's, then the backward layer's. With masks, both layers
    set ``zero_output_for_mask = return_sequences``, as in Keras.

    Example:
        >>> Bidirectional(LSTM(4), merge_mode="concat")(np.ones((2, 5, 3))).shape
        (2, 8)
    """

    def __init__(self, layer, merge_mode="concat", weights=None, backward_layer=None,
                 **kwargs):
        if not isinstance(layer, Layer):
            raise ValueError(
                f"Bidirectional expects a ceras Layer instance to wrap, received layer={layer!r}"
            )
        if backward_layer is not None and not isinstance(backward_layer, Layer):
            raise ValueError(
                "Bidirectional expects backward_layer to be a ceras Layer instance, received "
                f"backward_layer={backward_layer!r}"
            )
        if merge_mode not in _MERGE_MODES:
            raise ValueError(
                'Bidirectional expects merge_mode to be one of "sum", "mul", "ave", '
                f'"concat" or None, received merge_mode={merge_mode!r}'
            )
        super().__init__(**kwargs)
        self.forward_layer = _copy_layer(layer, "forward_")
        self.backward_layer = _copy_layer(layer, "backward_", go_backwards=True) \
            if backward_layer is None else backward_layer
        self._check_directions()
        for direction in (self.forward_layer, self.backward_layer):
            if getattr(direction, "zero_output_for_mask", None) is not None:
                direction.zero_output_for_mask = direction.return_sequences
        self.merge_mode = merge_mode
        self._initial_weights = weights
        self.stateful = layer.stateful
        self.return_sequences = layer.return_sequences
        self.return_state = layer.return_state
        self.supports_masking = True
        self.input_spec = layer.input_spec

    def _check_directions(self):
        fwd, bwd = self.forward_layer, self.backward_layer
        if fwd.go_backwards == bwd.go_backwards:
            raise ValueError(
                f'Layer "{self.name}" (Bidirectional) expects the forward and backward layers '
                "to have different go_backwards, received go_backwards="
                f"{fwd.go_backwards} for both"
            )
        for attr in ("stateful", "return_sequences", "return_state"):
            if getattr(fwd, attr) != getattr(bwd, attr):
                raise ValueError(
                    f'Layer "{self.name}" (Bidirectional) expects the forward and backward '
                    f'layers to have the same "{attr}", received {getattr(fwd, attr)} '
                    f"(forward) and {getattr(bwd, attr)} (backward)"
                )

    # -- shapes --------------------------------------------------------------
    def compute_output_shape(self, sequences_shape, initial_state_shape=None):
        shape = self.forward_layer.compute_output_shape(tuple(sequences_shape))
        states = ()
        if self.return_state:
            shape, states = shape[0], tuple(shape[1:])
        if self.merge_mode == "concat":
            shape = tuple(shape[:-1]) + (shape[-1] * 2,)
        if self.merge_mode is None:
            return (shape, shape) + states * 2 if self.return_state else [shape, shape]
        return (shape,) + states * 2 if self.return_state else tuple(shape)

    def compute_output_spec(self, sequences, initial_state=None, mask=None, training=None):
        return shapes_to_specs(self.compute_output_shape(tuple(sequences.shape)),
                               self.compute_dtype)

    def compute_mask(self, inputs, mask=None):
        if isinstance(mask, (list, tuple)):
            mask = mask[0]
        if self.return_sequences:
            output_mask = mask if self.merge_mode else [mask, mask]
        else:
            output_mask = None if self.merge_mode else [None, None]
        if self.return_state:
            count = len(self.forward_layer.state_size) * 2
            head = output_mask if isinstance(output_mask, list) else [output_mask]
            return head + [None] * count
        return output_mask

    # -- building / calling ----------------------------------------------------
    def build(self, sequences_shape, initial_state_shape=None):
        if not self.forward_layer.built:
            self.forward_layer.build(sequences_shape)
        if not self.backward_layer.built:
            self.backward_layer.build(sequences_shape)
        if self._initial_weights is not None:
            half = len(self._initial_weights) // 2
            self.forward_layer.set_weights(self._initial_weights[:half])
            self.backward_layer.set_weights(self._initial_weights[half:])
            self._initial_weights = None

    def call(self, sequences, initial_state=None, mask=None, training=None):
        if mask is None and self._fusable(initial_state):
            return self._call_fused(sequences, initial_state)
        forward_state = backward_state = None
        if initial_state is not None:
            half = len(initial_state) // 2
            forward_state, backward_state = initial_state[:half], initial_state[half:]
        kwargs = {"training": training}
        if mask is not None:
            kwargs["mask"] = mask
        y = self.forward_layer(sequences, initial_state=forward_state, **kwargs)
        y_rev = self.backward_layer(sequences, initial_state=backward_state, **kwargs)
        states = ()
        if self.return_state:
            states = tuple(y[1:]) + tuple(y_rev[1:])
            y, y_rev = y[0], y_rev[0]
        if self.return_sequences:
            y_rev = ops.flip(y_rev, axis=1)
        output = self._merge(y, y_rev)
        if self.return_state:
            return (*output, *states) if self.merge_mode is None else (output, *states)
        return output

    def _fusable(self, initial_state):
        """Both directions in one fused torch call: plain LSTMs (or reset_after GRUs) that
        could each use the fused kernel, without dropout, state or regularized outputs."""
        fwd, bwd = self.forward_layer, self.backward_layer
        kind = type(fwd)
        return (kind in (LSTM, GRU) and type(bwd) is kind and not self.stateful
                and fwd._fusable() and bwd._fusable()
                and not fwd.go_backwards and bwd.go_backwards
                and not (fwd.cell.dropout or bwd.cell.dropout)
                and fwd.cell.units == bwd.cell.units
                and fwd.activity_regularizer is None and bwd.activity_regularizer is None
                and (initial_state is None or
                     len(initial_state) == 2 * len(fwd.state_size)))

    def _call_fused(self, sequences, initial_state):
        fwd, bwd = self.forward_layer, self.backward_layer
        if initial_state is None:
            batch = ops.shape(sequences)[0]
            fwd_state, bwd_state = fwd.get_initial_state(batch), bwd.get_initial_state(batch)
        else:
            half = len(initial_state) // 2
            fwd_state, bwd_state = list(initial_state[:half]), list(initial_state[half:])
        weights = [(layer.cell.kernel.value, layer.cell.recurrent_kernel.value,
                    layer.cell.bias.value) for layer in (fwd, bwd)]
        if isinstance(fwd, LSTM):
            y, y_rev, fwd_state, bwd_state = backend.rnn.bidirectional_lstm(
                sequences, fwd_state, bwd_state, *weights,
                return_sequences=self.return_sequences)
        else:
            y, y_rev, fwd_state, bwd_state = backend.rnn.bidirectional_gru(
                sequences, fwd_state[0], bwd_state[0], *weights,
                return_sequences=self.return_sequences)
        dtype = self.compute_dtype
        output = self._merge(ops.cast(y, dtype), ops.cast(y_rev, dtype))
        if not self.return_state:
            return output
        states = tuple(ops.cast(s, dtype) for s in (*fwd_state, *bwd_state))
        return (*output, *states) if self.merge_mode is None else (output, *states)

    def _merge(self, y, y_rev):
        mode = self.merge_mode
        if mode == "concat":
            return ops.concatenate([y, y_rev], axis=-1)
        if mode == "sum":
            return y + y_rev
        if mode == "ave":
            return (y + y_rev) / 2
        if mode == "mul":
            return y * y_rev
        return [y, y_rev]

    # -- state ---------------------------------------------------------------
    def reset_states(self):
        self.reset_state()

    def reset_state(self):
        if not self.stateful:
            raise AttributeError(
                f'Layer "{self.name}" (Bidirectional) has no state to reset: it is not stateful'
            )
        self.forward_layer.reset_state()
        self.backward_layer.reset_state()

    @property
    def states(self):
        if self.forward_layer.states and self.backward_layer.states:
            return tuple(self.forward_layer.states) + tuple(self.backward_layer.states)
        return None

    # -- config --------------------------------------------------------------
    def get_config(self):
        from ceras.saving import serialization_lib  # noqa: PLC0415 - saving sits above

        config = super().get_config()
        config["merge_mode"] = self.merge_mode
        config["layer"] = serialization_lib.serialize_keras_object(self.forward_layer)
        config["backward_layer"] = serialization_lib.serialize_keras_object(self.backward_layer)
        return config

    @classmethod
    def from_config(cls, config, custom_objects=None):
        from ceras.saving import serialization_lib  # noqa: PLC0415

        config = copy.deepcopy(config)
        config["layer"] = serialization_lib.deserialize_keras_object(
            config["layer"], custom_objects=custom_objects)
        backward = config.pop("backward_layer", None)
        if backward is not None:
            config["backward_layer"] = serialization_lib.deserialize_keras_object(
                backward, custom_objects=custom_objects)
        return super().from_config(config)


def _copy_layer(layer, prefix, go_backwards=None):
    """A fresh, unbuilt copy of ``layer`` named ``prefix + name`` (Keras's naming)."""
    config = layer.get_config()
    name = layer.name[len(prefix):] if layer.name.startswith(prefix) else layer.name
    config["name"] = prefix + name
    if go_backwards:
        config["go_backwards"] = True
    return type(layer).from_config(config)

