"""Conv3D: 3D convolution."""
from ceras.layers.convolutional.base_conv import BaseConv


class Conv3D(BaseConv):
    """3D convolution over volume inputs (batch, depth, height, width, channels).

    Arguments as in BaseConv; the kernel has shape
    ``kernel_size + (in_channels // groups, filters)``.

    Example:
        >>> Conv3D(4, 3)(np.ones((2, 6, 6, 6, 3))).shape
        (2, 4, 4, 4, 4)
    """

    def __init__(self, filters, kernel_size, strides=(1, 1, 1), padding="valid", data_format=None,
                 dilation_rate=(1, 1, 1), groups=1, activation=None, use_bias=True,
                 kernel_initializer="glorot_uniform", bias_initializer="zeros",
                 kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 kernel_constraint=None, bias_constraint=None, **kwargs):
        super().__init__(
            rank=3, filters=filters, kernel_size=kernel_size, strides=strides, padding=padding,
            data_format=data_format, dilation_rate=dilation_rate, groups=groups,
            activation=activation, use_bias=use_bias, kernel_initializer=kernel_initializer,
            bias_initializer=bias_initializer, kernel_regularizer=kernel_regularizer,
            bias_regularizer=bias_regularizer, activity_regularizer=activity_regularizer,
            kernel_constraint=kernel_constraint, bias_constraint=bias_constraint, **kwargs)
