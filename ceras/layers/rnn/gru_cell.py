"""GRUCell: one step of a gated recurrent unit layer."""
from ceras import activations, constraints, initializers, ops, regularizers
from ceras.layers.layer import Layer
from ceras.layers.argument_validation import check_positive_int
from ceras.layers.rnn.dropout_rnn_cell import DropoutRNNCell


class GRUCell(DropoutRNNCell, Layer):
    """One GRU step; gates z (update), r (reset), h (candidate) side by side.

    Weights: ``kernel`` (input_dim, 3*units), ``recurrent_kernel`` (units, 3*units) and
    ``bias``: (2, 3*units) with ``reset_after=True`` (row 0 for the inputs, row 1 for
    the recurrent term), else (3*units,). The new state is
    ``z * h_prev + (1 - z) * candidate``.

    Args:
        units: positive int, the size of the output and of the state.
        activation: default "tanh" (the candidate).
        recurrent_activation: default "sigmoid" (the gates).
        use_bias: default True.
        kernel_initializer: default "glorot_uniform".
        recurrent_initializer: default "orthogonal".
        bias_initializer: default "zeros".
        kernel_regularizer, recurrent_regularizer, bias_regularizer: optional.
        kernel_constraint, recurrent_constraint, bias_constraint: optional.
        dropout: fraction of the inputs dropped while training (default 0).
        recurrent_dropout: fraction of the previous state dropped (default 0).
        reset_after: apply the reset gate after the recurrent matmul (default True,
            the cuDNN / torch convention).
        seed: int seed of the dropout masks.

    Example:
        >>> RNN(GRUCell(4))(np.ones((2, 5, 3))).shape
        (2, 4)
    """

    def __init__(self, units, activation="tanh", recurrent_activation="sigmoid", use_bias=True,
                 kernel_initializer="glorot_uniform", recurrent_initializer="orthogonal",
                 bias_initializer="zeros", kernel_regularizer=None, recurrent_regularizer=None,
                 bias_regularizer=None, kernel_constraint=None, recurrent_constraint=None,
                 bias_constraint=None, dropout=0.0, recurrent_dropout=0.0, reset_after=True,
                 seed=None, **kwargs):
        implementation = kwargs.pop("implementation", 2)
        super().__init__(**kwargs)
        check_positive_int(units, "units", self.name)
        self._init_dropout(dropout, recurrent_dropout, seed)
        self.implementation = 1 if self.recurrent_dropout else implementation
        if self.implementation == 1:
            self.dropout_mask_count = 3
        self.units = units
        self.activation = activations.get(activation)
        self.recurrent_activation = activations.get(recurrent_activation)
        self.use_bias = use_bias
        self.reset_after = reset_after
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.recurrent_initializer = initializers.get(recurrent_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.kernel_regularizer = regularizers.get(kernel_regularizer)
        self.recurrent_regularizer = regularizers.get(recurrent_regularizer)
        self.bias_regularizer = regularizers.get(bias_regularizer)
        self.kernel_constraint = constraints.get(kernel_constraint)
        self.recurrent_constraint = constraints.get(recurrent_constraint)
        self.bias_constraint = constraints.get(bias_constraint)
        self.state_size = units
        self.output_size = units

    def build(self, input_shape):
        self.kernel = self.add_weight(
            name="kernel", shape=(input_shape[-1], 3 * self.units),
            initializer=self.kernel_initializer, regularizer=self.kernel_regularizer,
            constraint=self.kernel_constraint)
        self.recurrent_kernel = self.add_weight(
            name="recurrent_kernel", shape=(self.units, 3 * self.units),
            initializer=self.recurrent_initializer, regularizer=self.recurrent_regularizer,
            constraint=self.recurrent_constraint)
        bias_shape = (2, 3 * self.units) if self.reset_after else (3 * self.units,)
        self.bias = self.add_weight(
            name="bias", shape=bias_shape, initializer=self.bias_initializer,
            regularizer=self.bias_regularizer, constraint=self.bias_constraint,
        ) if self.use_bias else None

    def call(self, inputs, states, training=False):
        h_prev = ops.convert_to_tensor(states[0] if isinstance(states, (list, tuple)) else states)
        u = self.units
        kernel, recurrent = self.kernel.value, self.recurrent_kernel.value
        input_bias = recurrent_bias = None
        if self.bias is not None:
            bias = self.bias.value
            input_bias, recurrent_bias = (bias[0], bias[1]) if self.reset_after else (bias, None)
        x = [inputs] * 3
        h = [h_prev] * 3
        if training and 0.0 < self.dropout < 1.0:
            mask = self.get_dropout_mask(inputs)
            x = [inputs * m for m in mask] if self.implementation == 1 else [inputs * mask] * 3
        if training and 0.0 < self.recurrent_dropout < 1.0:
            h = [h_prev * m for m in self.get_recurrent_dropout_mask(h_prev)]
        if self.implementation == 1:
            xs = [ops.matmul(x[g], kernel[:, g * u:(g + 1) * u]) for g in range(3)]
            if input_bias is not None:
                xs = [xs[g] + input_bias[g * u:(g + 1) * u] for g in range(3)]
        else:
            proj = ops.matmul(x[0], kernel)
            if input_bias is not None:
                proj = ops.add(proj, input_bias)
            xs = ops.split(proj, 3, axis=-1)
        if self.reset_after:
            if self.implementation == 1:
                rec = [ops.matmul(h[g], recurrent[:, g * u:(g + 1) * u]) for g in range(3)]
                if recurrent_bias is not None:
                    rec = [rec[g] + recurrent_bias[g * u:(g + 1) * u] for g in range(3)]
            else:
                inner = ops.matmul(h[0], recurrent)
                if recurrent_bias is not None:
                    inner = inner + recurrent_bias
                rec = ops.split(inner, 3, axis=-1)
            z = self.recurrent_activation(xs[0] + rec[0])
            r = self.recurrent_activation(xs[1] + rec[1])
            candidate = self.activation(xs[2] + r * rec[2])
        else:
            if self.implementation == 1:
                rec = [ops.matmul(h[g], recurrent[:, g * u:(g + 1) * u]) for g in range(2)]
            else:
                rec = ops.split(ops.matmul(h[0], recurrent[:, :2 * u]), 2, axis=-1)
            z = self.recurrent_activation(xs[0] + rec[0])
            r = self.recurrent_activation(xs[1] + rec[1])
            candidate = self.activation(
                xs[2] + ops.matmul(r * h[2], recurrent[:, 2 * u:]))
        new = z * h_prev + (1 - z) * candidate
        return new, [new] if isinstance(states, (list, tuple)) else new

    def get_initial_state(self, batch_size=None):
        return [ops.zeros((batch_size, self.units), dtype=self.compute_dtype)]

    def get_config(self):
        config = super().get_config()
        config.update({
            "units": self.units,
            "activation": activations.serialize(self.activation),
            "recurrent_activation": activations.serialize(self.recurrent_activation),
            "use_bias": self.use_bias,
            "kernel_initializer": initializers.serialize(self.kernel_initializer),
            "recurrent_initializer": initializers.serialize(self.recurrent_initializer),
            "bias_initializer": initializers.serialize(self.bias_initializer),
            "kernel_regularizer": regularizers.serialize(self.kernel_regularizer),
            "recurrent_regularizer": regularizers.serialize(self.recurrent_regularizer),
            "bias_regularizer": regularizers.serialize(self.bias_regularizer),
            "kernel_constraint": constraints.serialize(self.kernel_constraint),
            "recurrent_constraint": constraints.serialize(self.recurrent_constraint),
            "bias_constraint": constraints.serialize(self.bias_constraint),
            "dropout": self.dropout,
            "recurrent_dropout": self.recurrent_dropout,
            "reset_after": self.reset_after,
            "seed": self.seed,
        })
        return config
