"""UpSampling3D: enlarge volumes by integer factors."""
from ceras import ops
from ceras.layers.argument_validation import (
    spatial_dims, standardize_data_format, standardize_tuple, with_spatial,
)
from ceras.layers.input_spec import InputSpec
from ceras.layers.layer import Layer


class UpSampling3D(Layer):
    """Repeats entries ``size = (d, h, w)`` times along depth, height and width.

    Args:
        size: int or 3 positive ints (default (2, 2, 2)).
        data_format: "channels_last" (default from ``image_data_format()``) or
            "channels_first".

    Example:
        >>> UpSampling3D(2)(np.ones((1, 2, 3, 4, 1))).shape
        (1, 4, 6, 8, 1)
    """

    def __init__(self, size=(2, 2, 2), data_format=None, **kwargs):
        super().__init__(**kwargs)
        self.size = standardize_tuple(size, 3, "size", self.name)
        self.data_format = standardize_data_format(data_format, self.name)
        self.input_spec = InputSpec(ndim=5)
        self.built = True

    def call(self, inputs):
        first = 1 if self.data_format == "channels_last" else 2
        for axis, factor in enumerate(self.size, start=first):
            inputs = ops.repeat(inputs, factor, axis=axis)
        return inputs

    def compute_output_shape(self, input_shape):
        spatial = [None if n is None else n * s for n, s in zip(
            spatial_dims(input_shape, self.data_format), self.size)]
        channels = input_shape[-1 if self.data_format == "channels_last" else 1]
        return with_spatial(input_shape, spatial, channels, self.data_format)

    def get_config(self):
        config = super().get_config()
        config.update({"size": self.size, "data_format": self.data_format})
        return config
