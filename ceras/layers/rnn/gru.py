"""GRU: gated recurrent unit over a sequence, on torch's fused kernel when it can."""
from ceras import activations, backend, ops
from ceras.layers.input_spec import InputSpec
from ceras.layers.rnn.gru_cell import GRUCell
from ceras.layers.rnn.lstm import check_use_cudnn, raise_not_fused
from ceras.layers.rnn.rnn import RNN, cell_layer_config, cell_property, check_units

_CELL_ARGS = (
    "units", "activation", "recurrent_activation", "use_bias", "kernel_initializer",
    "recurrent_initializer", "bias_initializer", "kernel_regularizer",
    "recurrent_regularizer", "bias_regularizer", "kernel_constraint", "recurrent_constraint",
    "bias_constraint", "dropout", "recurrent_dropout", "reset_after",
)


class GRU(RNN):
    """Gated Recurrent Unit layer (Cho et al., 2014).

    Runs on torch's fused GRU kernel (cuDNN on GPU) when the configuration allows:
    activation "tanh", recurrent_activation "sigmoid", use_bias, reset_after=True, no
    recurrent_dropout, unroll=False, and no mask or a right-padded one. Otherwise it
    runs the step loop of ``GRUCell``; both give the same results.

    Args:
        units: positive int, the output size.
        activation, recurrent_activation: default "tanh", "sigmoid".
        use_bias, kernel_initializer, recurrent_initializer, bias_initializer,
        *_regularizer, *_constraint, reset_after: as in ``GRUCell``.
        activity_regularizer: optional regularizer of the output.
        dropout, recurrent_dropout, seed: as in ``GRUCell``.
        return_sequences, return_state, go_backwards, stateful, unroll: as in ``RNN``.
        use_cudnn: "auto" (default) picks the fused kernel when it can; True requires
            it; False always runs the step loop.

    Example:
        >>> GRU(4, return_sequences=True)(np.ones((32, 10, 8))).shape
        (32, 10, 4)
    """

    def __init__(self, units, activation="tanh", recurrent_activation="sigmoid", use_bias=True,
                 kernel_initializer="glorot_uniform", recurrent_initializer="orthogonal",
                 bias_initializer="zeros", kernel_regularizer=None, recurrent_regularizer=None,
                 bias_regularizer=None, activity_regularizer=None, kernel_constraint=None,
                 recurrent_constraint=None, bias_constraint=None, dropout=0.0,
                 recurrent_dropout=0.0, seed=None, return_sequences=False, return_state=False,
                 go_backwards=False, stateful=False, unroll=False, reset_after=True,
                 use_cudnn="auto", **kwargs):
        check_units("GRU", units, kwargs)
        cell = GRUCell(
            units, activation=activation, recurrent_activation=recurrent_activation,
            use_bias=use_bias, kernel_initializer=kernel_initializer,
            recurrent_initializer=recurrent_initializer, bias_initializer=bias_initializer,
            kernel_regularizer=kernel_regularizer, recurrent_regularizer=recurrent_regularizer,
            bias_regularizer=bias_regularizer, kernel_constraint=kernel_constraint,
            recurrent_constraint=recurrent_constraint, bias_constraint=bias_constraint,
            dropout=dropout, recurrent_dropout=recurrent_dropout, reset_after=reset_after,
            seed=seed, dtype=kwargs.get("dtype"), trainable=kwargs.get("trainable", True),
            name="gru_cell", implementation=kwargs.pop("implementation", 2))
        super().__init__(cell, return_sequences=return_sequences, return_state=return_state,
                         go_backwards=go_backwards, stateful=stateful, unroll=unroll,
                         activity_regularizer=activity_regularizer, **kwargs)
        self.input_spec = InputSpec(ndim=3)
        check_use_cudnn(self, use_cudnn)
        self.use_cudnn = use_cudnn

    def _fusable(self):
        cell = self.cell
        return (self.use_cudnn in ("auto", True) and not self.unroll and cell.use_bias
                and cell.reset_after and cell.activation is activations.tanh
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
                return backend.rnn.gru(
                    x, initial_state[0], mask, cell.kernel.value, cell.recurrent_kernel.value,
                    cell.bias.value, return_sequences=self.return_sequences,
                    go_backwards=self.go_backwards,
                    zero_output_for_mask=self.zero_output_for_mask)
            except NotImplementedError:  # a mask that is not right padding
                pass
        if self.use_cudnn is True:
            raise_not_fused(self, extra=", reset_after=True")
        return super().inner_loop(sequences, initial_state, mask, training=training)

    def call(self, sequences, initial_state=None, mask=None, training=False):
        return super().call(sequences, initial_state=initial_state, mask=mask,
                            training=training)

    def get_config(self):
        return cell_layer_config(self, super().get_config())


for _name in _CELL_ARGS:
    setattr(GRU, _name, cell_property(_name))
del _name
