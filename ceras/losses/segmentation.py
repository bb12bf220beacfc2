"""Overlap losses for segmentation: Dice and Tversky."""
from ceras import backend, ops
from ceras.losses.loss_function_wrapper import LossFunctionWrapper


def dice(y_true, y_pred, axis=None):
    """``1 - 2 * sum(y_true * y_pred) / (sum(y_true) + sum(y_pred))`` over ``axis``
    (None: all axes, one value for the batch)."""
    y_pred = ops.convert_to_tensor(y_pred)
    y_true = ops.cast(y_true, ops.dtype(y_pred))
    intersection = ops.sum(y_true * y_pred, axis=axis)
    total = ops.sum(y_true, axis=axis) + ops.sum(y_pred, axis=axis) + backend.epsilon()
    return 1.0 - 2.0 * intersection / total


def tversky(y_true, y_pred, alpha=0.5, beta=0.5, axis=None):
    """``1 - TP / (TP + alpha * FP + beta * FN)`` with soft counts over ``axis``;
    alpha = beta = 0.5 gives the Dice loss."""
    y_pred = ops.convert_to_tensor(y_pred)
    y_true = ops.cast(y_true, ops.dtype(y_pred))
    tp = ops.sum(y_true * y_pred, axis=axis)
    # Keras's naming: fp counts labels the prediction missed, fn the reverse.
    fp = ops.sum((1.0 - y_pred) * y_true, axis=axis)
    fn = ops.sum(y_pred * (1.0 - y_true), axis=axis)
    return 1.0 - tp / (tp + fp * alpha + fn * beta + backend.epsilon())


class Dice(LossFunctionWrapper):
    """Dice loss.

    Args:
        reduction, name, dtype: as for ``Loss``.
        axis: the axes the overlap is computed over (default None: all).
    """

    def __init__(self, reduction="sum_over_batch_size", name="dice", axis=None, dtype=None):
        super().__init__(dice, name=name, reduction=reduction, dtype=dtype, axis=axis)
        self.axis = axis

    def get_config(self):
        return {"name": self.name, "reduction": self.reduction, "axis": self.axis}


class Tversky(LossFunctionWrapper):
    """Tversky loss.

    Args:
        alpha: weight of false positives (default 0.5).
        beta: weight of false negatives (default 0.5).
        reduction, name, dtype: as for ``Loss``.
        axis: the axes the overlap is computed over (default None: all).
    """

    def __init__(self, alpha=0.5, beta=0.5, reduction="sum_over_batch_size", name="tversky",
                 axis=None, dtype=None):
        super().__init__(tversky, name=name, reduction=reduction, dtype=dtype, alpha=alpha,
                         beta=beta, axis=axis)
        self.alpha = alpha
        self.beta = beta
        self.axis = axis

    def get_config(self):
        return {"name": self.name, "reduction": self.reduction, "alpha": self.alpha,
                "beta": self.beta, "axis": self.axis}
