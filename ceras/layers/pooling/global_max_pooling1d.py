"""GlobalMaxPooling1D: max over every spatial dim of 1D inputs."""
from ceras.layers.pooling.base_global_pooling import BaseGlobalPooling


class GlobalMaxPooling1D(BaseGlobalPooling):
    """Global max pooling over the steps; arguments as in BaseGlobalPooling.

    Example:
        >>> GlobalMaxPooling1D()(np.ones((2, 8, 3))).shape
        (2, 3)
    """

    def __init__(self, data_format=None, keepdims=False, **kwargs):
        super().__init__(pool_dimensions=1, pool_mode="max", data_format=data_format,
                         keepdims=keepdims, **kwargs)
