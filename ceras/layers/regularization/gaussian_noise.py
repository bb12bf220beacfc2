"""GaussianNoise: add zero-mean Gaussian noise while training."""
from ceras import random
from ceras.layers.layer import Layer
from ceras.random.seed_generator import SeedGenerator


class GaussianNoise(Layer):
    """Adds noise drawn from N(0, stddev²) in training; the identity at inference.

    Args:
        stddev: non-negative float, the noise's standard deviation.
        seed: int seed for reproducible noise.

    Example:
        >>> GaussianNoise(0.1)(np.zeros((2, 3)), training=True)  # small random values
    """

    def __init__(self, stddev, seed=None, **kwargs):
        super().__init__(**kwargs)
        if not isinstance(stddev, (int, float)) or isinstance(stddev, bool) or stddev < 0:
            raise ValueError(
                f'Layer "{self.name}" expects `stddev` to be a non-negative float, received '
                f"stddev={stddev!r}"
            )
        self.stddev = stddev
        self.seed = seed
        self.seed_generator = SeedGenerator(seed) if stddev > 0 else None
        self.supports_masking = True
        self.built = True

    def call(self, inputs, training=False):
        if not training or self.stddev == 0:
            return inputs
        noise = random.normal(inputs.shape, mean=0.0, stddev=self.stddev,
                              dtype=self.compute_dtype, seed=self.seed_generator)
        return inputs + noise

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        config = super().get_config()
        config.update({"stddev": self.stddev, "seed": self.seed})
        return config
