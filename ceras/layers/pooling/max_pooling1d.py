"""MaxPooling1D: 1D max pooling."""
from ceras.layers.pooling.base_pooling import BasePooling


class MaxPooling1D(BasePooling):
    """1D max pooling; arguments as in BasePooling.

    Example:
        >>> MaxPooling1D(2)(np.ones((2, 8, 3))).shape
        (2, 4, 3)
    """

    def __init__(self, pool_size=2, strides=None, padding="valid", data_format=None,
                 name=None, **kwargs):
        super().__init__(pool_size, strides, pool_dimensions=1, pool_mode="max",
                         padding=padding, data_format=data_format, name=name, **kwargs)
