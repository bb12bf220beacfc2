"""Weight constraints: a projection applied to a weight after each optimizer step."""
from ceras import backend, ops


class Constraint:
    """Base class: ``constraint(w)`` returns the projected weight.

    Example:

    >>> class Clip(Constraint):
    ...     def __call__(self, w):
    ...         return ceras.ops.clip(w, -1.0, 1.0)
    """

    def __call__(self, w):
        return w

    def get_config(self):
        return {}

    @classmethod
    def from_config(cls, config):
        return cls(**config)


def _norms(w, axis):
    return ops.sqrt(ops.sum(ops.square(w), axis=axis, keepdims=True))


class MaxNorm(Constraint):
    """Rescales the slices of ``w`` along ``axis`` whose L2 norm exceeds ``max_value``.

    Args:
        max_value: Largest allowed norm. Defaults to 2.
        axis: Axis (or axes) along which norms are computed. Defaults to 0: for a
            Dense kernel (in, out), the weights into each unit.
    """

    def __init__(self, max_value=2, axis=0):
        self.max_value = max_value
        self.axis = axis

    def __call__(self, w):
        w = ops.convert_to_tensor(w)
        norms = _norms(w, self.axis)
        desired = ops.clip(norms, 0, self.max_value)
        return ops.multiply(w, ops.divide(desired, ops.add(norms, backend.epsilon())))

    def get_config(self):
        return {"max_value": self.max_value, "axis": self.axis}


class NonNeg(Constraint):
    """Sets negative weights to zero."""

    def __call__(self, w):
        w = ops.convert_to_tensor(w)
        return ops.multiply(w, ops.cast(ops.greater_equal(w, 0), ops.dtype(w)))


class UnitNorm(Constraint):
    """Scales the slices of ``w`` along ``axis`` to unit L2 norm.

    Args:
        axis: Axis (or axes) along which norms are computed. Defaults to 0.
    """

    def __init__(self, axis=0):
        self.axis = axis

    def __call__(self, w):
        w = ops.convert_to_tensor(w)
        return ops.divide(w, ops.add(_norms(w, self.axis), backend.epsilon()))

    def get_config(self):
        return {"axis": self.axis}


class MinMaxNorm(Constraint):
    """Keeps the L2 norm of the slices along ``axis`` within [min_value, max_value].

    Each slice is rescaled to ``rate * clip(norm, min_value, max_value) +
    (1 - rate) * norm``: ``rate=1`` enforces the bounds at once, smaller rates
    move towards them gradually.

    Args:
        min_value: Smallest allowed norm. Defaults to 0.0.
        max_value: Largest allowed norm. Defaults to 1.0.
        rate: Rate of enforcement. Defaults to 1.0.
        axis: Axis (or axes) along which norms are computed. Defaults to 0.
    """

    def __init__(self, min_value=0.0, max_value=1.0, rate=1.0, axis=0):
        self.min_value = min_value
        self.max_value = max_value
        self.rate = rate
        self.axis = axis

    def __call__(self, w):
        w = ops.convert_to_tensor(w)
        norms = _norms(w, self.axis)
        desired = ops.add(ops.multiply(ops.clip(norms, self.min_value, self.max_value),
                                       self.rate),
                          ops.multiply(norms, 1.0 - self.rate))
        return ops.multiply(w, ops.divide(desired, ops.add(norms, backend.epsilon())))

    def get_config(self):
        return {"min_value": self.min_value, "max_value": self.max_value, "rate": self.rate,
                "axis": self.axis}
