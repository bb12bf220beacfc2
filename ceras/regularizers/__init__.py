"""ceras.regularizers: weight penalties added to the loss (keras.regularizers)."""
from ceras.regularizers._serialization import deserialize, get, serialize  # noqa: F401
from ceras.regularizers.regularizers import (  # noqa: F401
    L1, L1L2, L2, OrthogonalRegularizer, Regularizer,
)

# Keras's other public names for the same classes.
l1 = L1
l2 = L2
l1_l2 = L1L2
orthogonal_regularizer = OrthogonalRegularizer

__all__ = [
    "L1", "L1L2", "L2", "OrthogonalRegularizer", "Regularizer", "deserialize", "get", "l1",
    "l1_l2", "l2", "orthogonal_regularizer", "serialize",
]
