"""Initializers that involve no randomness: Zeros, Ones, Constant, Identity."""
import numpy as np

from ceras import backend, ops
from ceras.initializers.initializer import Initializer


class Zeros(Initializer):
    """All zeros.

    >>> ceras.initializers.Zeros()(shape=(2, 2))
    """

    def __call__(self, shape, dtype=None):
        return ops.zeros(shape, dtype=backend.standardize_dtype(dtype))


class Ones(Initializer):
    """All ones.

    >>> ceras.initializers.Ones()(shape=(2, 2))
    """

    def __call__(self, shape, dtype=None):
        return ops.ones(shape, dtype=backend.standardize_dtype(dtype))


class Constant(Initializer):
    """Every entry equal to ``value`` (a scalar, or an array broadcast to the shape).

    Args:
        value: A Python scalar, list or NumPy array. Defaults to 0.0.

    >>> ceras.initializers.Constant(3.0)(shape=(2, 2))
    """

    def __init__(self, value=0.0):
        self.value = value

    def __call__(self, shape, dtype=None):
        dtype = backend.standardize_dtype(dtype)
        if isinstance(self.value, (int, float)):
            return ops.full(shape, self.value, dtype=dtype)
        return ops.broadcast_to(ops.convert_to_tensor(self.value, dtype=dtype), shape)

    def get_config(self):
        value = self.value
        if isinstance(value, np.ndarray):
            # Keras's schema for an array inside a config.
            value = {"class_name": "__numpy__",
                     "config": {"value": value.tolist(), "dtype": str(value.dtype)}}
        return {"value": value}

    @classmethod
    def from_config(cls, config):
        value = config.get("value", 0.0)
        if isinstance(value, dict) and value.get("class_name") == "__numpy__":
            value = np.array(value["config"]["value"], dtype=value["config"]["dtype"])
        return cls(value)


class Identity(Initializer):
    """``gain`` times the identity matrix (2D shapes only; non-square shapes get
    ones on the main diagonal).

    Args:
        gain: Multiplicative factor. Defaults to 1.0.

    >>> ceras.initializers.Identity()(shape=(3, 3))
    """

    def __init__(self, gain=1.0):
        self.gain = gain

    def __call__(self, shape, dtype=None):
        shape = tuple(shape)
        if len(shape) != 2:
            raise ValueError(
                "Identity matrix initializer can only be used for 2D matrices. "
                f"Received: shape={shape} of rank {len(shape)}."
            )
        eye = ops.eye(shape[0], shape[1], dtype=backend.standardize_dtype(dtype))
        return eye if self.gain == 1 else eye * self.gain

    def get_config(self):
        # Keras 3.15 returns {} here, losing a non-default gain on save. We write
        # `gain` only when it is not 1.0: the default config stays identical to
        # Keras's, and Keras's Identity(gain=...) still reads ours.
        return {} if self.gain == 1.0 else {"gain": self.gain}
