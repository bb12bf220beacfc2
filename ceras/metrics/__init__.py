"""ceras.metrics: Keras 3's metrics, as stateful Metric classes and per-sample functions.

``get`` accepts a name ('accuracy', 'mse', 'AUC'), a config dict, a Metric or a
function; ``serialize`` / ``deserialize`` use Keras's format.
"""
import inspect
import re

from ceras.losses.crossentropy import (
    binary_crossentropy, categorical_crossentropy, sparse_categorical_crossentropy,
)
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
from ceras.metrics.metric import Metric
from ceras.metrics.reduction_metrics import Mean, MeanMetricWrapper, Sum
from ceras.metrics.regression_metrics import (
    CosineSimilarity, LogCoshError, MeanAbsoluteError, MeanAbsolutePercentageError,
    MeanSquaredError, MeanSquaredLogarithmicError, RootMeanSquaredError,
)

_CLASSES = (
    Accuracy, BinaryAccuracy, CategoricalAccuracy, CosineSimilarity, LogCoshError, Mean,
    MeanAbsoluteError, MeanAbsolutePercentageError, MeanMetricWrapper, MeanSquaredError,
    MeanSquaredLogarithmicError, Metric, RootMeanSquaredError, SparseCategoricalAccuracy,
    SparseTopKCategoricalAccuracy, Sum, TopKCategoricalAccuracy,
)
_FUNCTIONS = (
    accuracy, binary_accuracy, binary_crossentropy, categorical_accuracy,
    categorical_crossentropy, huber, log_cosh, mean_absolute_error,
    mean_absolute_percentage_error, mean_squared_error, mean_squared_logarithmic_error,
    sparse_categorical_accuracy, sparse_categorical_crossentropy,
    sparse_top_k_categorical_accuracy, top_k_categorical_accuracy,
)


def _snake_case(name):
    name = re.sub(r"(.)([A-Z][a-z]+)", r"\1_\2", name)
    return re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", name).lower()


ALL_OBJECTS_DICT = {cls.__name__: cls for cls in _CLASSES}
# Keras accepts each class by its snake-case name too ('mean_io_u', 'auc',
# 'mean_squared_error'); function names are not metric identifiers.
ALL_OBJECTS_DICT.update({_snake_case(cls.__name__): cls for cls in _CLASSES})
_ALIASES = {"mse": MeanSquaredError, "mae": MeanAbsoluteError,
            "mape": MeanAbsolutePercentageError, "msle": MeanSquaredLogarithmicError}
ALL_OBJECTS_DICT.update(_ALIASES)
ALL_OBJECTS_DICT.update({name.upper(): cls for name, cls in _ALIASES.items()})
CATALOGUES["metric"].update(ALL_OBJECTS_DICT)
CATALOGUES["function"].update({fn.__name__: fn for fn in _FUNCTIONS})


def serialize(metric):
    """The Keras config dict of a Metric or metric function (a name passes through)."""
    return serialize_object(metric)


def deserialize(config, custom_objects=None):
    """A Metric instance or metric function from a name or a config dict."""
    return deserialize_object(config, "metric", custom_objects)


def get(identifier):
    """A metric from a name, config dict, Metric instance, Metric class or function.

    Class names and snake-case class names give a new instance ('accuracy' ->
    Accuracy(), 'mse' -> MeanSquaredError()); function names give the function.
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
