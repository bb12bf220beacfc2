"""GlobalMaxPooling2D: max over every spatial dim of 2D inputs."""
from ceras.layers.pooling.base_global_pooling import BaseGlobalPooling


class GlobalMaxPooling2D(BaseGlobalPooling):
    """Global max pooling over the height and width; arguments as in BaseGlobalPooling.

    Example:
        >>> GlobalMaxPooling2D()(np.ones((2, 8, 8, 3))).shape
        (2, 3)
    """

    def __init__(self, data_format=None, keepdims=False, **kwargs):
        super().__init__(pool_dimensions=2, pool_mode="max", data_format=data_format,
                         keepdims=keepdims, **kwargs)
