"""AlphaDropout: dropout that keeps SELU's self-normalizing mean and variance."""
from ceras import ops, random
from ceras.layers.argument_validation import check_rate
from ceras.layers.layer import Layer
from ceras.random.seed_generator import SeedGenerator

# SELU's constants (Klambauer et al., 2017): dropped units take SELU's negative
# saturation value, -scale * alpha.
_ALPHA = 1.6732632423543772848170429916717
_SCALE = 1.0507009873554804934193349852946


class AlphaDropout(Layer):
    """In training, sets a fraction ``rate`` of inputs to SELU's saturation value
    ``alpha' = -scale * alpha`` and applies the affine map ``a * x + b`` that restores
    zero mean and unit variance for standardized inputs, with
    ``a = ((1 - rate) * (1 + rate * alpha'^2)) ** -0.5`` and ``b = -a * alpha' * rate``.
    The identity at inference. Pair it with the "selu" activation.

    Args:
        rate: float in [0, 1).
        noise_shape: shape of the keep/drop draw, broadcast against the input
            (None entries take the input's size).
        seed: int seed for reproducible masks.
    """

    def __init__(self, rate, noise_shape=None, seed=None, **kwargs):
        super().__init__(**kwargs)
        self.rate = check_rate(rate, self.name, upper_inclusive=False)
        self.noise_shape = tuple(noise_shape) if noise_shape is not None else None
        self.seed = seed
        self.seed_generator = SeedGenerator(seed) if rate > 0 else None
        self.supports_masking = True
        self.built = True

    def call(self, inputs, training=False):
        if not training or self.rate == 0:
            return inputs
        shape = inputs.shape if self.noise_shape is None else tuple(
            s if d is None else d for d, s in zip(self.noise_shape, inputs.shape))
        alpha_p = -_ALPHA * _SCALE
        keep = ops.greater_equal(
            random.uniform(shape, dtype=self.compute_dtype, seed=self.seed_generator),
            self.rate)
        a = ((1.0 - self.rate) * (1.0 + self.rate * alpha_p ** 2)) ** -0.5
        b = -a * alpha_p * self.rate
        dropped = ops.where(keep, inputs, ops.cast(alpha_p, inputs.dtype))
        return ops.add(ops.multiply(dropped, a), b)

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        config = super().get_config()
        config.update({"rate": self.rate, "seed": self.seed, "noise_shape": self.noise_shape})
        return config
