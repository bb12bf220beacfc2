"""LSTMCell: one step of a long short-term memory layer."""
from ceras import activations, constraints, initializers, ops, regularizers
from ceras.layers.layer import Layer
from ceras.layers.argument_validation import check_positive_int
from ceras.layers.rnn.dropout_rnn_cell import DropoutRNNCell


class LSTMCell(DropoutRNNCell, Layer):
    """One LSTM step; gates i, f, c, o laid side by side in each weight.

    Weights: ``kernel`` (input_dim, 4*units), ``recurrent_kernel`` (units, 4*units),
    ``bias`` (4*units,). States: ``[h, c]``.

    Args:
        units: positive int, the size of the output and of each state.
        activation: default "tanh" (cell candidate and output).
        recurrent_activation: default "sigmoid" (the gates).
        use_bias: default True.
        kernel_initializer: default "glorot_uniform".
        recurrent_initializer: default "orthogonal".
        bias_initializer: default "zeros".
        unit_forget_bias: default True: the forget-gate bias starts at 1.
        kernel_regularizer, recurrent_regularizer, bias_regularizer: optional.
        kernel_constraint, recurrent_constraint, bias_constraint: optional.
        dropout: fraction of the inputs dropped while training (default 0).
        recurrent_dropout: fraction of the previous output dropped (default 0).
        seed: int seed of the dropout masks.

    Example:
        >>> RNN(LSTMCell(4))(np.ones((2, 5, 3))).shape
        (2, 4)
    """

    def __init__(self, units, activation="tanh", recurrent_activation="sigmoid", use_bias=True,
                 kernel_initializer="glorot_uniform", recurrent_initializer="orthogonal",
                 bias_initializer="zeros", unit_forget_bias=True, kernel_regularizer=None,
                 recurrent_regularizer=None, bias_regularizer=None, kernel_constraint=None,
                 recurrent_constraint=None, bias_constraint=None, dropout=0.0,
                 recurrent_dropout=0.0, seed=None, **kwargs):
        implementation = kwargs.pop("implementation", 2)
        super().__init__(**kwargs)
        check_positive_int(units, "units", self.name)
        self._init_dropout(dropout, recurrent_dropout, seed)
        # Keras's implementation 1 (one matmul per gate, one dropout mask per gate) is
        # forced by recurrent dropout; implementation 2 fuses the four gates.
        self.implementation = 1 if self.recurrent_dropout else implementation
        if self.implementation == 1:
            self.dropout_mask_count = 4
        self.units = units
        self.activation = activations.get(activation)
        self.recurrent_activation = activations.get(recurrent_activation)
        self.use_bias = use_bias
        self.unit_forget_bias = unit_forget_bias
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.recurrent_initializer = initializers.get(recurrent_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.kernel_regularizer = regularizers.get(kernel_regularizer)
        self.recurrent_regularizer = regularizers.get(recurrent_regularizer)
        self.bias_regularizer = regularizers.get(bias_regularizer)
        self.kernel_constraint = constraints.get(kernel_constraint)
        self.recurrent_constraint = constraints.get(recurrent_constraint)
        self.bias_constraint = constraints.get(bias_constraint)
        self.state_size = [units, units]
        self.output_size = units

    def build(self, input_shape):
        self.kernel = self.add_weight(
            name="kernel", shape=(input_shape[-1], 4 * self.units),
            initializer=self.kernel_initializer, regularizer=self.kernel_regularizer,
            constraint=self.kernel_constraint)
        self.recurrent_kernel = self.add_weight(
            name="recurrent_kernel", shape=(self.units, 4 * self.units),
            initializer=self.recurrent_initializer, regularizer=self.recurrent_regularizer,
            constraint=self.recurrent_constraint)
        self.bias = self.add_weight(
            name="bias", shape=(4 * self.units,), initializer=self._bias_init(),
            regularizer=self.bias_regularizer, constraint=self.bias_constraint,
        ) if self.use_bias else None

    def _bias_init(self):
        if not self.unit_forget_bias:
            return self.bias_initializer
        units, base = self.units, self.bias_initializer

        def init(shape, dtype=None):
            return ops.concatenate([base((units,), dtype=dtype), ops.ones((units,), dtype=dtype),
                                    base((2 * units,), dtype=dtype)])
        return init

    def call(self, inputs, states, training=False):
        h_prev, c_prev = ops.convert_to_tensor(states[0]), ops.convert_to_tensor(states[1])
        kernel, recurrent = self.kernel.value, self.recurrent_kernel.value
        bias = self.bias.value if self.bias is not None else None
        dropping = training and 0.0 < self.dropout < 1.0
        if self.implementation == 1:
            u = self.units
            x = [inputs] * 4
            if dropping:
                x = [inputs * m for m in self.get_dropout_mask(inputs)]
            h = [h_prev] * 4
            if training and 0.0 < self.recurrent_dropout < 1.0:
                h = [h_prev * m for m in self.get_recurrent_dropout_mask(h_prev)]
            z = []
            for g in range(4):
                zg = ops.matmul(x[g], kernel[:, g * u:(g + 1) * u])
                if bias is not None:
                    zg = zg + bias[g * u:(g + 1) * u]
                z.append(zg + ops.matmul(h[g], recurrent[:, g * u:(g + 1) * u]))
        else:
            if dropping:
                inputs = inputs * self.get_dropout_mask(inputs)
            z = ops.add(ops.matmul(inputs, kernel), ops.matmul(h_prev, recurrent))
            if bias is not None:
                z = ops.add(z, bias)
            z = ops.split(z, 4, axis=-1)
        i = self.recurrent_activation(z[0])
        f = self.recurrent_activation(z[1])
        c = f * c_prev + i * self.activation(z[2])
        o = self.recurrent_activation(z[3])
        h = o * self.activation(c)
        return h, [h, c]

    def get_initial_state(self, batch_size=None):
        return [ops.zeros((batch_size, self.units), dtype=self.compute_dtype)
                for _ in range(2)]

    def get_config(self):
        config = super().get_config()
        config.update({
            "units": self.units,
            "activation": activations.serialize(self.activation),
            "recurrent_activation": activations.serialize(self.recurrent_activation),
            "use_bias": self.use_bias,
            "unit_forget_bias": self.unit_forget_bias,
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
            "seed": self.seed,
        })
        return config
