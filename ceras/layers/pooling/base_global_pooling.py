"""BaseGlobalPooling: shared machinery of the GlobalMax/GlobalAverage pooling layers."""
from ceras import ops
from ceras.layers.argument_validation import standardize_data_format
from ceras.layers.input_spec import InputSpec
from ceras.layers.layer import Layer


class BaseGlobalPooling(Layer):
    """Reduces every spatial dim (max or mean), leaving (batch, channels).

    Args:
        pool_dimensions: number of spatial dims (1, 2 or 3).
        pool_mode: "max" or "average".
        data_format: "channels_last" (default from ``image_data_format()``) or
            "channels_first".
        keepdims: keep the reduced dims with size 1 (default False).
    """

    def __init__(self, pool_dimensions, pool_mode, data_format=None, keepdims=False,
                 **kwargs):
        super().__init__(**kwargs)
        self.pool_dimensions = pool_dimensions
        self.pool_mode = pool_mode
        self.data_format = standardize_data_format(data_format, self.name)
        self.keepdims = keepdims
        self.input_spec = InputSpec(ndim=pool_dimensions + 2)
        first = 1 if self.data_format == "channels_last" else 2
        self._axes = tuple(range(first, first + pool_dimensions))
        self._reduce = ops.max if pool_mode == "max" else ops.mean
        self.built = True

    def call(self, inputs):
        return self._reduce(inputs, axis=self._axes, keepdims=self.keepdims)

    def compute_output_shape(self, input_shape):
        if self.keepdims:
            return tuple(1 if i in self._axes else d for i, d in enumerate(input_shape))
        return tuple(d for i, d in enumerate(input_shape) if i not in self._axes)

    def get_config(self):
        config = super().get_config()
        config.update({"data_format": self.data_format, "keepdims": self.keepdims})
        return config
