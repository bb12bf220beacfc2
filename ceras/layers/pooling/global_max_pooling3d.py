"""GlobalMaxPooling3D: max over every spatial dim of 3D inputs."""
from ceras.layers.pooling.base_global_pooling import BaseGlobalPooling


class GlobalMaxPooling3D(BaseGlobalPooling):
    """Global max pooling over the depth, height and width; arguments as in BaseGlobalPooling.

    Example:
        >>> GlobalMaxPooling3D()(np.ones((2, 4, 4, 4, 3))).shape
        (2, 3)
    """

    def __init__(self, data_format=None, keepdims=False, **kwargs):
        super().__init__(pool_dimensions=3, pool_mode="max", data_format=data_format,
                         keepdims=keepdims, **kwargs)
