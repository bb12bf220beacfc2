"""SpatialDropout3D: drop whole channels of volumes."""
from ceras.layers.regularization.base_spatial_dropout import BaseSpatialDropout


class SpatialDropout3D(BaseSpatialDropout):
    """Dropout of entire channels of volumes; see BaseSpatialDropout.

    Example:
        >>> SpatialDropout3D(0.5)(np.ones((2, 3, 3, 3, 2)), training=True)  # channels all 0 or 2
    """

    def __init__(self, rate, data_format=None, seed=None, name=None, dtype=None):
        super().__init__(3, rate, data_format=data_format, seed=seed, name=name, dtype=dtype)

    def get_config(self):
        config = super().get_config()
        config["data_format"] = self.data_format
        return config
