"""AveragePooling2D: 2D average pooling."""
from ceras.layers.pooling.base_pooling import BasePooling


class AveragePooling2D(BasePooling):
    """2D average pooling; arguments as in BasePooling.

    Example:
        >>> AveragePooling2D(2)(np.ones((2, 8, 8, 3))).shape
        (2, 4, 4, 3)
    """

    def __init__(self, pool_size, strides=None, padding="valid", data_format=None,
                 name=None, **kwargs):
        super().__init__(pool_size, strides, pool_dimensions=2, pool_mode="average",
                         padding=padding, data_format=data_format, name=name, **kwargs)
