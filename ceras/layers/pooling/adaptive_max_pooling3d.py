"""AdaptiveMaxPooling3D: 3D adaptive max pooling to a fixed output size."""
from ceras.layers.pooling.base_adaptive_pooling import BaseAdaptivePooling


class AdaptiveMaxPooling3D(BaseAdaptivePooling):
    """3D adaptive max pooling; arguments as in BaseAdaptivePooling.

    Example:
        >>> AdaptiveMaxPooling3D(2)(np.ones((2, 4, 4, 4, 3))).shape
        (2, 2, 2, 2, 3)
    """

    def __init__(self, output_size, data_format=None, **kwargs):
        super().__init__(pool_dimensions=3, pool_mode="max", output_size=output_size,
                         data_format=data_format, **kwargs)
