"""Conv1D: 1D convolution."""
from ceras.layers.convolutional.base_conv import BaseConv


class Conv1D(BaseConv):
    """1D convolution over temporal (sequence) inputs (batch, steps, channels).

    Arguments as in BaseConv; the kernel has shape
    ``kernel_size + (in_channels // groups, filters)``.

    ``padding="causal"`` left-pads the steps so that output ``t`` depends only on inputs
    up to ``t`` (for autoregressive models).

    Example:
        >>> Conv1D(4, 3)(np.ones((2, 10, 3))).shape
        (2, 8, 4)
    """

    def __init__(self, filters, kernel_size, strides=1, padding="valid", data_format=None,
                 dilation_rate=1, groups=1, activation=None, use_bias=True,
                 kernel_initializer="glorot_uniform", bias_initializer="zeros",
                 kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 kernel_constraint=None, bias_constraint=None, **kwargs):
        super().__init__(
            rank=1, filters=filters, kernel_size=kernel_size, strides=strides, padding=padding,
            data_format=data_format, dilation_rate=dilation_rate, groups=groups,
            activation=activation, use_bias=use_bias, kernel_initializer=kernel_initializer,
            bias_initializer=bias_initializer, kernel_regularizer=kernel_regularizer,
            bias_regularizer=bias_regularizer, activity_regularizer=activity_regularizer,
            kernel_constraint=kernel_constraint, bias_constraint=bias_constraint, **kwargs)
