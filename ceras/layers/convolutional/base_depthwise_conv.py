"""BaseDepthwiseConv: shared machinery of DepthwiseConv1D/2D."""
from ceras import activations, constraints, initializers, ops, regularizers
from ceras.layers.argument_validation import check_positive_int, with_spatial
from ceras.layers.convolutional.base_conv import (
    bias_shape, conv_output_spatial, finish, input_channels, set_window_args,
)
from ceras.layers.input_spec import InputSpec
from ceras.layers.layer import Layer


class BaseDepthwiseConv(Layer):
    """Depthwise convolution: each input channel is convolved with its own
    ``depth_multiplier`` filters, giving ``in_channels * depth_multiplier`` outputs
    (output channel ``c * depth_multiplier + m`` comes from input channel ``c``).

    Args:
        rank: number of spatial dims.
        kernel_size, strides, padding ("valid" or "same"), data_format, dilation_rate:
            as in BaseConv.
        depth_multiplier: positive int, filters per input channel (default 1).
        depthwise_initializer ("glorot_uniform"), depthwise_regularizer,
            depthwise_constraint: for the kernel, of shape
            ``kernel_size + (in_channels, depth_multiplier)`` (named "kernel", as in Keras).
        activation, use_bias, bias_*, activity_regularizer: as in BaseConv.
    """

    def __init__(self, rank, depth_multiplier, kernel_size, strides=1, padding="valid",
                 data_format=None, dilation_rate=1, activation=None, use_bias=True,
                 depthwise_initializer="glorot_uniform", bias_initializer="zeros",
                 depthwise_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 depthwise_constraint=None, bias_constraint=None, **kwargs):
        super().__init__(activity_regularizer=activity_regularizer, **kwargs)
        self.depth_multiplier = check_positive_int(depth_multiplier, "depth_multiplier",
                                                   self.name)
        set_window_args(self, rank, kernel_size, strides, padding, data_format, dilation_rate)
        self.activation = activations.get(activation)
        self._linear = self.activation is activations.linear
        self.use_bias = use_bias
        self.depthwise_initializer = initializers.get(depthwise_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.depthwise_regularizer = regularizers.get(depthwise_regularizer)
        self.bias_regularizer = regularizers.get(bias_regularizer)
        self.depthwise_constraint = constraints.get(depthwise_constraint)
        self.bias_constraint = constraints.get(bias_constraint)
        self.input_spec = InputSpec(min_ndim=rank + 2)

    def build(self, input_shape):
        channels = input_channels(self, input_shape)
        conv_output_spatial(self, input_shape)
        self.kernel = self.add_weight(
            name="kernel", shape=self.kernel_size + (channels, self.depth_multiplier),
            initializer=self.depthwise_initializer, regularizer=self.depthwise_regularizer,
            constraint=self.depthwise_constraint)
        outputs = channels * self.depth_multiplier
        self.bias = self.add_weight(
            name="bias", shape=(outputs,), initializer=self.bias_initializer,
            regularizer=self.bias_regularizer, constraint=self.bias_constraint,
        ) if self.use_bias else None
        self._bias_shape = bias_shape(self, outputs)
        self.input_spec = InputSpec(min_ndim=self.rank + 2, axes={self._channel_axis: channels})

    def call(self, inputs):
        outputs = ops.depthwise_conv(
            inputs, self.kernel.value, strides=self.strides, padding=self.padding,
            data_format=self.data_format, dilation_rate=self.dilation_rate)
        return finish(self, outputs)

    def compute_output_shape(self, input_shape):
        spatial = conv_output_spatial(self, input_shape)
        channels = input_shape[self._channel_axis]
        channels = None if channels is None else channels * self.depth_multiplier
        return with_spatial(input_shape, spatial, channels, self.data_format)

    def get_config(self):
        config = super().get_config()
        config.update({
            "depth_multiplier": self.depth_multiplier,
            "kernel_size": self.kernel_size,
            "strides": self.strides,
            "padding": self.padding,
            "data_format": self.data_format,
            "dilation_rate": self.dilation_rate,
            "activation": activations.serialize(self.activation),
            "use_bias": self.use_bias,
            "depthwise_initializer": initializers.serialize(self.depthwise_initializer),
            "bias_initializer": initializers.serialize(self.bias_initializer),
            "depthwise_regularizer": regularizers.serialize(self.depthwise_regularizer),
            "bias_regularizer": regularizers.serialize(self.bias_regularizer),
            "activity_regularizer": regularizers.serialize(self.activity_regularizer),
            "depthwise_constraint": constraints.serialize(self.depthwise_constraint),
            "bias_constraint": constraints.serialize(self.bias_constraint),
        })
        return config
