"""ceras.metrics: Keras 3's metrics, as stateful Metric classes and per-sample functions.

``get`` accepts a name ('accuracy', 'mse', 'auc', 'MeanIoU'), a config dict, a
Metric, a Metric class or a function; ``serialize`` / ``deserialize`` use
Keras's format.
"""
import inspect
import re

from ceras.losses.crossentropy import (
    binary_crossentropy, categorical_crossentropy, sparse_categorical_crossentropy,
)
from ceras.losses.focal import binary_focal_crossentropy, categorical_focal_crossentropy
from ceras.losses.hinge import categorical_hinge, hinge, squared_hinge
from ceras.losses.probabilistic import kl_divergence, poisson
from ceras.losses.regression import (
    huber, log_cosh, mean_absolute_error, mean_absolute_percentage_error, mean_squared_error,
    mean_squared_logarithmic_error,
)
from ceras.losses.serialization import (
    CATALOGUES, deserialize_object, serialize_object, unknown_name_message,
)
from ceras.metrics.accuracy_metrics import (
    Accuracy, BinaryAccuracy, CategoricalAccuracy, SparseCategoricalAccuracy,
    SparseTopKCategoricalAccuracy, TopKCategoricalAccuracy, accuracy, binary_accuracy,
    categorical_accuracy, sparse_categorical_accuracy, sparse_top_k_categorical_accuracy,
    top_k_categorical_accuracy,
)
from ceras.metrics.auc import AUC
from ceras.metrics.confusion_metrics import (
    FalseNegatives, FalsePositives, Precision, Recall, TrueNegatives, TruePositives,
)
from ceras.metrics.correlation_metrics import (
    ConcordanceCorrelation, PearsonCorrelation, concordance_correlation, pearson_correlation,
)
from ceras.metrics.f_score_metrics import F1Score, FBetaScore
from ceras.metrics.hinge_metrics import CategoricalHinge, Hinge, SquaredHinge
from ceras.metrics.iou_metrics import BinaryIoU, IoU, MeanIoU, OneHotIoU, OneHotMeanIoU
from ceras.metrics.metric import Metric
from ceras.metrics.probabilistic_metrics import (
    BinaryCrossentropy, CategoricalCrossentropy, KLDivergence, Poisson,
    SparseCategoricalCrossentropy,
)
from ceras.metrics.r2_score import R2Score
from ceras.metrics.reduction_metrics import Mean, MeanMetricWrapper, Sum
from ceras.metrics.regression_metrics import (
    CosineSimilarity, LogCoshError, MeanAbsoluteError, MeanAbsolutePercentageError,
    MeanSquaredError, MeanSquaredLogarithmicError, RootMeanSquaredError,
)
from ceras.metrics.sensitivity_specificity import (
    PrecisionAtRecall, RecallAtPrecision, SensitivityAtSpecificity, SpecificityAtSensitivity,
)

_CLASSES = (
    AUC, Accuracy, BinaryAccuracy, BinaryCrossentropy, BinaryIoU, CategoricalAccuracy,
    CategoricalCrossentropy, CategoricalHinge, ConcordanceCorrelation, CosineSimilarity,
    F1Score, FBetaScore, FalseNegatives, FalsePositives, Hinge, IoU, KLDivergence,
    LogCoshError, Mean, MeanAbsoluteError, MeanAbsolutePercentageError, MeanIoU,
    MeanMetricWrapper, MeanSquaredError, MeanSquaredLogarithmicError, Metric, OneHotIoU,
    OneHotMeanIoU, PearsonCorrelation, Poisson, Precision, PrecisionAtRecall, R2Score,
    Recall, RecallAtPrecision, RootMeanSquaredError, SensitivityAtSpecificity,
    SparseCategoricalAccuracy, SparseCategoricalCrossentropy, SparseTopKCategoricalAccuracy,
    SpecificityAtSensitivity, SquaredHinge, Sum, TopKCategoricalAccuracy, TrueNegatives,
    TruePositives,
)
_FUNCTIONS = (
    binary_accuracy, binary_crossentropy, binary_focal_crossentropy, categorical_accuracy,
    categorical_crossentropy, categorical_focal_crossentropy, categorical_hinge,
    concordance_correlation, hinge, huber, kl_divergence, log_cosh, mean_absolute_error,
    mean_absolute_percentage_error, mean_squared_error, mean_squared_logarithmic_error,
    pearson_correlation, poisson, sparse_categorical_accuracy,
    sparse_categorical_crossentropy, sparse_top_k_categorical_accuracy, squared_hinge,
    top_k_categorical_accuracy,
)


def _snake_case(name):
    name = re.sub(r"(.)([A-Z][a-z]+)", r"\1_\2", name)
    return re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", name).lower()


# As in Keras, identifiers name classes: 'AUC', its snake-case 'auc', and a few
# aliases. Function names coincide with snake-case class names ('accuracy' ->
# Accuracy), so `get` returns a stateful metric for them.
ALL_OBJECTS_DICT = {cls.__name__: cls for cls in _CLASSES}
ALL_OBJECTS_DICT.update({_snake_case(cls.__name__): cls for cls in _CLASSES})
_ALIASES = {"bce": BinaryCrossentropy, "mse": MeanSquaredError, "mae": MeanAbsoluteError,
            "mape": MeanAbsolutePercentageError, "msle": MeanSquaredLogarithmicError}
ALL_OBJECTS_DICT.update(_ALIASES)
ALL_OBJECTS_DICT.update({name.upper(): cls for name, cls in _ALIASES.items()})
CATALOGUES["metric"].update(ALL_OBJECTS_DICT)
CATALOGUES["function"].update({fn.__name__: fn for fn in _FUNCTIONS + (accuracy,)})


def serialize(metric):
    """The Keras config dict of a Metric or metric function (a name passes through)."""
    return serialize_object(metric)


def deserialize(config, custom_objects=None):
    """A Metric instance or metric function from a name or a config dict."""
    return deserialize_object(config, "metric", custom_objects)


def get(identifier):
    """A metric from a name, config dict, Metric instance, Metric class or function.

    Names give a new instance ('accuracy' -> Accuracy(), 'mse' -> MeanSquaredError());
    None gives None.
    """
    if identifier is None:
        return None
    if isinstance(identifier, dict):
        obj = deserialize(identifier)
    elif isinstance(identifier, str):
        obj = ALL_OBJECTS_DICT.get(identifier)
        if obj is None:
            raise ValueError(unknown_name_message("metric", identifier))
    else:
        obj = identifier
    if inspect.isclass(obj):
        obj = obj()
    if not callable(obj):
        raise ValueError(f"Could not interpret metric identifier: {identifier!r}. Expected "
                         "a name, a config dict, a Metric or a function.")
    return obj


__all__ = sorted([cls.__name__ for cls in _CLASSES] + [fn.__name__ for fn in _FUNCTIONS]
                 + ["deserialize", "get", "serialize"])
