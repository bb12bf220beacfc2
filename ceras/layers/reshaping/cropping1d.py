"""Cropping1D: remove steps at the start and end of sequences."""
from ceras.layers.reshaping.base_cropping import BaseCropping


class Cropping1D(BaseCropping):
    """Crops ``cropping = (start, end)`` steps (an int crops both ends equally) from
    (batch, steps, features) inputs.

    Example:
        >>> Cropping1D((1, 2))(np.ones((2, 6, 3))).shape
        (2, 3, 3)
    """

    def __init__(self, cropping=(1, 1), **kwargs):
        super().__init__(1, (cropping,) if not isinstance(cropping, int) else cropping,
                         data_format="channels_last", **kwargs)
        self.cropping = self._pairs[0]

    def get_config(self):
        config = super().get_config()
        config.pop("data_format", None)
        return config
