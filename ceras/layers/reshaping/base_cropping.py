"""BaseCropping: shared machinery of Cropping1D/2D/3D."""
from ceras.layers.argument_validation import (
    spatial_dims, standardize_data_format, standardize_pairs, with_spatial,
)
from ceras.layers.input_spec import InputSpec
from ceras.layers.layer import Layer


class BaseCropping(Layer):
    """Removes ``cropping[i] = (before, after)`` entries from each spatial dim ``i``.

    Args:
        rank: number of spatial dims.
        cropping: an int (everywhere), ``rank`` ints (symmetric per dim) or ``rank``
            (before, after) pairs.
        data_format: "channels_last" or "channels_first" (1D is always channels_last).
    """

    def __init__(self, rank, cropping, data_format=None, **kwargs):
        super().__init__(**kwargs)
        self.rank = rank
        self._pairs = standardize_pairs(cropping, rank, "cropping", self.name)
        self.data_format = standardize_data_format(data_format, self.name)
        self.input_spec = InputSpec(ndim=rank + 2)
        self.built = True

    def _cropped(self, input_shape):
        dims = spatial_dims(input_shape, self.data_format)
        out = []
        for n, (before, after) in zip(dims, self._pairs):
            if n is not None and n <= before + after:
                raise ValueError(
                    f'Layer "{self.name}" cannot apply cropping={self.cropping} to input of '
                    f"shape {tuple(input_shape)}: expected each cropped dim to be longer "
                    "than its total cropping"
                )
            out.append(None if n is None else n - before - after)
        return out

    def call(self, inputs):
        self._cropped(tuple(inputs.shape))
        first = 1 if self.data_format == "channels_last" else 2
        index = [slice(None)] * len(inputs.shape)
        for axis, (before, after) in enumerate(self._pairs, start=first):
            index[axis] = slice(before, inputs.shape[axis] - after)
        return inputs[tuple(index)]

    def compute_output_shape(self, input_shape):
        spatial = self._cropped(input_shape)
        channels = input_shape[-1 if self.data_format == "channels_last" else 1]
        return with_spatial(input_shape, spatial, channels, self.data_format)

    def get_config(self):
        config = super().get_config()
        config["cropping"] = self.cropping
        return config
