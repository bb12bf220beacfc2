"""Best value of one rate subject to a floor on another, over evenly spaced
thresholds: SensitivityAtSpecificity, SpecificityAtSensitivity, PrecisionAtRecall,
RecallAtPrecision."""
from ceras import ops
from ceras.metrics.confusion_counts import ThresholdCounter
from ceras.metrics.metric import Metric


class _RateAtRate(Metric):
    """Counts tp/fp/tn/fn at ``num_thresholds`` thresholds evenly spaced over [0, 1]
    and reports the largest ``dependent`` rate among the thresholds whose
    ``constrained`` rate is at least ``value``."""

    _value_name = None  # the constructor argument holding the floor

    def __init__(self, value, num_thresholds=200, class_id=None, name=None, dtype=None):
        if value < 0 or value > 1:
            raise ValueError(f"Argument `{self._value_name}` must be in the range [0, 1]. "
                             f"Received: {self._value_name}={value}")
        if num_thresholds <= 0:
            raise ValueError("Argument `num_thresholds` must be an integer > 0. "
                             f"Received: num_thresholds={num_thresholds}")
        super().__init__(name=name, dtype=dtype)
        self.value = value
        self.num_thresholds = num_thresholds
        self.class_id = class_id
        if num_thresholds == 1:
            self.thresholds = [0.5]
        else:
            self.thresholds = [i / (num_thresholds - 1) for i in range(num_thresholds)]
        self._counter = ThresholdCounter(self.thresholds,
                                         clip_predictions=num_thresholds > 1)
        shape = (len(self.thresholds),)
        self.true_positives = self.add_variable(shape, "zeros", name="true_positives")
        self.false_positives = self.add_variable(shape, "zeros", name="false_positives")
        self.true_negatives = self.add_variable(shape, "zeros", name="true_negatives")
        self.false_negatives = self.add_variable(shape, "zeros", name="false_negatives")

    def update_state(self, y_true, y_pred, sample_weight=None):
        self._counter.update(
            {"tp": self.true_positives, "fp": self.false_positives,
             "tn": self.true_negatives, "fn": self.false_negatives},
            y_true, y_pred, sample_weight=sample_weight, class_id=self.class_id)

    def _rates(self):
        tp, fp = self.true_positives.value, self.false_positives.value
        tn, fn = self.true_negatives.value, self.false_negatives.value
        return {"sensitivity": ops.divide_no_nan(tp, tp + fn),
                "recall": ops.divide_no_nan(tp, tp + fn),
                "specificity": ops.divide_no_nan(tn, tn + fp),
                "precision": ops.divide_no_nan(tp, tp + fp)}

    def _best(self, constrained, dependent):
        rates = self._rates()
        feasible = ops.greater_equal(rates[constrained], self.value)
        # 0 when no threshold meets the floor.
        return ops.maximum(ops.max(ops.where(feasible, rates[dependent], 0.0)), 0.0)

    def get_config(self):
        return {"name": self.name, "dtype": self.dtype, "class_id": self.class_id,
                "num_thresholds": self.num_thresholds, self._value_name: self.value}


class SensitivityAtSpecificity(_RateAtRate):
    """Best sensitivity (recall) among thresholds with specificity >= ``specificity``.

    Args:
        specificity: the floor on specificity, in [0, 1].
        num_thresholds: thresholds evenly spaced over [0, 1] (default 200).
        class_id: compute the metric for this class (last-axis index) only.
        name, dtype: as for ``Metric``.
    """

    _value_name = "specificity"

    def __init__(self, specificity, num_thresholds=200, class_id=None, name=None,
                 dtype=None):
        super().__init__(specificity, num_thresholds=num_thresholds, class_id=class_id,
                         name=name, dtype=dtype)
        self.specificity = specificity

    def result(self):
        return self._best("specificity", "sensitivity")


class SpecificityAtSensitivity(_RateAtRate):
    """Best specificity among thresholds with sensitivity >= ``sensitivity``;
    arguments as for ``SensitivityAtSpecificity``."""

    _value_name = "sensitivity"

    def __init__(self, sensitivity, num_thresholds=200, class_id=None, name=None,
                 dtype=None):
        super().__init__(sensitivity, num_thresholds=num_thresholds, class_id=class_id,
                         name=name, dtype=dtype)
        self.sensitivity = sensitivity

    def result(self):
        return self._best("sensitivity", "specificity")


class PrecisionAtRecall(_RateAtRate):
    """Best precision among thresholds with recall >= ``recall``; arguments as for
    ``SensitivityAtSpecificity``."""

    _value_name = "recall"

    def __init__(self, recall, num_thresholds=200, class_id=None, name=None, dtype=None):
        super().__init__(recall, num_thresholds=num_thresholds, class_id=class_id,
                         name=name, dtype=dtype)
        self.recall = recall

    def result(self):
        return self._best("recall", "precision")


class RecallAtPrecision(_RateAtRate):
    """Best recall among thresholds with precision >= ``precision``; arguments as for
    ``SensitivityAtSpecificity``."""

    _value_name = "precision"

    def __init__(self, precision, num_thresholds=200, class_id=None, name=None,
                 dtype=None):
        super().__init__(precision, num_thresholds=num_thresholds, class_id=class_id,
                         name=name, dtype=dtype)
        self.precision = precision

    def result(self):
        return self._best("precision", "recall")
