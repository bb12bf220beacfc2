"""BaseSeparableConv: shared machinery of SeparableConv1D/2D."""
from ceras import activations, constraints, initializers, ops, regularizers
from ceras.layers.argument_validation import check_positive_int, with_spatial
from ceras.layers.convolutional.base_conv import (
    bias_shape, conv_output_spatial, finish, input_channels, set_window_args,
)
from ceras.layers.input_spec import InputSpec
from ceras.layers.layer import Layer


class BaseSeparableConv(Layer):
    """Depthwise separable convolution: a depthwise convolution (``depth_multiplier``
    filters per input channel) followed by a 1x1 pointwise convolution to ``filters``.

    Args:
        rank: number of spatial dims.
        filters: positive int, the number of output channels.
        kernel_size, strides, padding ("valid" or "same"), data_format, dilation_rate:
            as in BaseConv (they apply to the depthwise step).
        depth_multiplier: positive int (default 1).
        depthwise_* / pointwise_*: initializer ("glorot_uniform"), regularizer and
            constraint of the depthwise kernel ``kernel_size + (in, depth_multiplier)``
            and of the pointwise kernel ``(1,) * rank + (in * depth_multiplier, filters)``.
        activation, use_bias, bias_*, activity_regularizer: as in BaseConv.
    """

    def __init__(self, rank, depth_multiplier, filters, kernel_size, strides=1,
                 padding="valid", data_format=None, dilation_rate=1, activation=None,
                 use_bias=True, depthwise_initializer="glorot_uniform",
                 pointwise_initializer="glorot_uniform", bias_initializer="zeros",
                 depthwise_regularizer=None, pointwise_regularizer=None, bias_regularizer=None,
                 activity_regularizer=None, depthwise_constraint=None,
                 pointwise_constraint=None, bias_constraint=None, **kwargs):
        super().__init__(activity_regularizer=activity_regularizer, **kwargs)
        self.depth_multiplier = check_positive_int(depth_multiplier, "depth_multiplier",
                                                   self.name)
        self.filters = check_positive_int(filters, "filters", self.name)
        set_window_args(self, rank, kernel_size, strides, padding, data_format, dilation_rate)
        self.activation = activations.get(activation)
        self._linear = self.activation is activations.linear
        self.use_bias = use_bias
        self.depthwise_initializer = initializers.get(depthwise_initializer)
        self.pointwise_initializer = initializers.get(pointwise_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.depthwise_regularizer = regularizers.get(depthwise_regularizer)
        self.pointwise_regularizer = regularizers.get(pointwise_regularizer)
        self.bias_regularizer = regularizers.get(bias_regularizer)
        self.depthwise_constraint = constraints.get(depthwise_constraint)
        self.pointwise_constraint = constraints.get(pointwise_constraint)
        self.bias_constraint = constraints.get(bias_constraint)
        self.input_spec = InputSpec(min_ndim=rank + 2)

    def build(self, input_shape):
        channels = input_channels(self, input_shape)
        conv_output_spatial(self, input_shape)
        self.depthwise_kernel = self.add_weight(
            name="depthwise_kernel", shape=self.kernel_size + (channels, self.depth_multiplier),
            initializer=self.depthwise_initializer, regularizer=self.depthwise_regularizer,
            constraint=self.depthwise_constraint)
        self.pointwise_kernel = self.add_weight(
            name="pointwise_kernel",
            shape=(1,) * self.rank + (channels * self.depth_multiplier, self.filters),
            initializer=self.pointwise_initializer, regularizer=self.pointwise_regularizer,
            constraint=self.pointwise_constraint)
        self.bias = self.add_weight(
            name="bias", shape=(self.filters,), initializer=self.bias_initializer,
            regularizer=self.bias_regularizer, constraint=self.bias_constraint,
        ) if self.use_bias else None
        self._bias_shape = bias_shape(self, self.filters)
        self.input_spec = InputSpec(min_ndim=self.rank + 2, axes={self._channel_axis: channels})

    def call(self, inputs):
        outputs = ops.separable_conv(
            inputs, self.depthwise_kernel.value, self.pointwise_kernel.value,
            strides=self.strides, padding=self.padding, data_format=self.data_format,
            dilation_rate=self.dilation_rate)
        return finish(self, outputs)

    def compute_output_shape(self, input_shape):
        spatial = conv_output_spatial(self, input_shape)
        return with_spatial(input_shape, spatial, self.filters, self.data_format)

    def get_config(self):
        config = super().get_config()
        config.update({
            "depth_multiplier": self.depth_multiplier,
            "filters": self.filters,
            "kernel_size": self.kernel_size,
            "strides": self.strides,
            "padding": self.padding,
            "data_format": self.data_format,
            "dilation_rate": self.dilation_rate,
            "activation": activations.serialize(self.activation),
            "use_bias": self.use_bias,
            "depthwise_initializer": initializers.serialize(self.depthwise_initializer),
            "pointwise_initializer": initializers.serialize(self.pointwise_initializer),
            "bias_initializer": initializers.serialize(self.bias_initializer),
            "depthwise_regularizer": regularizers.serialize(self.depthwise_regularizer),
            "pointwise_regularizer": regularizers.serialize(self.pointwise_regularizer),
            "bias_regularizer": regularizers.serialize(self.bias_regularizer),
            "activity_regularizer": regularizers.serialize(self.activity_regularizer),
            "depthwise_constraint": constraints.serialize(self.depthwise_constraint),
            "pointwise_constraint": constraints.serialize(self.pointwise_constraint),
            "bias_constraint": constraints.serialize(self.bias_constraint),
        })
        return config
