"""Dropout: zero a random fraction of inputs while training."""
from ceras import backend
from ceras.layers.layer import Layer
from ceras.random.seed_generator import SeedGenerator


class Dropout(Layer):
    """Sets inputs to 0 with frequency ``rate`` during training and scales the rest
    by ``1 / (1 - rate)``; the identity at inference.

    Args:
        rate: float in [0, 1), the fraction to drop.
        noise_shape: shape of the binary mask, broadcast against the input
            (``None`` entries take the input's size).
        seed: int seed for reproducible masks.
    """

    def __init__(self, rate, noise_shape=None, seed=None, **kwargs):
        super().__init__(**kwargs)
        if not isinstance(rate, (int, float)) or not 0 <= rate <= 1:
            raise ValueError(
                f'Layer "{self.name}" expects rate to be a float in [0, 1], received '
                f"rate={rate!r}"
            )
        self.rate = rate
        self.seed = seed
        self.noise_shape = tuple(noise_shape) if noise_shape is not None else None
        self.seed_generator = SeedGenerator(seed) if rate > 0 else None
        self.supports_masking = True
        self.built = True

    def call(self, inputs, training=False):
        if training and self.rate > 0:
            noise_shape = self.noise_shape
            if noise_shape is not None:
                noise_shape = tuple(
                    s if d is None else d for d, s in zip(noise_shape, inputs.shape))
            return backend.random.dropout(inputs, self.rate, noise_shape=noise_shape,
                                          seed=self.seed_generator)
        return inputs

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        config = super().get_config()
        config.update({"rate": self.rate, "seed": self.seed, "noise_shape": self.noise_shape})
        return config
