"""AveragePooling3D: 3D average pooling."""
from ceras.layers.pooling.base_pooling import BasePooling


class AveragePooling3D(BasePooling):
    """3D average pooling; arguments as in BasePooling.

    Example:
        >>> AveragePooling3D(2)(np.ones((2, 4, 4, 4, 3))).shape
        (2, 2, 2, 2, 3)
    """

    def __init__(self, pool_size, strides=None, padding="valid", data_format=None,
                 name=None, **kwargs):
        super().__init__(pool_size, strides, pool_dimensions=3, pool_mode="average",
                         padding=padding, data_format=data_format, name=name, **kwargs)
