"""BaseAdaptivePooling: shared machinery of the AdaptiveAverage/AdaptiveMax layers."""
from ceras import ops
from ceras.layers.argument_validation import (
    standardize_data_format, standardize_tuple, with_spatial,
)
from ceras.layers.layer import Layer


class BaseAdaptivePooling(Layer):
    """Pools to a fixed spatial ``output_size`` whatever the input size: output cell
    ``i`` of a dim of length ``n`` covers inputs ``floor(i * n / out)`` to
    ``ceil((i + 1) * n / out)`` (as PyTorch's adaptive pooling).

    Args:
        pool_dimensions: number of spatial dims (1, 2 or 3).
        pool_mode: "max" or "average".
        output_size: int or tuple of positive ints.
        data_format: "channels_last" (default from ``image_data_format()``) or
            "channels_first".
    """

    def __init__(self, pool_dimensions, pool_mode, output_size, data_format=None, **kwargs):
        super().__init__(**kwargs)
        self.pool_dimensions = pool_dimensions
        self.pool_mode = pool_mode
        self.output_size = standardize_tuple(output_size, pool_dimensions, "output_size",
                                             self.name)
        self.data_format = standardize_data_format(data_format, self.name)
        self._pool = ops.adaptive_max_pool if pool_mode == "max" else \
            ops.adaptive_average_pool
        self.built = True

    def call(self, inputs):
        if len(inputs.shape) != self.pool_dimensions + 2:
            raise ValueError(
                f'Layer "{self.name}" expects inputs of rank {self.pool_dimensions + 2}, '
                f"received shape {tuple(inputs.shape)}"
            )
        return self._pool(inputs, self.output_size, data_format=self.data_format)

    def compute_output_shape(self, input_shape):
        if len(input_shape) != self.pool_dimensions + 2:
            raise ValueError(
                f'Layer "{self.name}" expects inputs of rank {self.pool_dimensions + 2}, '
                f"received shape {tuple(input_shape)}"
            )
        channels = input_shape[-1 if self.data_format == "channels_last" else 1]
        return with_spatial(input_shape, self.output_size, channels, self.data_format)

    def get_config(self):
        config = super().get_config()
        config.update({"output_size": self.output_size, "data_format": self.data_format})
        return config
