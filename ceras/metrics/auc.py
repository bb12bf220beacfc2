"""AUC: area under the ROC or precision-recall curve, from thresholded counts."""
import numpy as np

from ceras import backend, ops
from ceras.metrics.confusion_counts import ThresholdCounter, is_evenly_distributed
from ceras.metrics.metric import Metric

_CURVES = {"roc": "ROC", "pr": "PR", "prgain": "PRGAIN"}
_SUMMATIONS = ("interpolation", "minoring", "majoring")


class AUC(Metric):
    """Approximate area under a curve, a Riemann sum over ``num_thresholds``
    thresholds.

    Args:
        num_thresholds: number of thresholds, evenly spaced over [0, 1] (default 200).
        curve: ``"ROC"`` (default), ``"PR"`` (precision-recall) or ``"PRGAIN"``.
        summation_method: ``"interpolation"`` (default; trapezoids, or for PR the
            Davis & Goadrich interpolation), ``"minoring"`` or ``"majoring"``.
        name, dtype: as for ``Metric``.
        thresholds: explicit thresholds in [0, 1] (overrides ``num_thresholds``);
            0 - epsilon and 1 + epsilon are added at the ends.
        multi_label: compute one curve per label (last axis) and average them,
            instead of flattening all labels into one curve.
        num_labels: with ``multi_label``, the number of labels (else inferred on
            the first update).
        label_weights: per-label weights of the average (multi_label) or of the
            counts (otherwise).
        from_logits: apply a sigmoid to predictions first.
    """

    def __init__(self, num_thresholds=200, curve="ROC", summation_method="interpolation",
                 name=None, dtype=None, thresholds=None, multi_label=False, num_labels=None,
                 label_weights=None, from_logits=False):
        curve_key = str(curve).lower()
        if curve_key not in _CURVES:
            raise ValueError(f'Invalid AUC curve value: "{curve}". Expected values are '
                             f"{list(_CURVES.values())}")
        if str(summation_method).lower() not in _SUMMATIONS:
            raise ValueError(f'Invalid AUC summation method value: "{summation_method}". '
                             f"Expected values are {list(_SUMMATIONS)}")
        self._init_from_thresholds = thresholds is not None
        if thresholds is not None:
            self.num_thresholds = len(thresholds) + 2
            inner = sorted(float(t) for t in thresholds)
            evenly = is_evenly_distributed(np.array([0.0] + inner + [1.0]))
        else:
            if num_thresholds <= 1:
                raise ValueError("Argument `num_thresholds` must be an integer > 1. "
                                 f"Received: num_thresholds={num_thresholds}")
            self.num_thresholds = num_thresholds
            inner = [(i + 1) / (num_thresholds - 1) for i in range(num_thresholds - 2)]
            evenly = True
        eps = backend.epsilon()
        self._thresholds = [0.0 - eps] + inner + [1.0 + eps]
        self._counter = ThresholdCounter(self._thresholds, clip_predictions=evenly)
        self.curve = _CURVES[curve_key]
        self.summation_method = str(summation_method).lower()
        super().__init__(name=name, dtype=dtype)
        self.multi_label = multi_label
        self.num_labels = num_labels
        if label_weights is not None:
            label_weights = [float(w) for w in np.asarray(label_weights).reshape(-1)]
        self.label_weights = label_weights
        self._label_weights_tensor = None
        self._from_logits = from_logits
        self._built = False
        if multi_label:
            if num_labels:
                self._build((None, num_labels))
        else:
            if num_labels:
                raise ValueError("`num_labels` is needed only when `multi_label` is True.")
            self._build(None)

    @property
    def thresholds(self):
        return list(self._thresholds)

    def _build(self, shape):
        if self.multi_label:
            if len(shape) != 2:
                raise ValueError(
                    "`y_pred` must have rank 2 when `multi_label=True`. Found rank "
                    f"{len(shape)}. Full shape received for `y_pred`: {tuple(shape)}")
            self._num_labels = shape[1]
            var_shape = (self.num_thresholds, self._num_labels)
        else:
            var_shape = (self.num_thresholds,)
        self.true_positives = self.add_variable(var_shape, "zeros", name="true_positives")
        self.false_positives = self.add_variable(var_shape, "zeros", name="false_positives")
        self.true_negatives = self.add_variable(var_shape, "zeros", name="true_negatives")
        self.false_negatives = self.add_variable(var_shape, "zeros", name="false_negatives")
        self._built = True

    def _weights(self):
        if self.label_weights is None:
            return None
        if self._label_weights_tensor is None:
            self._label_weights_tensor = ops.convert_to_tensor(
                np.asarray(self.label_weights, dtype=self.dtype))
        return self._label_weights_tensor

    def update_state(self, y_true, y_pred, sample_weight=None):
        if not self._built:
            self._build(tuple(y_pred.shape))
        if self._from_logits:
            y_pred = ops.sigmoid(ops.convert_to_tensor(y_pred))
        self._counter.update(
            {"tp": self.true_positives, "fp": self.false_positives,
             "tn": self.true_negatives, "fn": self.false_negatives},
            y_true, y_pred, sample_weight=sample_weight, multi_label=self.multi_label,
            label_weights=None if self.multi_label else self._weights())

    def _average_labels(self, per_label):
        if not self.multi_label:
            return ops.sum(per_label)
        by_label = ops.sum(per_label, axis=0)
        weights = self._weights()
        if weights is None:
            return ops.mean(by_label)
        return ops.divide_no_nan(ops.sum(by_label * weights), ops.sum(weights))

    def _interpolated_pr_auc(self, tp, fp, fn):
        # Davis & Goadrich (2006): precision interpolated between thresholds, with
        # tp and the number of predicted positives varying linearly in each interval.
        dtp = tp[:-1] - tp[1:]
        p = tp + fp
        dp = p[:-1] - p[1:]
        slope = ops.divide_no_nan(dtp, ops.maximum(dp, 0.0))
        intercept = tp[1:] - slope * p[1:]
        both_positive = ops.logical_and(p[:-1] > 0, p[1:] > 0)
        ratio = ops.where(both_positive, ops.divide_no_nan(p[:-1], ops.maximum(p[1:], 0.0)),
                          ops.ones_like(p[1:]))
        increments = ops.divide_no_nan(slope * (dtp + intercept * ops.log(ratio)),
                                       ops.maximum(tp[1:] + fn[1:], 0.0))
        return self._average_labels(increments)

    def result(self):
        tp, fp = self.true_positives.value, self.false_positives.value
        tn, fn = self.true_negatives.value, self.false_negatives.value
        if self.curve == "PR" and self.summation_method == "interpolation":
            return self._interpolated_pr_auc(tp, fp, fn)
        recall = ops.divide_no_nan(tp, tp + fn)
        if self.curve == "ROC":
            x, y = ops.divide_no_nan(fp, fp + tn), recall
        elif self.curve == "PR":
            x, y = recall, ops.divide_no_nan(tp, tp + fp)
        else:  # PRGAIN
            scale = ops.divide_no_nan(tp + fn, tn + fp)
            no_tp = ops.equal(tp, 0.0)
            recall_gain = ops.where(no_tp, 0.0, 1.0 - scale * ops.divide_no_nan(fn, tp))
            precision_gain = ops.where(no_tp, 1.0, 1.0 - scale * ops.divide_no_nan(fp, tp))
            x, y = ops.maximum(recall_gain, 0.0), precision_gain
        if self.summation_method == "interpolation":
            heights = (y[:-1] + y[1:]) / 2.0
        elif self.summation_method == "minoring":
            heights = ops.minimum(y[:-1], y[1:])
        else:
            heights = ops.maximum(y[:-1], y[1:])
        return self._average_labels((x[:-1] - x[1:]) * heights)

    def reset_state(self):
        if self._built:
            super().reset_state()

    def get_config(self):
        config = {"name": self.name, "dtype": self.dtype,
                  "num_thresholds": self.num_thresholds, "curve": self.curve,
                  "summation_method": self.summation_method, "multi_label": self.multi_label,
                  "num_labels": self.num_labels, "label_weights": self.label_weights,
                  "from_logits": self._from_logits}
        if self._init_from_thresholds:
            config["thresholds"] = self.thresholds[1:-1]
        return config
