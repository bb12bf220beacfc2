"""MaxPooling2D: 2D max pooling."""
from ceras.layers.pooling.base_pooling import BasePooling


class MaxPooling2D(BasePooling):
    """2D max pooling; arguments as in BasePooling.

    Example:
        >>> MaxPooling2D(2)(np.ones((2, 8, 8, 3))).shape
        (2, 4, 4, 3)
    """

    def __init__(self, pool_size=(2, 2), strides=None, padding="valid", data_format=None,
                 name=None, **kwargs):
        super().__init__(pool_size, strides, pool_dimensions=2, pool_mode="max",
                         padding=padding, data_format=data_format, name=name, **kwargs)
