"""LSTM: long short-term memory over a sequence, on torch's fused kernel when it can."""
from ceras import activations, backend, ops
from ceras.layers.input_spec import InputSpec
from ceras.layers.rnn.lstm_cell import LSTMCell
from ceras.layers.rnn.rnn import RNN, cell_layer_config, cell_property, check_units

_CELL_ARGS = (
    "units", "activation", "recurrent_activation", "use_bias", "kernel_initializer",
    "recurrent_initializer", "bias_initializer", "unit_forget_bias", "kernel_regularizer",
    "recurrent_regularizer", "bias_regularizer", "kernel_constraint", "recurrent_constraint",
    "bias_constraint", "dropout", "recurrent_dropout",
)


def check_use_cudnn(layer, use_cudnn):
    if use_cudnn not in ("auto", True, False):
        raise ValueError(
            f'Layer "{layer.name}" expects use_cudnn to be "auto", True or False, received '
            f"use_cudnn={use_cudnn!r}"
        )


def raise_not_fused(layer, extra=""):
    raise ValueError(
        f'Layer "{layer.name}" was given use_cudnn=True, but its configuration cannot use '
        "the fused kernel (it needs activation='tanh', recurrent_activation='sigmoid', "
        f"use_bias=True, recurrent_dropout=0, unroll=False{extra} and no mask or a "
        "right-padded mask). Pass use_cudnn='auto' to fall back to the step loop."
    )


class LSTM(RNN):
    """Long Short-Term Memory layer (Hochreiter & Schmidhuber, 1997).

    Runs on torch's fused LSTM kernel (cuDNN on GPU) when the configuration allows:
    activation "tanh", recurrent_activation "sigmoid", use_bias, no recurrent_dropout,
    unroll=False, and no mask or a right-padded one. Otherwise it runs the step loop
    of ``LSTMCell``; both give the same results. Weights live in the cell
    (``lstm/lstm_cell/kernel`` ...), in Keras's layout.

    Args:
        units: positive int, the output size.
        activation, recurrent_activation: default "tanh", "sigmoid".
        use_bias, kernel_initializer, recurrent_initializer, bias_initializer,
        unit_forget_bias, *_regularizer, *_constraint: as in ``LSTMCell``.
        activity_regularizer: optional regularizer of the output.
        dropout, recurrent_dropout, seed: as in ``LSTMCell``.
        return_sequences, return_state, go_backwards, stateful, unroll: as in ``RNN``.
        use_cudnn: "auto" (default) picks the fused kernel when it can; True requires
            it; False always runs the step loop.

    Example:
        >>> LSTM(4)(np.ones((32, 10, 8))).shape
        (32, 4)
    """

    def __init__(self, units, activation="tanh", recurrent_activation="sigmoid", use_bias=True,
                 kernel_initializer="glorot_uniform", recurrent_initializer="orthogonal",
                 bias_initializer="zeros", unit_forget_bias=True, kernel_regularizer=None,
                 recurrent_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 kernel_constraint=None, recurrent_constraint=None, bias_constraint=None,
                 dropout=0.0, recurrent_dropout=0.0, seed=None, return_sequences=False,
                 return_state=False, go_backwards=False, stateful=False, unroll=False,
                 use_cudnn="auto", **kwargs):
        check_units("LSTM", units, kwargs)
        cell = LSTMCell(
            units, activation=activation, recurrent_activation=recurrent_activation,
            use_bias=use_bias, kernel_initializer=kernel_initializer,
            recurrent_initializer=recurrent_initializer, bias_initializer=bias_initializer,
            unit_forget_bias=unit_forget_bias, kernel_regularizer=kernel_regularizer,
            recurrent_regularizer=recurrent_regularizer, bias_regularizer=bias_regularizer,
            kernel_constraint=kernel_constraint, recurrent_constraint=recurrent_constraint,
            bias_constraint=bias_constraint, dropout=dropout,
            recurrent_dropout=recurrent_dropout, seed=seed, dtype=kwargs.get("dtype"),
            trainable=kwargs.get("trainable", True), name="lstm_cell",
            implementation=kwargs.pop("implementation", 2))
        super().__init__(cell, return_sequences=return_sequences, return_state=return_state,
                         go_backwards=go_backwards, stateful=stateful, unroll=unroll,
                         activity_regularizer=activity_regularizer, **kwargs)
        self.input_spec = InputSpec(ndim=3)
        check_use_cudnn(self, use_cudnn)
        self.use_cudnn = use_cudnn

    def _fusable(self):
        cell = self.cell
        return (self.use_cudnn in ("auto", True) and not self.unroll and cell.use_bias
                and cell.activation is activations.tanh
                and cell.recurrent_activation is activations.sigmoid
                and not cell.recurrent_dropout
                and (cell.implementation == 2 or not cell.dropout))

    def inner_loop(self, sequences, initial_state, mask, training=False):
        if self._fusable():
            cell = self.cell
            x = sequences
            if training and cell.dropout:
                # The same input mask at every step, as the cell applies it.
                x = sequences * ops.expand_dims(cell.get_dropout_mask(sequences[:, 0]), 1)
            try:
                return backend.rnn.lstm(
                    x, initial_state[0], initial_state[1], mask, cell.kernel.value,
                    cell.recurrent_kernel.value, cell.bias.value,
                    return_sequences=self.return_sequences, go_backwards=self.go_backwards,
                    zero_output_for_mask=self.zero_output_for_mask)
            except NotImplementedError:  # a mask that is not right padding
                pass
        if self.use_cudnn is True:
            raise_not_fused(self)
        return super().inner_loop(sequences, initial_state, mask, training=training)

    def call(self, sequences, initial_state=None, mask=None, training=False):
        return super().call(sequences, initial_state=initial_state, mask=mask,
                            training=training)

    def get_config(self):
        return cell_layer_config(self, super().get_config())


for _name in _CELL_ARGS:
    setattr(LSTM, _name, cell_property(_name))
del _name
