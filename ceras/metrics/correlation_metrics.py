"""Correlation metrics: Pearson and concordance (Lin's) correlation coefficients,
computed per sample along ``axis`` and averaged over batches."""
from ceras import backend, ops
from ceras.losses.loss import squeeze_or_expand_to_same_rank
from ceras.metrics.reduction_metrics import MeanMetricWrapper


def _pair(y_true, y_pred):
    y_pred = ops.convert_to_tensor(y_pred)
    y_true = ops.convert_to_tensor(y_true, dtype=ops.dtype(y_pred))
    return squeeze_or_expand_to_same_rank(y_true, y_pred)


def pearson_correlation(y_true, y_pred, axis=-1):
    """Pearson correlation between ``y_true`` and ``y_pred`` along ``axis``."""
    y_true, y_pred = _pair(y_true, y_pred)
    true_centered = y_true - ops.mean(y_true, axis=axis, keepdims=True)
    pred_centered = y_pred - ops.mean(y_pred, axis=axis, keepdims=True)
    true_std = ops.std(true_centered, axis=axis, keepdims=True)
    pred_std = ops.std(pred_centered, axis=axis, keepdims=True)
    return ops.mean((true_centered / true_std) * (pred_centered / pred_std), axis=axis)


def concordance_correlation(y_true, y_pred, axis=-1):
    """Concordance correlation, ``2 cov / (var_true + var_pred + (mean diff)**2)``,
    along ``axis``."""
    y_true, y_pred = _pair(y_true, y_pred)
    true_mean = ops.mean(y_true, axis=axis, keepdims=True)
    pred_mean = ops.mean(y_pred, axis=axis, keepdims=True)
    true_var = ops.var(y_true - true_mean, axis=axis, keepdims=True)
    pred_var = ops.var(y_pred - pred_mean, axis=axis, keepdims=True)
    # Keras 3.15 centres y_true on the *prediction* mean here; kept for parity.
    covariance = (y_true - pred_mean) * (y_pred - pred_mean)
    norm = true_var + pred_var + ops.square(true_mean - pred_mean)
    return ops.mean(2.0 * covariance / (norm + backend.epsilon()), axis=axis)


class PearsonCorrelation(MeanMetricWrapper):
    """Running mean of the per-sample Pearson correlation along ``axis`` (default -1)."""

    def __init__(self, name="pearson_correlation", dtype=None, axis=-1):
        super().__init__(fn=pearson_correlation, name=name, dtype=dtype, axis=axis)
        self.axis = axis

    def get_config(self):
        return {"name": self.name, "dtype": self.dtype, "axis": self.axis}


class ConcordanceCorrelation(MeanMetricWrapper):
    """Running mean of the per-sample concordance correlation along ``axis``."""

    def __init__(self, name="concordance_correlation", dtype=None, axis=-1):
        super().__init__(fn=concordance_correlation, name=name, dtype=dtype, axis=axis)
        self.axis = axis

    def get_config(self):
        return {"name": self.name, "dtype": self.dtype, "axis": self.axis}
