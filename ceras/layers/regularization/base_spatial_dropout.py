"""BaseSpatialDropout: dropout of whole feature maps (SpatialDropout1D/2D/3D)."""
from ceras import random
from ceras.layers.argument_validation import standardize_data_format
from ceras.layers.input_spec import InputSpec
from ceras.layers.regularization.dropout import Dropout


class BaseSpatialDropout(Dropout):
    """Drops entire channels rather than single entries: one keep/drop draw per
    (sample, channel), shared by every spatial position, then scales the kept ones
    by ``1 / (1 - rate)``. Adjacent positions of a feature map are strongly
    correlated, so this regularizes where plain dropout barely does.

    Args:
        rank: number of spatial dims (1, 2 or 3).
        rate: float in [0, 1], the fraction of channels to drop.
        data_format: "channels_last" or "channels_first" (always channels_last in 1D).
        seed: int seed for reproducible masks.
    """

    def __init__(self, rank, rate, data_format=None, seed=None, name=None, dtype=None):
        super().__init__(rate, seed=seed, name=name, dtype=dtype)
        self.rank = rank
        self.data_format = standardize_data_format(data_format, self.name)
        self.input_spec = InputSpec(ndim=rank + 2)

    def call(self, inputs, training=False):
        if not training or self.rate == 0:
            return inputs
        shape = inputs.shape
        if self.data_format == "channels_last":
            noise_shape = (shape[0],) + (1,) * self.rank + (shape[-1],)
        else:
            noise_shape = (shape[0], shape[1]) + (1,) * self.rank
        return random.dropout(inputs, self.rate, noise_shape=noise_shape,
                              seed=self.seed_generator)

    def get_config(self):
        # Keras reports only these keys for the spatial dropouts (dtype as a plain name).
        return {"rate": self.rate, "seed": self.seed, "name": self.name, "dtype": self.dtype}
