"""ceras.losses: Keras 3's losses, as Loss classes and as per-sample functions.

``get`` accepts a name ('mse', 'categorical_crossentropy', 'Huber'), a config
dict, a Loss or a function; ``serialize`` / ``deserialize`` use Keras's format.
"""
import inspect

from ceras.losses.circle import Circle, circle
from ceras.losses.crossentropy import (
    BinaryCrossentropy, CategoricalCrossentropy, SparseCategoricalCrossentropy,
    binary_crossentropy, categorical_crossentropy, sparse_categorical_crossentropy,
)
from ceras.losses.ctc import CTC, ctc
from ceras.losses.focal import (
    BinaryFocalCrossentropy, CategoricalFocalCrossentropy, binary_focal_crossentropy,
    categorical_focal_crossentropy,
)
from ceras.losses.hinge import (
    CategoricalHinge, Hinge, SquaredHinge, categorical_hinge, hinge, squared_hinge,
)
from ceras.losses.loss import Loss
from ceras.losses.loss_function_wrapper import LossFunctionWrapper
from ceras.losses.probabilistic import (
    CategoricalGeneralizedCrossEntropy, KLDivergence, Poisson,
    categorical_generalized_cross_entropy, kl_divergence, poisson,
)
from ceras.losses.regression import (
    CosineSimilarity, Huber, LogCosh, MeanAbsoluteError, MeanAbsolutePercentageError,
    MeanSquaredError, MeanSquaredLogarithmicError, cosine_similarity, huber, log_cosh,
    mean_absolute_error, mean_absolute_percentage_error, mean_squared_error,
    mean_squared_logarithmic_error,
)
from ceras.losses.segmentation import Dice, Tversky, dice, tversky
from ceras.losses.serialization import (
    CATALOGUES, deserialize_object, serialize_object, unknown_name_message,
)

_CLASSES = (
    BinaryCrossentropy, BinaryFocalCrossentropy, CTC, CategoricalCrossentropy,
    CategoricalFocalCrossentropy, CategoricalGeneralizedCrossEntropy, CategoricalHinge,
    Circle, CosineSimilarity, Dice, Hinge, Huber, KLDivergence, LogCosh, Loss,
    LossFunctionWrapper, MeanAbsoluteError, MeanAbsolutePercentageError, MeanSquaredError,
    MeanSquaredLogarithmicError, Poisson, SparseCategoricalCrossentropy, SquaredHinge,
    Tversky,
)
_FUNCTIONS = (
    binary_crossentropy, binary_focal_crossentropy, categorical_crossentropy,
    categorical_focal_crossentropy, categorical_generalized_cross_entropy,
    categorical_hinge, circle, cosine_similarity, ctc, dice, hinge, huber, kl_divergence,
    log_cosh, mean_absolute_error, mean_absolute_percentage_error, mean_squared_error,
    mean_squared_logarithmic_error, poisson, sparse_categorical_crossentropy,
    squared_hinge, tversky,
)
# Short names Keras accepts as identifiers (not attributes of keras.losses).
_ALIASES = {
    "bce": binary_crossentropy, "kld": kl_divergence, "mse": mean_squared_error, "mae": mean_absolute_error,
    "mape": mean_absolute_percentage_error, "msle": mean_squared_logarithmic_error,
}
_ALIASES.update({name.upper(): fn for name, fn in _ALIASES.items()})

ALL_OBJECTS_DICT = {obj.__name__: obj for obj in _CLASSES + _FUNCTIONS}
ALL_OBJECTS_DICT.update(_ALIASES)
CATALOGUES["loss"].update(ALL_OBJECTS_DICT)
CATALOGUES["function"].update({fn.__name__: fn for fn in _FUNCTIONS})


def serialize(loss):
    """The Keras config dict of a Loss or loss function (a name passes through)."""
    return serialize_object(loss)


def deserialize(name, custom_objects=None):
    """A Loss instance or loss function from a name or a config dict."""
    return deserialize_object(name, "loss", custom_objects)


def get(identifier):
    """A loss from a name, config dict, Loss instance, Loss class or function.

    Function names ('mse', 'binary_crossentropy') give the function, class names
    ('MeanSquaredError') a new instance; None gives None.
    """
    if identifier is None:
        return None
    if isinstance(identifier, dict):
        obj = deserialize(identifier)
    elif isinstance(identifier, str):
        obj = ALL_OBJECTS_DICT.get(identifier)
        if obj is None:
            raise ValueError(unknown_name_message("loss", identifier))
    else:
        obj = identifier
    if inspect.isclass(obj):
        obj = obj()
    if not callable(obj):
        raise ValueError(f"Could not interpret loss identifier: {identifier!r}. Expected a "
                         "name, a config dict, a Loss or a function.")
    return obj


__all__ = sorted([cls.__name__ for cls in _CLASSES if cls is not LossFunctionWrapper]
                 + [fn.__name__ for fn in _FUNCTIONS] + ["deserialize", "get", "serialize"])
