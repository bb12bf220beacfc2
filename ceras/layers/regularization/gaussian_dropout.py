"""GaussianDropout: multiply by Gaussian noise of mean 1 while training."""
import math

from ceras import random
from ceras.layers.argument_validation import check_rate
from ceras.layers.layer import Layer
from ceras.random.seed_generator import SeedGenerator


class GaussianDropout(Layer):
    """Multiplies inputs by noise drawn from N(1, rate / (1 - rate)) in training (the
    variance of Dropout's multiplicative noise at the same rate); the identity at
    inference.

    Args:
        rate: float in [0, 1).
        seed: int seed for reproducible noise.

    Example:
        >>> GaussianDropout(0.2)(np.ones((2, 3)), training=True)  # values around 1
    """

    def __init__(self, rate, seed=None, **kwargs):
        super().__init__(**kwargs)
        self.rate = check_rate(rate, self.name, upper_inclusive=False)
        self.seed = seed
        self.seed_generator = SeedGenerator(seed) if rate > 0 else None
        self.supports_masking = True
        self.built = True

    def call(self, inputs, training=False):
        if not training or self.rate == 0:
            return inputs
        stddev = math.sqrt(self.rate / (1.0 - self.rate))
        noise = random.normal(inputs.shape, mean=1.0, stddev=stddev,
                              dtype=self.compute_dtype, seed=self.seed_generator)
        return inputs * noise

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        config = super().get_config()
        config.update({"rate": self.rate, "seed": self.seed})
        return config
