"""Cropping2D: remove borders of images (height and width)."""
from ceras.layers.reshaping.base_cropping import BaseCropping


class Cropping2D(BaseCropping):
    """Crops images (height and width): ``cropping`` is an int, 2 ints (symmetric per dim) or 2
    (before, after) pairs; arguments as in BaseCropping.

    Example:
        >>> Cropping2D(((1, 1), (2, 2)))(np.ones((2, 6, 6, 3))).shape
        (2, 4, 2, 3)
    """

    def __init__(self, cropping=((0, 0), (0, 0)), data_format=None, **kwargs):
        super().__init__(2, cropping, data_format=data_format, **kwargs)
        self.cropping = self._pairs

    def get_config(self):
        config = super().get_config()
        config["data_format"] = self.data_format
        return config
