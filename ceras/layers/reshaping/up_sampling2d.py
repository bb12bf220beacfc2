"""UpSampling2D: enlarge images by integer factors."""
from ceras import ops
from ceras.layers.argument_validation import (
    spatial_dims, standardize_data_format, standardize_tuple, with_spatial,
)
from ceras.layers.input_spec import InputSpec
from ceras.layers.layer import Layer

_INTERPOLATIONS = ("nearest", "bilinear", "bicubic", "lanczos3", "lanczos5")


class UpSampling2D(Layer):
    """Scales height and width by ``size = (rows, cols)``.

    Args:
        size: int or 2 positive ints (default (2, 2)).
        data_format: "channels_last" (default from ``image_data_format()``) or
            "channels_first".
        interpolation: "nearest" (default: each pixel repeated), "bilinear", "bicubic",
            "lanczos3" or "lanczos5" (``ops.image.resize`` without antialiasing).

    Example:
        >>> UpSampling2D(2)(np.ones((1, 3, 4, 2))).shape
        (1, 6, 8, 2)
    """

    def __init__(self, size=(2, 2), data_format=None, interpolation="nearest", **kwargs):
        super().__init__(**kwargs)
        self.size = standardize_tuple(size, 2, "size", self.name)
        self.data_format = standardize_data_format(data_format, self.name)
        if interpolation not in _INTERPOLATIONS:
            raise ValueError(
                f'Layer "{self.name}" expects `interpolation` to be one of {_INTERPOLATIONS}, '
                f"received interpolation={interpolation!r}"
            )
        self.interpolation = interpolation
        self.input_spec = InputSpec(ndim=4)
        self.built = True

    def call(self, inputs):
        first = 1 if self.data_format == "channels_last" else 2
        if self.interpolation == "nearest":
            outputs = ops.repeat(inputs, self.size[0], axis=first)
            return ops.repeat(outputs, self.size[1], axis=first + 1)
        height, width = inputs.shape[first], inputs.shape[first + 1]
        return ops.image.resize(
            inputs, (height * self.size[0], width * self.size[1]),
            interpolation=self.interpolation, data_format=self.data_format)

    def compute_output_shape(self, input_shape):
        spatial = [None if n is None else n * s for n, s in zip(
            spatial_dims(input_shape, self.data_format), self.size)]
        channels = input_shape[-1 if self.data_format == "channels_last" else 1]
        return with_spatial(input_shape, spatial, channels, self.data_format)

    def get_config(self):
        config = super().get_config()
        config.update({"size": self.size, "data_format": self.data_format,
                       "interpolation": self.interpolation})
        return config
