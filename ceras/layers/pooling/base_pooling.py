"""BasePooling: shared machinery of the Max/Average pooling layers."""
from ceras import ops
from ceras.layers.argument_validation import (
    conv_output_length, spatial_dims, standardize_data_format, standardize_padding,
    standardize_tuple, with_spatial,
)
from ceras.layers.input_spec import InputSpec
from ceras.layers.layer import Layer


class BasePooling(Layer):
    """Takes the max or the mean over windows of ``pool_size`` moved by ``strides``.

    Args:
        pool_dimensions: number of spatial dims (1, 2 or 3).
        pool_mode: "max" or "average".
        pool_size: int or tuple of ints, the window size.
        strides: int or tuple (default: ``pool_size``).
        padding: "valid" (default) or "same" (padding never counts: a max ignores it,
            a mean divides by the number of real elements in the window).
        data_format: "channels_last" (default from ``image_data_format()``) or
            "channels_first".
    """

    def __init__(self, pool_size, strides, pool_dimensions, pool_mode="max",
                 padding="valid", data_format=None, name=None, **kwargs):
        super().__init__(name=name, **kwargs)
        self.pool_dimensions = pool_dimensions
        self.pool_mode = pool_mode
        self.pool_size = standardize_tuple(pool_size, pool_dimensions, "pool_size", self.name)
        self.strides = self.pool_size if strides is None else standardize_tuple(
            strides, pool_dimensions, "strides", self.name)
        self.padding = standardize_padding(padding, self.name)
        self.data_format = standardize_data_format(data_format, self.name)
        self.input_spec = InputSpec(ndim=pool_dimensions + 2)
        self._pool = ops.max_pool if pool_mode == "max" else ops.average_pool
        self.built = True

    def call(self, inputs):
        return self._pool(inputs, pool_size=self.pool_size, strides=self.strides,
                          padding=self.padding, data_format=self.data_format)

    def compute_output_shape(self, input_shape):
        dims = spatial_dims(input_shape, self.data_format)
        out = tuple(conv_output_length(n, k, self.padding, s)
                    for n, k, s in zip(dims, self.pool_size, self.strides))
        if any(o is not None and o <= 0 for o in out):
            raise ValueError(
                f'Layer "{self.name}" ({type(self).__name__}) cannot apply pool_size='
                f"{self.pool_size} with padding=\"{self.padding}\": expected every spatial dim "
                f"to be at least the pool size, received input shape {tuple(input_shape)}"
            )
        channels = input_shape[-1 if self.data_format == "channels_last" else 1]
        return with_spatial(input_shape, out, channels, self.data_format)

    def get_config(self):
        config = super().get_config()
        config.update({
            "pool_size": self.pool_size,
            "padding": self.padding,
            "strides": self.strides,
            "data_format": self.data_format,
        })
        return config
