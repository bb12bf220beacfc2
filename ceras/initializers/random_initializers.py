"""Initializers that draw random values: RandomNormal, RandomUniform,
TruncatedNormal, VarianceScaling and its presets (Glorot, He, Lecun).

Seeds follow Keras: an int seed, or None (a seed picked once, at construction),
gives the same values on every call; a SeedGenerator gives new values each call.
"""
import math

from ceras import backend, random
from ceras.initializers.initializer import Initializer
from ceras.random.seed_generator import SeedGenerator

# Standard deviation of a unit normal truncated to [-2, 2]: dividing by it
# makes the truncated draw have the requested variance (Keras's constant).
_TRUNCATED_STDDEV = 0.87962566103423978


class RandomInitializer(Initializer):
    """Base of the random initializers: validates and stores ``seed``."""

    def __init__(self, seed=None):
        self._init_seed = seed
        if seed is None:
            seed = backend.random.make_default_seed()
        elif isinstance(seed, dict):
            seed = SeedGenerator.from_config(seed.get("config", seed))
            self._init_seed = seed
        elif not isinstance(seed, (int, SeedGenerator)) or isinstance(seed, bool):
            raise ValueError(
                "`seed` argument should be an instance of `keras.random.SeedGenerator()` "
                f"or an integer. Received: seed={seed!r}"
            )
        self.seed = seed

    def get_config(self):
        seed = self._init_seed
        if isinstance(seed, SeedGenerator):
            seed = {"module": "keras.random", "class_name": "SeedGenerator",
                    "config": seed.get_config(), "registered_name": None}
        return {"seed": seed}


class RandomNormal(RandomInitializer):
    """Values from a normal distribution.

    Args:
        mean: Mean of the values. Defaults to 0.0.
        stddev: Standard deviation of the values. Defaults to 0.05.
        seed: int, None or a SeedGenerator (see the module docstring).

    >>> ceras.initializers.RandomNormal(stddev=1.0, seed=0)(shape=(2, 2))
    """

    def __init__(self, mean=0.0, stddev=0.05, seed=None):
        self.mean = mean
        self.stddev = stddev
        super().__init__(seed=seed)

    def __call__(self, shape, dtype=None):
        return random.normal(shape, mean=self.mean, stddev=self.stddev, dtype=dtype,
                             seed=self.seed)

    def get_config(self):
        return {**super().get_config(), "mean": self.mean, "stddev": self.stddev}


class TruncatedNormal(RandomInitializer):
    """Values from a normal distribution, redrawn when more than two standard
    deviations from the mean.

    Args:
        mean: Mean of the values. Defaults to 0.0.
        stddev: Standard deviation before truncation. Defaults to 0.05.
        seed: int, None or a SeedGenerator.

    >>> ceras.initializers.TruncatedNormal(seed=0)(shape=(2, 2))
    """

    def __init__(self, mean=0.0, stddev=0.05, seed=None):
        self.mean = mean
        self.stddev = stddev
        super().__init__(seed=seed)

    def __call__(self, shape, dtype=None):
        return random.truncated_normal(shape, mean=self.mean, stddev=self.stddev,
                                       dtype=dtype, seed=self.seed)

    def get_config(self):
        return {**super().get_config(), "mean": self.mean, "stddev": self.stddev}


class RandomUniform(RandomInitializer):
    """Values from a uniform distribution on ``[minval, maxval)``.

    Args:
        minval: Lower bound. Defaults to -0.05.
        maxval: Upper bound (excluded). Defaults to 0.05.
        seed: int, None or a SeedGenerator.

    >>> ceras.initializers.RandomUniform(-1.0, 1.0, seed=0)(shape=(2, 2))
    """

    def __init__(self, minval=-0.05, maxval=0.05, seed=None):
        self.minval = minval
        self.maxval = maxval
        super().__init__(seed=seed)

    def __call__(self, shape, dtype=None):
        return random.uniform(shape, minval=self.minval, maxval=self.maxval, dtype=dtype,
                              seed=self.seed)

    def get_config(self):
        return {**super().get_config(), "minval": self.minval, "maxval": self.maxval}


def compute_fans(shape, input_axes=None, output_axes=None):
    """(fan_in, fan_out) of a weight shape.

    Dense kernels (in, out) give (in, out); conv kernels (*spatial, in, out) multiply
    both by the receptive field size. When both ``input_axes`` and ``output_axes``
    are given, the fans are the products of those axes' sizes instead (Keras
    ignores one given without the other, and so does this).
    """
    shape = tuple(int(d) for d in shape)
    if input_axes is not None and output_axes is not None:
        return (math.prod(shape[a] for a in input_axes),
                math.prod(shape[a] for a in output_axes))
    if len(shape) == 0:
        return 1, 1
    if len(shape) == 1:
        return shape[0], shape[0]
    receptive_field = math.prod(shape[:-2])
    return shape[-2] * receptive_field, shape[-1] * receptive_field


_MODES = ("fan_in", "fan_out", "fan_avg")
_DISTRIBUTIONS = ("truncated_normal", "untruncated_normal", "uniform")


