"""R2Score: the coefficient of determination, optionally adjusted for regressors."""
import warnings

from ceras import ops
from ceras.losses.loss import squeeze_or_expand_to_same_rank
from ceras.metrics.metric import Metric

_AGGREGATIONS = (None, "uniform_average", "variance_weighted_average")


class R2Score(Metric):
    """R^2 = 1 - residual sum of squares / total sum of squares, per output column.

    Args:
        class_aggregation: how the per-column scores combine: ``"uniform_average"``
            (default, their mean), ``"variance_weighted_average"`` (weighted by
            each column's variance) or None (one score per column).
        num_regressors: number of independent variables, for the adjusted R^2
            (default 0: plain R^2).
        name, dtype: as for ``Metric``.

    Inputs are 2D, ``(batch_size, output_dim)``.
    """

    def __init__(self, class_aggregation="uniform_average", num_regressors=0,
                 name="r2_score", dtype=None):
        super().__init__(name=name, dtype=dtype)
        if class_aggregation not in _AGGREGATIONS:
            raise ValueError("Invalid value for argument `class_aggregation`. Expected one of "
                             f"{_AGGREGATIONS}. Received: class_aggregation={class_aggregation}")
        if num_regressors < 0:
            raise ValueError("Invalid value for argument `num_regressors`. Expected a value "
                             f">= 0. Received: num_regressors={num_regressors}")
        self.class_aggregation = class_aggregation
        self.num_regressors = num_regressors
        self.num_samples = self.add_variable((), "zeros", name="num_samples")
        self._built = False

    def _build(self, y_true_shape, y_pred_shape):
        if len(y_pred_shape) != 2 or len(y_true_shape) != 2:
            raise ValueError(
                "R2Score expects 2D inputs with shape (batch_size, output_dim). Received "
                f"input shapes: y_pred.shape={tuple(y_pred_shape)} and "
                f"y_true.shape={tuple(y_true_shape)}.")
        shape = (y_pred_shape[-1],)
        self.squared_sum = self.add_variable(shape, "zeros", name="squared_sum")
        self.sum = self.add_variable(shape, "zeros", name="sum")
        self.total_mse = self.add_variable(shape, "zeros", name="residual")
        self.count = self.add_variable(shape, "zeros", name="count")
        self._built = True

    def update_state(self, y_true, y_pred, sample_weight=None):
        y_true = ops.convert_to_tensor(y_true, dtype=self.dtype)
        y_pred = ops.convert_to_tensor(y_pred, dtype=self.dtype)
        y_true, y_pred = squeeze_or_expand_to_same_rank(y_true, y_pred)
        if not self._built:
            self._build(y_true.shape, y_pred.shape)
        squared_error = ops.square(y_true - y_pred)
        if sample_weight is None:
            self.sum.assign_add(ops.sum(y_true, axis=0))
            self.squared_sum.assign_add(ops.sum(ops.square(y_true), axis=0))
            self.total_mse.assign_add(ops.sum(squared_error, axis=0))
            self.count.assign(self.count.value + y_true.shape[0])
        else:
            weight = ops.convert_to_tensor(sample_weight, dtype=self.dtype)
            if len(weight.shape) == 1:
                weight = ops.expand_dims(weight, axis=1)
            weight = ops.broadcast_to(weight, ops.shape(y_true))
            weighted = y_true * weight
            self.sum.assign_add(ops.sum(weighted, axis=0))
            self.squared_sum.assign_add(ops.sum(y_true * weighted, axis=0))
            self.total_mse.assign_add(ops.sum(squared_error * weight, axis=0))
            self.count.assign_add(ops.sum(weight, axis=0))
        # Keras counts every entry (batch * outputs) as a sample for the adjustment.
        self.num_samples.assign(self.num_samples.value + y_true.shape[0] * y_true.shape[1])

    def result(self):
        mean = self.sum.value / self.count.value
        total = self.squared_sum.value - self.sum.value * mean
        scores = 1.0 - self.total_mse.value / total
        scores = ops.where(ops.isinf(scores), 0.0, scores)
        if self.class_aggregation == "uniform_average":
            score = ops.mean(scores)
        elif self.class_aggregation == "variance_weighted_average":
            score = ops.sum(total * scores) / ops.sum(total)
        else:
            score = scores
        if self.num_regressors == 0:
            return score
        n = float(self.num_samples.numpy())  # the adjustment needs the count on the host
        if self.num_regressors > n - 1:
            warnings.warn("More independent predictors than datapoints in adjusted R2 score. "
                          "Falling back to standard R2 score.", stacklevel=2)
            return score
        if self.num_regressors == n - 1:
            warnings.warn("Division by zero in Adjusted R2 score. Falling back to standard R2 "
                          "score.", stacklevel=2)
            return score
        return 1.0 - (1.0 - score) * (n - 1.0) / (n - self.num_regressors - 1.0)

    def reset_state(self):
        for variable in self.variables:
            variable.assign(ops.zeros(variable.shape, dtype=variable.dtype))

    def get_config(self):
        return {"name": self.name, "dtype": self.dtype,
                "class_aggregation": self.class_aggregation,
                "num_regressors": self.num_regressors}
