"""MaxPooling3D: 3D max pooling."""
from ceras.layers.pooling.base_pooling import BasePooling


class MaxPooling3D(BasePooling):
    """3D max pooling; arguments as in BasePooling.

    Example:
        >>> MaxPooling3D(2)(np.ones((2, 4, 4, 4, 3))).shape
        (2, 2, 2, 2, 3)
    """

    def __init__(self, pool_size=(2, 2, 2), strides=None, padding="valid", data_format=None,
                 name=None, **kwargs):
        super().__init__(pool_size, strides, pool_dimensions=3, pool_mode="max",
                         padding=padding, data_format=data_format, name=name, **kwargs)
