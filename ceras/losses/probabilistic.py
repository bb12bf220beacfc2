"""Probabilistic losses: Kullback-Leibler divergence, Poisson and the categorical
generalized cross-entropy."""
from ceras import backend, ops
from ceras.losses.loss_function_wrapper import LossFunctionWrapper
from ceras.losses.regression import _pair


def kl_divergence(y_true, y_pred):
    """``sum(y_true * log(y_true / y_pred), axis=-1)``, both clipped to
    [epsilon(), 1]."""
    y_true, y_pred = _pair(y_true, y_pred)
    y_true = ops.clip(y_true, backend.epsilon(), 1)
    y_pred = ops.clip(y_pred, backend.epsilon(), 1)
    return ops.sum(y_true * ops.log(y_true / y_pred), axis=-1)


def poisson(y_true, y_pred):
    """``mean(y_pred - y_true * log(y_pred + epsilon()), axis=-1)``."""
    y_true, y_pred = _pair(y_true, y_pred)
    return ops.mean(y_pred - y_true * ops.log(y_pred + backend.epsilon()), axis=-1)


def categorical_generalized_cross_entropy(y_true, y_pred, q):
    """``(1 - p**q) / q`` where ``p`` is the predicted probability of the integer
    label ``y_true``: cross-entropy as q -> 0, MAE at q = 1 (robust to noisy labels)."""
    y_pred = ops.convert_to_tensor(y_pred)
    one_hot = ops.one_hot(ops.cast(y_true, "int32"), ops.shape(y_pred)[-1],
                          dtype=ops.dtype(y_pred))
    p = ops.sum(y_pred * one_hot, axis=-1)
    return (1.0 - ops.power(p, q)) / q


class KLDivergence(LossFunctionWrapper):
    """Kullback-Leibler divergence, ``y_true * log(y_true / y_pred)`` summed."""

    def __init__(self, reduction="sum_over_batch_size", name="kl_divergence", dtype=None):
        super().__init__(kl_divergence, name=name, reduction=reduction, dtype=dtype)

    def get_config(self):
        return {"name": self.name, "reduction": self.reduction}


class Poisson(LossFunctionWrapper):
    """Poisson loss, ``y_pred - y_true * log(y_pred)`` averaged."""

    def __init__(self, reduction="sum_over_batch_size", name="poisson", dtype=None):
        super().__init__(poisson, name=name, reduction=reduction, dtype=dtype)

    def get_config(self):
        return {"name": self.name, "reduction": self.reduction}


class CategoricalGeneralizedCrossEntropy(LossFunctionWrapper):
    """Generalized cross-entropy for integer labels (Zhang & Sabuncu, 2018).

    Args:
        q: in (0, 1), default 0.5: towards 0 behaves like cross-entropy, towards
            1 like mean absolute error.
        reduction, name, dtype: as for ``Loss``.
    """

    def __init__(self, q=0.5, reduction="sum_over_batch_size",
                 name="categorical_generalized_cross_entropy", dtype=None):
        if not 0 < q < 1:
            raise ValueError(f"Argument `q` of CategoricalGeneralizedCrossEntropy must be in "
                             f"the interval (0, 1), received q={q}")
        super().__init__(categorical_generalized_cross_entropy, name=name,
                         reduction=reduction, dtype=dtype, q=q)
        self.q = q

    def get_config(self):
        return {"name": self.name, "reduction": self.reduction, "q": self.q}
