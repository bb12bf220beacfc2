"""Rescaling: ``inputs * scale + offset``."""
import numpy as np

from ceras import backend, ops
from ceras.layers.layer import Layer


class Rescaling(Layer):
    """Multiplies inputs by ``scale`` and adds ``offset`` (e.g. ``scale=1/255``
    maps [0, 255] pixels to [0, 1]; ``scale=1/127.5, offset=-1`` to [-1, 1]).

    Args:
        scale: float, or a list/array broadcast against the last axis.
        offset: float (or list/array), default 0.

    Example:
        >>> Rescaling(1 / 255)(np.array([[0.0, 255.0]]))  # [[0.0, 1.0]]
    """

    def __init__(self, scale, offset=0.0, **kwargs):
        super().__init__(**kwargs)
        for arg, value in (("scale", scale), ("offset", offset)):
            if not _is_numeric(value):
                raise ValueError(
                    f'Layer "{self.name}" expects {arg} to be a number or an array of numbers, '
                    f"received {arg}={value!r}")
        self.scale = scale
        self.offset = offset
        self.supports_masking = True
        self.built = True

    def call(self, inputs):
        inputs = ops.convert_to_tensor(inputs)
        dtype = self.compute_dtype
        inputs = ops.cast(inputs, dtype)
        scale, offset = self.scale, self.offset
        if not isinstance(scale, (int, float)):
            scale = ops.convert_to_tensor(np.asarray(_plain(scale)), dtype)
        if not isinstance(offset, (int, float)):
            offset = ops.convert_to_tensor(np.asarray(_plain(offset)), dtype)
        return inputs * scale + offset

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        config = super().get_config()
        config.update({"scale": self.scale, "offset": self.offset})
        return config


def _plain(value):
    if backend.is_tensor(value) or isinstance(value, backend.KerasVariable):
        return backend.convert_to_numpy(value)
    return value


def _is_numeric(value):
    if isinstance(value, bool):
        return False
    if isinstance(value, (int, float, np.number)):
        return True
    try:
        return np.issubdtype(np.asarray(_plain(value)).dtype, np.number)
    except (TypeError, ValueError):
        return False
