"""FBetaScore and F1Score for multi-class / multi-label predictions."""
from ceras import backend, ops
from ceras.metrics.metric import Metric

_AVERAGES = (None, "micro", "macro", "weighted")


class FBetaScore(Metric):
    """F-beta score, ``(1 + beta**2) * P * R / (beta**2 * P + R)``, per class or
    averaged.

    Args:
        average: None (one score per class), ``"micro"`` (global counts),
            ``"macro"`` (unweighted mean of class scores) or ``"weighted"`` (mean
            weighted by each class's number of true labels).
        beta: weight of recall relative to precision (a float > 0, default 1.0).
        threshold: predictions above it are positive (a float in (0, 1]); None
            (default) makes each sample's highest prediction the positive one.
        name, dtype: as for ``Metric``.

    Inputs are 2D, ``(batch_size, num_classes)``.
    """

    def __init__(self, average=None, beta=1.0, threshold=None, name="fbeta_score",
                 dtype=None):
        super().__init__(name=name, dtype=dtype)
        if average not in _AVERAGES:
            raise ValueError("Invalid `average` argument value. Expected one of: {None, "
                             f"'micro', 'macro', 'weighted'}}. Received: average={average}")
        if not isinstance(beta, float):
            raise ValueError("Invalid `beta` argument value. It should be a Python float. "
                             f"Received: beta={beta} of type '{type(beta)}'")
        if beta <= 0.0:
            raise ValueError(
                f"Invalid `beta` argument value. It should be > 0. Received: beta={beta}")
        if threshold is not None:
            if not isinstance(threshold, float):
                raise ValueError(
                    "Invalid `threshold` argument value. It should be a Python float. "
                    f"Received: threshold={threshold} of type '{type(threshold)}'")
            if threshold > 1.0 or threshold <= 0.0:
                raise ValueError("Invalid `threshold` argument value. It should verify 0 < "
                                 f"threshold <= 1. Received: threshold={threshold}")
        self.average = average
        self.beta = beta
        self.threshold = threshold
        self.axis = None if average == "micro" else 0
        self._built = False

    def _build(self, y_true_shape, y_pred_shape):
        if len(y_pred_shape) != 2 or len(y_true_shape) != 2:
            raise ValueError(
                "FBetaScore expects 2D inputs with shape (batch_size, output_dim). "
                f"Received input shapes: y_pred.shape={tuple(y_pred_shape)} and "
                f"y_true.shape={tuple(y_true_shape)}.")
        shape = () if self.average == "micro" else (y_pred_shape[-1],)
        self.true_positives = self.add_variable(shape, "zeros", dtype=self.dtype,
                                                name="true_positives")
        self.false_positives = self.add_variable(shape, "zeros", dtype=self.dtype,
                                                 name="false_positives")
        self.false_negatives = self.add_variable(shape, "zeros", dtype=self.dtype,
                                                 name="false_negatives")
        self.intermediate_weights = self.add_variable(shape, "zeros", dtype=self.dtype,
                                                      name="intermediate_weights")
        self._built = True

    def update_state(self, y_true, y_pred, sample_weight=None):
        y_true = ops.convert_to_tensor(y_true, dtype=self.dtype)
        y_pred = ops.convert_to_tensor(y_pred, dtype=self.dtype)
        if not self._built:
            self._build(y_true.shape, y_pred.shape)
        if self.threshold is None:
            top = ops.max(y_pred, axis=-1, keepdims=True)
            # The highest prediction is positive, unless it is (numerically) zero.
            positive = ops.logical_and(y_pred >= top, ops.abs(y_pred) > 1e-9)
        else:
            positive = y_pred > self.threshold
        y_pred = ops.cast(positive, self.dtype)
        if sample_weight is not None:
            weight = ops.expand_dims(ops.convert_to_tensor(sample_weight, dtype=self.dtype), 1)
            y_true_w, y_pred_w = y_true * weight, y_pred * weight
        else:
            y_true_w, y_pred_w = y_true, y_pred
        tp = ops.sum(y_pred_w * y_true, axis=self.axis)
        self.true_positives.assign_add(tp)
        self.false_positives.assign_add(ops.sum(y_pred_w, axis=self.axis) - tp)
        self.false_negatives.assign_add(ops.sum(y_true_w, axis=self.axis) - tp)
        self.intermediate_weights.assign_add(ops.sum(y_true_w, axis=self.axis))

    def result(self):
        eps = backend.epsilon()
        tp = self.true_positives.value
        precision = tp / (tp + self.false_positives.value + eps)
        recall = tp / (tp + self.false_negatives.value + eps)
        beta2 = self.beta ** 2
        score = (1 + beta2) * (precision * recall / (beta2 * precision + recall + eps))
        if self.average == "weighted":
            weights = self.intermediate_weights.value
            return ops.sum(score * weights / (ops.sum(weights) + eps))
        if self.average is not None:
            return ops.mean(score)
        return score

    def reset_state(self):
        if self._built:
            super().reset_state()

    def get_config(self):
        return {"name": self.name, "dtype": self.dtype, "average": self.average,
                "beta": self.beta, "threshold": self.threshold}


class F1Score(FBetaScore):
    """F1 score, the harmonic mean of precision and recall (FBetaScore with
    beta = 1); arguments as for ``FBetaScore``."""

    def __init__(self, average=None, threshold=None, name="f1_score", dtype=None):
        super().__init__(average=average, beta=1.0, threshold=threshold, name=name,
                         dtype=dtype)

    def get_config(self):
        config = super().get_config()
        del config["beta"]
        return config
