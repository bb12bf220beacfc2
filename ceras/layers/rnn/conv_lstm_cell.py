"""ConvLSTMCell: one step of a convolutional LSTM (not public in Keras either)."""
from ceras import activations, constraints, initializers, ops, regularizers
from ceras.layers.argument_validation import (
    check_positive_int, conv_output_length, spatial_dims, standardize_data_format,
    standardize_padding, standardize_tuple, with_spatial,
)
from ceras.layers.input_spec import InputSpec
from ceras.layers.layer import Layer
from ceras.layers.rnn.dropout_rnn_cell import DropoutRNNCell


class ConvLSTMCell(DropoutRNNCell, Layer):
    """An LSTM step whose input and recurrent transforms are convolutions.

    Weights: ``kernel`` (*kernel_size, in_channels, 4*filters), ``recurrent_kernel``
    (*kernel_size, filters, 4*filters), ``bias`` (4*filters,); gates i, f, c, o along
    the last axis. The recurrent convolution uses stride 1 and "same" padding.
    Arguments are those of ``ConvLSTM2D`` plus ``rank`` (1, 2 or 3).
    """

    def __init__(self, rank, filters, kernel_size, strides=1, padding="valid", data_format=None,
                 dilation_rate=1, activation="tanh", recurrent_activation="sigmoid",
                 use_bias=True, kernel_initializer="glorot_uniform",
                 recurrent_initializer="orthogonal", bias_initializer="zeros",
                 unit_forget_bias=True, kernel_regularizer=None, recurrent_regularizer=None,
                 bias_regularizer=None, kernel_constraint=None, recurrent_constraint=None,
                 bias_constraint=None, dropout=0.0, recurrent_dropout=0.0, seed=None, **kwargs):
        super().__init__(**kwargs)
        if rank not in (1, 2, 3):
            raise ValueError(
                f'Layer "{self.name}" supports convolutions of rank 1, 2 or 3, received '
                f"rank={rank!r}"
            )
        self.rank = rank
        self.filters = check_positive_int(filters, "filters", self.name)
        self.kernel_size = standardize_tuple(kernel_size, rank, "kernel_size", self.name)
        self.strides = standardize_tuple(strides, rank, "strides", self.name, allow_zero=True)
        self.padding = standardize_padding(padding, self.name)
        self.data_format = standardize_data_format(data_format, self.name)
        self.dilation_rate = standardize_tuple(dilation_rate, rank, "dilation_rate", self.name)
        if max(self.strides) > 1 and max(self.dilation_rate) > 1:
            raise ValueError(
                f'Layer "{self.name}" cannot combine strides > 1 with dilation_rate > 1, '
                f"received strides={self.strides} and dilation_rate={self.dilation_rate}"
            )
        self._init_dropout(dropout, recurrent_dropout, seed)
        self.dropout_mask_count = 4
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
        self.input_spec = InputSpec(ndim=rank + 2)
        self.state_size = -1  # the state is a feature map, sized at build

    def build(self, inputs_shape, states_shape=None):
        channel_axis = -1 if self.data_format == "channels_last" else 1
        self.spatial_dims = tuple(spatial_dims(inputs_shape, self.data_format))
        if None in self.spatial_dims or inputs_shape[channel_axis] is None:
            raise ValueError(
                f'Layer "{self.name}" needs known spatial and channel dimensions, received '
                f"input shape {tuple(inputs_shape)}"
            )
        self.input_dim = inputs_shape[channel_axis]
        self.input_spec = InputSpec(ndim=self.rank + 2, shape=(None,) + tuple(inputs_shape[1:]))
        self.kernel = self.add_weight(
            name="kernel", shape=self.kernel_size + (self.input_dim, 4 * self.filters),
            initializer=self.kernel_initializer, regularizer=self.kernel_regularizer,
            constraint=self.kernel_constraint)
        self.recurrent_kernel = self.add_weight(
            name="recurrent_kernel", shape=self.kernel_size + (self.filters, 4 * self.filters),
            initializer=self.recurrent_initializer, regularizer=self.recurrent_regularizer,
            constraint=self.recurrent_constraint)
        self.bias = self.add_weight(
            name="bias", shape=(4 * self.filters,), initializer=self._bias_init(),
            regularizer=self.bias_regularizer, constraint=self.bias_constraint,
        ) if self.use_bias else None

    def _bias_init(self):
        if not self.unit_forget_bias:
            return self.bias_initializer
        n, base = self.filters, self.bias_initializer

        def init(shape, dtype=None):
            return ops.concatenate([base((n,), dtype=dtype), ops.ones((n,), dtype=dtype),
                                    base((2 * n,), dtype=dtype)])
        return init

    def call(self, inputs, states, training=False):
        h_prev, c_prev = ops.convert_to_tensor(states[0]), ops.convert_to_tensor(states[1])
        x = [inputs] * 4
        h = [h_prev] * 4
        if training and 0.0 < self.dropout < 1.0:
            x = [inputs * m for m in self.get_dropout_mask(inputs)]
        if training and 0.0 < self.recurrent_dropout < 1.0:
            h = [h_prev * m for m in self.get_recurrent_dropout_mask(h_prev)]
        kernels = ops.split(self.kernel.value, 4, axis=-1)
        recurrent = ops.split(self.recurrent_kernel.value, 4, axis=-1)
        biases = ops.split(self.bias.value, 4) if self.bias is not None else [None] * 4
        z = [self._input_conv(x[g], kernels[g], biases[g]) +
             self._recurrent_conv(h[g], recurrent[g]) for g in range(4)]
        i = self.recurrent_activation(z[0])
        f = self.recurrent_activation(z[1])
        c = f * c_prev + i * self.activation(z[2])
        o = self.recurrent_activation(z[3])
        h = o * self.activation(c)
        return h, [h, c]

    def _input_conv(self, x, kernel, bias):
        out = ops.conv(x, kernel, strides=self.strides, padding=self.padding,
                       data_format=self.data_format, dilation_rate=self.dilation_rate)
        if bias is not None:
            shape = (1,) * (self.rank + 1) + (self.filters,) \
                if self.data_format == "channels_last" else (1, self.filters) + (1,) * self.rank
            out = out + ops.reshape(bias, shape)
        return out

    def _recurrent_conv(self, h, kernel):
        return ops.conv(h, kernel, strides=1, padding="same", data_format=self.data_format)

    def compute_output_shape(self, inputs_shape, states_shape=None):
        spatial = [conv_output_length(n, k, self.padding, s, d) for n, k, s, d in zip(
            spatial_dims(inputs_shape, self.data_format), self.kernel_size, self.strides,
            self.dilation_rate)]
        shape = with_spatial(inputs_shape, spatial, self.filters, self.data_format)
        return shape, [shape, shape]

    def get_initial_state(self, batch_size=None):
        shape = with_spatial((batch_size,), self.spatial_dims, self.input_dim, self.data_format)
        state_shape = self.compute_output_shape(shape)[0]
        return [ops.zeros(state_shape, dtype=self.compute_dtype) for _ in range(2)]

    def get_config(self):
        config = super().get_config()
        config.update({
            "filters": self.filters,
            "kernel_size": self.kernel_size,
            "strides": self.strides,
            "padding": self.padding,
            "data_format": self.data_format,
            "dilation_rate": self.dilation_rate,
            "activation": activations.serialize(self.activation),
            "recurrent_activation": activations.serialize(self.recurrent_activation),
            "use_bias": self.use_bias,
            "kernel_initializer": initializers.serialize(self.kernel_initializer),
            "recurrent_initializer": initializers.serialize(self.recurrent_initializer),
            "bias_initializer": initializers.serialize(self.bias_initializer),
            "unit_forget_bias": self.unit_forget_bias,
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