class VarianceScaling(RandomInitializer):
    """Values whose variance is ``scale / n``, where ``n`` is the fan-in, the
    fan-out or their average (``mode``).

    ``distribution="truncated_normal"`` draws a normal truncated at two standard
    deviations, rescaled so the truncated values have that variance;
    ``"untruncated_normal"`` a plain normal; ``"uniform"`` draws from
    ``[-limit, limit]`` with ``limit = sqrt(3 * scale / n)``.

    Args:
        scale: Positive scaling factor. Defaults to 1.0.
        mode: "fan_in" (default), "fan_out" or "fan_avg".
        distribution: "truncated_normal" (default), "untruncated_normal" or "uniform".
        seed: int, None or a SeedGenerator.
        input_axes, output_axes: Optional axes whose sizes define fan-in and fan-out
            (used when both are given).

    >>> ceras.initializers.VarianceScaling(scale=0.1, mode="fan_in",
    ...                                    distribution="uniform")(shape=(2, 2))
    """

    def __init__(self, scale=1.0, mode="fan_in", distribution="truncated_normal", seed=None,
                 input_axes=None, output_axes=None):
        if not isinstance(scale, (int, float)) or isinstance(scale, bool) or scale <= 0.0:
            raise ValueError(f"Argument `scale` must be positive float. Received: scale={scale}")
        if mode not in _MODES:
            raise ValueError(f"Invalid `mode` argument: {mode}. Expected one of {_MODES}")
        distribution = str(distribution).lower()
        if distribution == "normal":  # the name TF-Keras used for the truncated normal
            distribution = "truncated_normal"
        if distribution not in _DISTRIBUTIONS:
            raise ValueError(
                f"Invalid `distribution` argument: {distribution}. "
                f"Expected one of {_DISTRIBUTIONS}"
            )
        self.scale = scale
        self.mode = mode
        self.distribution = distribution
        self.input_axes = input_axes
        self.output_axes = output_axes
        super().__init__(seed=seed)

    def __call__(self, shape, dtype=None):
        fan_in, fan_out = compute_fans(shape, self.input_axes, self.output_axes)
        n = {"fan_in": fan_in, "fan_out": fan_out, "fan_avg": (fan_in + fan_out) / 2.0}
        scale = self.scale / max(1.0, n[self.mode])
        if self.distribution == "uniform":
            limit = math.sqrt(3.0 * scale)
            return random.uniform(shape, minval=-limit, maxval=limit, dtype=dtype,
                                  seed=self.seed)
        if self.distribution == "truncated_normal":
            stddev = math.sqrt(scale) / _TRUNCATED_STDDEV
            return random.truncated_normal(shape, mean=0.0, stddev=stddev, dtype=dtype,
                                           seed=self.seed)
        return random.normal(shape, mean=0.0, stddev=math.sqrt(scale), dtype=dtype,
                             seed=self.seed)

    def get_config(self):
        return {**super().get_config(), "scale": self.scale, "mode": self.mode,
                "distribution": self.distribution, "input_axes": self.input_axes,
                "output_axes": self.output_axes}


class _VarianceScalingPreset(VarianceScaling):
    """A VarianceScaling with fixed scale, mode and distribution (class attributes);
    its config holds only ``seed``, ``input_axes`` and ``output_axes``."""

    _scale, _mode, _distribution = 1.0, "fan_in", "truncated_normal"

    def __init__(self, seed=None, input_axes=None, output_axes=None):
        super().__init__(scale=self._scale, mode=self._mode, distribution=self._distribution,
                         seed=seed, input_axes=input_axes, output_axes=output_axes)

    def get_config(self):
        return {**RandomInitializer.get_config(self), "input_axes": self.input_axes,
                "output_axes": self.output_axes}


class GlorotUniform(_VarianceScalingPreset):
    """Glorot (Xavier) uniform: uniform on [-limit, limit] with
    ``limit = sqrt(6 / (fan_in + fan_out))``.

    Args:
        seed: int, None or a SeedGenerator.
        input_axes, output_axes: Optional axes whose sizes define fan-in and fan-out.
    """

    _scale, _mode, _distribution = 1.0, "fan_avg", "uniform"


class GlorotNormal(_VarianceScalingPreset):
    """Glorot (Xavier) normal: truncated normal with
    ``stddev = sqrt(2 / (fan_in + fan_out))``. Args as GlorotUniform."""

    _scale, _mode, _distribution = 1.0, "fan_avg", "truncated_normal"


class HeUniform(_VarianceScalingPreset):
    """He uniform: uniform on [-limit, limit] with ``limit = sqrt(6 / fan_in)``.
    Args as GlorotUniform."""

    _scale, _mode, _distribution = 2.0, "fan_in", "uniform"


class HeNormal(_VarianceScalingPreset):
    """He normal: truncated normal with ``stddev = sqrt(2 / fan_in)``.
    Args as GlorotUniform."""

    _scale, _mode, _distribution = 2.0, "fan_in", "truncated_normal"


class LecunUniform(_VarianceScalingPreset):
    """Lecun uniform: uniform on [-limit, limit] with ``limit = sqrt(3 / fan_in)``.
    Args as GlorotUniform."""

    _scale, _mode, _distribution = 1.0, "fan_in", "uniform"


class LecunNormal(_VarianceScalingPreset):
    """Lecun normal: truncated normal with ``stddev = sqrt(1 / fan_in)``.
    Args as GlorotUniform."""

    _scale, _mode, _distribution = 1.0, "fan_in", "truncated_normal"
