"""Thresholded counts (TruePositives, FalsePositives, TrueNegatives, FalseNegatives)
and Precision / Recall."""
from ceras import ops
from ceras.metrics.confusion_counts import (
    NEG_INF, ThresholdCounter, is_evenly_distributed, parse_thresholds,
)
from ceras.metrics.metric import Metric


class _ConditionCount(Metric):
    """Weighted count of one confusion-matrix cell at each threshold."""

    _cell = None  # "tp", "fp", "tn" or "fn"

    def __init__(self, thresholds=None, name=None, dtype=None):
        super().__init__(name=name, dtype=dtype)
        self.init_thresholds = thresholds
        self.thresholds = parse_thresholds(thresholds, default=0.5)
        self._counter = ThresholdCounter(self.thresholds,
                                         clip_predictions=is_evenly_distributed(self.thresholds))
        self.accumulator = self.add_variable(shape=(len(self.thresholds),),
                                             initializer="zeros", name="accumulator")

    def update_state(self, y_true, y_pred, sample_weight=None):
        self._counter.update({self._cell: self.accumulator}, y_true, y_pred,
                             sample_weight=sample_weight)

    def result(self):
        # A copy: the result must not change when later batches update the counts.
        value = ops.copy(self.accumulator.value)
        return value[0] if len(self.thresholds) == 1 else value

    def get_config(self):
        return {"name": self.name, "dtype": self.dtype, "thresholds": self.init_thresholds}


class TruePositives(_ConditionCount):
    """Weighted number of positive labels predicted positive (``y_pred > threshold``).

    Args:
        thresholds: a float or list of floats in [0, 1] (default 0.5); with a
            list, the result has one count per threshold.
        name, dtype: as for ``Metric``.
    """

    _cell = "tp"


class FalsePositives(_ConditionCount):
    """Weighted number of negative labels predicted positive; see ``TruePositives``."""

    _cell = "fp"


class TrueNegatives(_ConditionCount):
    """Weighted number of negative labels predicted negative; see ``TruePositives``."""

    _cell = "tn"


class FalseNegatives(_ConditionCount):
    """Weighted number of positive labels predicted negative; see ``TruePositives``."""

    _cell = "fn"


class _PrecisionRecall(Metric):
    _other = None  # "fp" for precision, "fn" for recall

    def __init__(self, thresholds=None, top_k=None, class_id=None, name=None, dtype=None):
        super().__init__(name=name, dtype=dtype)
        self.init_thresholds = thresholds
        self.top_k = top_k
        self.class_id = class_id
        # With top_k, every kept prediction counts as positive: threshold -inf.
        default = 0.5 if top_k is None else NEG_INF
        self.thresholds = parse_thresholds(thresholds, default=default)
        self._counter = ThresholdCounter(self.thresholds,
                                         clip_predictions=is_evenly_distributed(self.thresholds))
        shape = (len(self.thresholds),)
        self.true_positives = self.add_variable(shape=shape, initializer="zeros",
                                                name="true_positives")
        other_name = "false_positives" if self._other == "fp" else "false_negatives"
        self._other_variable = self.add_variable(shape=shape, initializer="zeros",
                                                 name=other_name)

    def update_state(self, y_true, y_pred, sample_weight=None):
        self._counter.update({"tp": self.true_positives, self._other: self._other_variable},
                             y_true, y_pred, sample_weight=sample_weight, top_k=self.top_k,
                             class_id=self.class_id)

    def result(self):
        tp = self.true_positives.value
        value = ops.divide_no_nan(tp, tp + self._other_variable.value)
        return value[0] if len(self.thresholds) == 1 else value

    def get_config(self):
        return {"name": self.name, "dtype": self.dtype, "thresholds": self.init_thresholds,
                "top_k": self.top_k, "class_id": self.class_id}


class Precision(_PrecisionRecall):
    """Precision, ``tp / (tp + fp)``, of ``y_pred > threshold`` against binary labels.

    Args:
        thresholds: a float or list of floats in [0, 1] (default 0.5; with
            ``top_k``, every top-k prediction is positive).
        top_k: only the ``k`` largest predictions of each sample count as positive.
        class_id: compute the metric for this class (last-axis index) only.
        name, dtype: as for ``Metric``.
    """

    _other = "fp"

    @property
    def false_positives(self):
        return self._other_variable


class Recall(_PrecisionRecall):
    """Recall, ``tp / (tp + fn)``, of ``y_pred > threshold`` against binary labels;
    arguments as for ``Precision``."""

    _other = "fn"

    @property
    def false_negatives(self):
        return self._other_variable
