"""SpatialDropout1D: drop whole channels of sequences (batch, steps, channels)."""
from ceras.layers.regularization.base_spatial_dropout import BaseSpatialDropout


class SpatialDropout1D(BaseSpatialDropout):
    """Dropout of entire channels of sequences (batch, steps, channels); see BaseSpatialDropout.

    Example:
        >>> SpatialDropout1D(0.5)(np.ones((2, 5, 3)), training=True)  # channels all 0 or 2
    """

    def __init__(self, rate, seed=None, name=None, dtype=None):
        super().__init__(1, rate, data_format="channels_last", seed=seed, name=name, dtype=dtype)
