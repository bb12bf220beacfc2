"""Regression losses: squared, absolute, percentage, logarithmic, Huber, log-cosh and
cosine errors, as functions (per-sample values) and as Loss classes."""
import math

from ceras import backend, ops
from ceras.losses.loss import squeeze_or_expand_to_same_rank
from ceras.losses.loss_function_wrapper import LossFunctionWrapper


def _pair(y_true, y_pred):
    """Tensors of y_pred's dtype and equal rank: (N,) targets against (N, 1)
    predictions are aligned, never broadcast to (N, N)."""
    y_pred = ops.convert_to_tensor(y_pred)
    y_true = ops.convert_to_tensor(y_true, dtype=ops.dtype(y_pred))
    return squeeze_or_expand_to_same_rank(y_true, y_pred)


def mean_squared_error(y_true, y_pred):
    """``mean(square(y_true - y_pred), axis=-1)``."""
    y_true, y_pred = _pair(y_true, y_pred)
    return ops.mean(ops.square(y_true - y_pred), axis=-1)


def mean_absolute_error(y_true, y_pred):
    """``mean(abs(y_true - y_pred), axis=-1)``."""
    y_true, y_pred = _pair(y_true, y_pred)
    return ops.mean(ops.abs(y_true - y_pred), axis=-1)


def mean_absolute_percentage_error(y_true, y_pred):
    """``100 * mean(abs((y_true - y_pred) / y_true), axis=-1)``; |y_true| is floored
    at ``epsilon()`` to avoid dividing by zero."""
    y_true, y_pred = _pair(y_true, y_pred)
    denominator = ops.maximum(ops.abs(y_true), backend.epsilon())
    return 100.0 * ops.mean(ops.abs((y_true - y_pred) / denominator), axis=-1)


def mean_squared_logarithmic_error(y_true, y_pred):
    """``mean(square(log(y_true + 1) - log(y_pred + 1)), axis=-1)``; values are
    floored at ``epsilon()`` first."""
    y_true, y_pred = _pair(y_true, y_pred)
    eps = backend.epsilon()
    diff = ops.log(ops.maximum(y_pred, eps) + 1.0) - ops.log(ops.maximum(y_true, eps) + 1.0)
    return ops.mean(ops.square(diff), axis=-1)


def huber(y_true, y_pred, delta=1.0):
    """Quadratic for |error| <= delta, linear beyond: ``0.5 * e**2`` or
    ``delta * |e| - 0.5 * delta**2``, averaged over the last axis."""
    y_true, y_pred = _pair(y_true, y_pred)
    error = y_pred - y_true
    abs_error = ops.abs(error)
    quadratic = 0.5 * ops.square(error)
    linear = delta * abs_error - 0.5 * delta * delta
    return ops.mean(ops.where(abs_error <= delta, quadratic, linear), axis=-1)


_LOG2 = math.log(2.0)


def log_cosh(y_true, y_pred):
    """``mean(log(cosh(y_pred - y_true)), axis=-1)``, computed as
    ``x + softplus(-2x) - log(2)`` so that large errors do not overflow."""
    y_true, y_pred = _pair(y_true, y_pred)
    x = y_pred - y_true
    return ops.mean(x + ops.softplus(-2.0 * x) - _LOG2, axis=-1)


def cosine_similarity(y_true, y_pred, axis=-1):
    """Negative cosine similarity along ``axis``: -1 for identical directions."""
    y_true, y_pred = _pair(y_true, y_pred)
    return -ops.sum(ops.normalize(y_true, axis=axis) * ops.normalize(y_pred, axis=axis),
                    axis=axis)


class MeanSquaredError(LossFunctionWrapper):
    """Mean of squared errors, ``mean(square(y_true - y_pred))``."""

    def __init__(self, reduction="sum_over_batch_size", name="mean_squared_error",
                 dtype=None):
        super().__init__(mean_squared_error, name=name, reduction=reduction, dtype=dtype)

    def get_config(self):
        return {"name": self.name, "reduction": self.reduction}


class MeanAbsoluteError(LossFunctionWrapper):
    """Mean of absolute errors, ``mean(abs(y_true - y_pred))``."""

    def __init__(self, reduction="sum_over_batch_size", name="mean_absolute_error",
                 dtype=None):
        super().__init__(mean_absolute_error, name=name, reduction=reduction, dtype=dtype)

    def get_config(self):
        return {"name": self.name, "reduction": self.reduction}


class MeanAbsolutePercentageError(LossFunctionWrapper):
    """``100 * mean(abs((y_true - y_pred) / y_true))``."""

    def __init__(self, reduction="sum_over_batch_size",
                 name="mean_absolute_percentage_error", dtype=None):
        super().__init__(mean_absolute_percentage_error, name=name, reduction=reduction,
                         dtype=dtype)

    def get_config(self):
        return {"name": self.name, "reduction": self.reduction}


class MeanSquaredLogarithmicError(LossFunctionWrapper):
    """``mean(square(log(y_true + 1) - log(y_pred + 1)))``."""

    def __init__(self, reduction="sum_over_batch_size",
                 name="mean_squared_logarithmic_error", dtype=None):
        super().__init__(mean_squared_logarithmic_error, name=name, reduction=reduction,
                         dtype=dtype)

    def get_config(self):
        return {"name": self.name, "reduction": self.reduction}


class Huber(LossFunctionWrapper):
    """Huber loss: squared error below ``delta`` (default 1.0), absolute above.

    Keras's config omits ``delta``; ceras writes it too so that the round trip
    keeps it (Keras accepts the extra key).
    """

    def __init__(self, delta=1.0, reduction="sum_over_batch_size", name="huber_loss",
                 dtype=None):
        super().__init__(huber, name=name, reduction=reduction, dtype=dtype, delta=delta)
        self.delta = delta

    def get_config(self):
        return {"name": self.name, "reduction": self.reduction, "delta": self.delta}


class LogCosh(LossFunctionWrapper):
    """Logarithm of the hyperbolic cosine of the error, ``mean(log(cosh(e)))``."""

    def __init__(self, reduction="sum_over_batch_size", name="log_cosh", dtype=None):
        super().__init__(log_cosh, name=name, reduction=reduction, dtype=dtype)

    def get_config(self):
        return {"name": self.name, "reduction": self.reduction}


class CosineSimilarity(LossFunctionWrapper):
    """Negative cosine similarity between labels and predictions along ``axis``
    (default -1). Keras's config omits ``axis``; ceras writes it too."""

    def __init__(self, axis=-1, reduction="sum_over_batch_size", name="cosine_similarity",
                 dtype=None):
        super().__init__(cosine_similarity, name=name, reduction=reduction, dtype=dtype,
                         axis=axis)
        self.axis = axis

    def get_config(self):
        return {"name": self.name, "reduction": self.reduction, "axis": self.axis}


