"""Cropping3D: remove borders of volumes (depth, height and width)."""
from ceras.layers.reshaping.base_cropping import BaseCropping


class Cropping3D(BaseCropping):
    """Crops volumes (depth, height and width): ``cropping`` is an int, 3 ints
    (symmetric per dim) or 3 (before, after) pairs; arguments as in BaseCropping.

    Example:
        >>> Cropping3D(1)(np.ones((2, 4, 4, 4, 3))).shape
        (2, 2, 2, 2, 3)
    """

    def __init__(self, cropping=((1, 1), (1, 1), (1, 1)), data_format=None, **kwargs):
        super().__init__(3, cropping, data_format=data_format, **kwargs)
        self.cropping = self._pairs

    def get_config(self):
        config = super().get_config()
        config["data_format"] = self.data_format
        return config
