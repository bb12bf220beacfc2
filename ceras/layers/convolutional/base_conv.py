"""Shared machinery of the convolution layers: argument checks, output shapes, the bias
add, and BaseConv itself (Conv1D/2D/3D).

Kernels follow Keras's layout, ``kernel_size + (in_channels // groups, filters)``, and
inputs are channels_last unless ``data_format`` says otherwise.
"""
from ceras import activations, constraints, initializers, ops, regularizers
from ceras.layers.argument_validation import (
    check_positive_int, conv_output_length, spatial_dims, standardize_data_format,
    standardize_padding, standardize_tuple, with_spatial,
)
from ceras.layers.input_spec import InputSpec
from ceras.layers.layer import Layer


def set_window_args(layer, rank, kernel_size, strides, padding, data_format, dilation_rate,
                    allow_causal=False):
    """Validate and store the arguments every convolution shares."""
    name = layer.name
    layer.rank = rank
    layer.kernel_size = standardize_tuple(kernel_size, rank, "kernel_size", name)
    layer.strides = standardize_tuple(strides, rank, "strides", name)
    layer.dilation_rate = standardize_tuple(dilation_rate, rank, "dilation_rate", name)
    allowed = ("valid", "same", "causal") if allow_causal else ("valid", "same")
    layer.padding = standardize_padding(padding, name, allowed)
    layer.data_format = standardize_data_format(data_format, name)
    if any(s > 1 for s in layer.strides) and any(d > 1 for d in layer.dilation_rate):
        raise ValueError(
            f'Layer "{name}" does not support strides > 1 together with dilation_rate > 1, '
            f"received strides={layer.strides} and dilation_rate={layer.dilation_rate}"
        )
    layer._channel_axis = -1 if layer.data_format == "channels_last" else 1


def input_channels(layer, input_shape):
    channels = input_shape[layer._channel_axis]
    if len(input_shape) != layer.rank + 2 or channels is None:
        raise ValueError(
            f'Layer "{layer.name}" expects inputs of rank {layer.rank + 2} with a known '
            f"channel dim (data_format={layer.data_format}), received input shape "
            f"{tuple(input_shape)}"
        )
    return channels


def conv_output_spatial(layer, input_shape):
    """Output spatial dims; raises when a 'valid' window does not fit the input."""
    dims = spatial_dims(input_shape, layer.data_format)
    out = tuple(conv_output_length(n, k, layer.padding, s, d) for n, k, s, d in zip(
        dims, layer.kernel_size, layer.strides, layer.dilation_rate))
    if any(o is not None and o <= 0 for o in out):
        extent = tuple((k - 1) * d + 1 for k, d in zip(layer.kernel_size, layer.dilation_rate))
        raise ValueError(
            f'Layer "{layer.name}" ({type(layer).__name__}) cannot apply a window of size '
            f"{extent} (kernel_size={layer.kernel_size}, dilation_rate={layer.dilation_rate}) "
            f'with padding="{layer.padding}": expected every spatial dim to be at least the '
            f"window size, received input shape {tuple(input_shape)}"
        )
    return out


def bias_shape(layer, channels):
    """The shape the bias is reshaped to so it broadcasts over the output."""
    if layer.data_format == "channels_last":
        return None
    return (channels,) + (1,) * layer.rank


def finish(layer, outputs):
    """Add the bias and apply the activation."""
    if layer.use_bias:
        bias = layer.bias.value
        if layer._bias_shape is not None:
            bias = ops.reshape(bias, layer._bias_shape)
        outputs = ops.add(outputs, bias)
    return outputs if layer._linear else layer.activation(outputs)


def causal_pad(layer, inputs):
    """Left-pad the time axis so that output t sees only inputs up to t."""
    amount = layer.dilation_rate[0] * (layer.kernel_size[0] - 1)
    widths = [[0, 0], [amount, 0], [0, 0]] if layer.data_format == "channels_last" else \
        [[0, 0], [0, 0], [amount, 0]]
    return ops.pad(inputs, widths)


class BaseConv(Layer):
    """N-D convolution: ``activation(conv(inputs, kernel) + bias)``.

    Args:
        rank: number of spatial dims (1, 2 or 3).
        filters: positive int, the number of output channels.
        kernel_size: int or tuple of ``rank`` ints.
        strides: int or tuple (default 1); strides > 1 excludes dilation_rate > 1.
        padding: "valid" (default) or "same" (the extra pixel goes at the end);
            Conv1D also takes "causal" (left padding only).
        data_format: "channels_last" (default from ``image_data_format()``) or
            "channels_first".
        dilation_rate: int or tuple (default 1).
        groups: positive int dividing both the input channels and ``filters``; each
            group of input channels is convolved separately.
        activation, use_bias, kernel_initializer ("glorot_uniform"), bias_initializer
            ("zeros"), kernel/bias/activity regularizers, kernel/bias constraints:
            as in Dense.
    """

    def __init__(self, rank, filters, kernel_size, strides=1, padding="valid",
                 data_format=None, dilation_rate=1, groups=1, activation=None, use_bias=True,
                 kernel_initializer="glorot_uniform", bias_initializer="zeros",
                 kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 kernel_constraint=None, bias_constraint=None, **kwargs):
        super().__init__(activity_regularizer=activity_regularizer, **kwargs)
        self.filters = check_positive_int(filters, "filters", self.name)
        self.groups = check_positive_int(groups, "groups", self.name)
        if filters % groups:
            raise ValueError(
                f'Layer "{self.name}" expects `filters` to be a multiple of `groups`, '
                f"received filters={filters}, groups={groups}"
            )
        set_window_args(self, rank, kernel_size, strides, padding, data_format, dilation_rate,
                        allow_causal=rank == 1)
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
        if channels % self.groups:
            raise ValueError(
                f'Layer "{self.name}" expects the input channels to be a multiple of '
                f"groups={self.groups}, received input shape {tuple(input_shape)}"
            )
        conv_output_spatial(self, input_shape)
        self.kernel = self.add_weight(
            name="kernel", shape=self.kernel_size + (channels // self.groups, self.filters),
            initializer=self.kernel_initializer, regularizer=self.kernel_regularizer,
            constraint=self.kernel_constraint)
        self.bias = self.add_weight(
            name="bias", shape=(self.filters,), initializer=self.bias_initializer,
            regularizer=self.bias_regularizer, constraint=self.bias_constraint,
        ) if self.use_bias else None
        self._bias_shape = bias_shape(self, self.filters)
        self.input_spec = InputSpec(min_ndim=self.rank + 2, axes={self._channel_axis: channels})

    def call(self, inputs):
        padding = self.padding
        if padding == "causal":
            inputs, padding = causal_pad(self, inputs), "valid"
        outputs = ops.conv(inputs, self.kernel.value, strides=self.strides, padding=padding,
                           data_format=self.data_format, dilation_rate=self.dilation_rate)
        return finish(self, outputs)

    def compute_output_shape(self, input_shape):
        spatial = conv_output_spatial(self, input_shape)
        return with_spatial(input_shape, spatial, self.filters, self.data_format)

    def get_config(self):
        config = super().get_config()
        config.update({
            "filters": self.filters,
            "kernel_size": self.kernel_size,
            "strides": self.strides,
            "padding": self.padding,
            "data_format": self.data_format,
            "dilation_rate": self.dilation_rate,
            "groups": self.groups,
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
