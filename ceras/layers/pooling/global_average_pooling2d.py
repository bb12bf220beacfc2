"""GlobalAveragePooling2D: average over every spatial dim of 2D inputs."""
from ceras.layers.pooling.base_global_pooling import BaseGlobalPooling


class GlobalAveragePooling2D(BaseGlobalPooling):
    """Global average pooling over the height and width; arguments as in BaseGlobalPooling.

    Example:
        >>> GlobalAveragePooling2D()(np.ones((2, 8, 8, 3))).shape
        (2, 3)
    """

    def __init__(self, data_format=None, keepdims=False, **kwargs):
        super().__init__(pool_dimensions=2, pool_mode="average", data_format=data_format,
                         keepdims=keepdims, **kwargs)
