"""AdaptiveMaxPooling1D: 1D adaptive max pooling to a fixed output size."""
from ceras.layers.pooling.base_adaptive_pooling import BaseAdaptivePooling


class AdaptiveMaxPooling1D(BaseAdaptivePooling):
    """1D adaptive max pooling; arguments as in BaseAdaptivePooling.

    Example:
        >>> AdaptiveMaxPooling1D(2)(np.ones((2, 8, 3))).shape
        (2, 2, 3)
    """

    def __init__(self, output_size, data_format=None, **kwargs):
        super().__init__(pool_dimensions=1, pool_mode="max", output_size=output_size,
                         data_format=data_format, **kwargs)
