"""BaseZeroPadding: shared machinery of ZeroPadding1D/2D/3D."""
from ceras import ops
from ceras.layers.argument_validation import (
    spatial_dims, standardize_data_format, standardize_pairs, with_spatial,
)
from ceras.layers.input_spec import InputSpec
from ceras.layers.layer import Layer


class BaseZeroPadding(Layer):
    """Adds ``padding[i] = (before, after)`` zeros to each spatial dim ``i``.

    Args:
        rank: number of spatial dims.
        padding: an int (everywhere), ``rank`` ints (symmetric per dim) or ``rank``
            (before, after) pairs.
        data_format: "channels_last" (default from ``image_data_format()``) or
            "channels_first".
    """

    def __init__(self, rank, padding, data_format=None, **kwargs):
        super().__init__(**kwargs)
        self.rank = rank
        self._pairs = standardize_pairs(padding, rank, "padding", self.name)
        self.data_format = standardize_data_format(data_format, self.name)
        widths = [(0, 0)] + list(self._pairs)
        self._widths = widths + [(0, 0)] if self.data_format == "channels_last" else \
            [(0, 0)] + widths
        self.input_spec = InputSpec(ndim=rank + 2)
        self.built = True

    def call(self, inputs):
        return ops.pad(inputs, self._widths)

    def compute_output_shape(self, input_shape):
        dims = spatial_dims(input_shape, self.data_format)
        spatial = [None if n is None else n + a + b for n, (a, b) in zip(dims, self._pairs)]
        channels = input_shape[-1 if self.data_format == "channels_last" else 1]
        return with_spatial(input_shape, spatial, channels, self.data_format)

    def get_config(self):
        config = super().get_config()
        config.update({"padding": self.padding, "data_format": self.data_format})
        return config
