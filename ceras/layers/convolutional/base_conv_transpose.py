"""BaseConvTranspose: shared machinery of Conv1DTranspose/2DTranspose/3DTranspose."""
from ceras import activations, constraints, initializers, ops, regularizers
from ceras.layers.argument_validation import (
    check_positive_int, spatial_dims, standardize_tuple, with_spatial,
)
from ceras.layers.convolutional.base_conv import (
    bias_shape, finish, input_channels, set_window_args,
)
from ceras.layers.input_spec import InputSpec
from ceras.layers.layer import Layer


def transpose_output_length(length, kernel, padding, output_padding, stride, dilation):
    """Output size of one spatial dim of a transposed convolution (None stays None)."""
    if length is None:
        return None
    extent = (kernel - 1) * dilation + 1
    if output_padding is None:
        return length * stride if padding == "same" else \
            length * stride + max(extent - stride, 0)
    pad = extent // 2 if padding == "same" else 0
    return (length - 1) * stride + extent - 2 * pad + output_padding


class BaseConvTranspose(Layer):
    """N-D transposed convolution (the gradient of a convolution with respect to its
    input), used to upsample: with ``padding="same"`` each spatial dim grows by
    ``strides``.

    Args:
        rank: number of spatial dims.
        filters: positive int, the number of output channels.
        kernel_size, strides, padding ("valid" or "same"), data_format, dilation_rate:
            as in BaseConv.
        output_padding: None (default: inferred) or int/tuple of non-negative ints,
            each strictly less than the stride, added to the end of each output dim.
        activation, use_bias, initializers, regularizers, constraints: as in BaseConv.

    The kernel has shape ``kernel_size + (filters, in_channels)``.
    """

    def __init__(self, rank, filters, kernel_size, strides=1, padding="valid",
                 output_padding=None, data_format=None, dilation_rate=1, activation=None,
                 use_bias=True, kernel_initializer="glorot_uniform", bias_initializer="zeros",
                 kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 kernel_constraint=None, bias_constraint=None, **kwargs):
        super().__init__(activity_regularizer=activity_regularizer, **kwargs)
        self.filters = check_positive_int(filters, "filters", self.name)
        set_window_args(self, rank, kernel_size, strides, padding, data_format, dilation_rate)
        if output_padding is None:
            self.output_padding = None
        else:
            self.output_padding = standardize_tuple(
                output_padding, rank, "output_padding", self.name, allow_zero=True)
            if any(p >= s for p, s in zip(self.output_padding, self.strides)):
                raise ValueError(
                    f'Layer "{self.name}" expects every `output_padding` to be strictly less '
                    f"than its stride, received output_padding={self.output_padding}, "
                    f"strides={self.strides}"
                )
        self.activation = activations.get(activation)
        self._linear = self.activation is activations.linear
        self.use_bias = use_bias
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.kernel_regularizer = regularizers.get(kernel_regularizer)
        self.bias_regularizer = regularizers.get(bias_regularizer)
        self.kernel_constraint = constraints.get(kernel_constraint)
        self.bias_constraint = constraints.get(bias_constraint)
        self.input_spec = InputSpec(min_ndim=rank + 2)

    def build(self, input_shape):
        channels = input_channels(self, input_shape)
        self.kernel = self.add_weight(
            name="kernel", shape=self.kernel_size + (self.filters, channels),
            initializer=self.kernel_initializer, regularizer=self.kernel_regularizer,
            constraint=self.kernel_constraint)
        self.bias = self.add_weight(
            name="bias", shape=(self.filters,), initializer=self.bias_initializer,
            regularizer=self.bias_regularizer, constraint=self.bias_constraint,
        ) if self.use_bias else None
        self._bias_shape = bias_shape(self, self.filters)
        self.input_spec = InputSpec(min_ndim=self.rank + 2, axes={self._channel_axis: channels})

    def call(self, inputs):
        outputs = ops.conv_transpose(
            inputs, self.kernel.value, strides=self.strides, padding=self.padding,
            output_padding=self.output_padding, data_format=self.data_format,
            dilation_rate=self.dilation_rate)
        return finish(self, outputs)

    def compute_output_shape(self, input_shape):
        output_padding = self.output_padding or (None,) * self.rank
        spatial = tuple(
            transpose_output_length(n, k, self.padding, p, s, d) for n, k, p, s, d in zip(
                spatial_dims(input_shape, self.data_format), self.kernel_size, output_padding,
                self.strides, self.dilation_rate))
        return with_spatial(input_shape, spatial, self.filters, self.data_format)

    def get_config(self):
        config = super().get_config()
        config.update({
            "filters": self.filters,
            "kernel_size": self.kernel_size,
            "strides": self.strides,
            "padding": self.padding,
            "output_padding": self.output_padding,
            "data_format": self.data_format,
            "dilation_rate": self.dilation_rate,
            "activation": activations.serialize(self.activation),
            "use_bias": self.use_bias,
            "kernel_initializer": initializers.serialize(self.kernel_initializer),
            "bias_initializer": initializers.serialize(self.bias_initializer),
            "kernel_regularizer": regularizers.serialize(self.kernel_regularizer),
            "bias_regularizer": regularizers.serialize(self.bias_regularizer),
            "activity_regularizer": regularizers.serialize(self.activity_regularizer),
            "kernel_constraint": constraints.serialize(self.kernel_constraint),
            "bias_constraint": constraints.serialize(self.bias_constraint),
        })
        return config
