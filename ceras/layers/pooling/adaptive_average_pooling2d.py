"""AdaptiveAveragePooling2D: 2D adaptive average pooling to a fixed output size."""
from ceras.layers.pooling.base_adaptive_pooling import BaseAdaptivePooling


class AdaptiveAveragePooling2D(BaseAdaptivePooling):
    """2D adaptive average pooling; arguments as in BaseAdaptivePooling.

    Example:
        >>> AdaptiveAveragePooling2D(2)(np.ones((2, 8, 8, 3))).shape
        (2, 2, 2, 3)
    """

    def __init__(self, output_size, data_format=None, **kwargs):
        super().__init__(pool_dimensions=2, pool_mode="average", output_size=output_size,
                         data_format=data_format, **kwargs)
