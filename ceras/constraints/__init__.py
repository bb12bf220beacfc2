"""ceras.constraints: projections applied to weights after each update (keras.constraints)."""
from ceras.constraints._serialization import deserialize, get, serialize  # noqa: F401
from ceras.constraints.constraints import (  # noqa: F401
    Constraint, MaxNorm, MinMaxNorm, NonNeg, UnitNorm,
)

# Keras's other public names for the same classes.
max_norm = MaxNorm
min_max_norm = MinMaxNorm
non_neg = NonNeg
unit_norm = UnitNorm

__all__ = [
    "Constraint", "MaxNorm", "MinMaxNorm", "NonNeg", "UnitNorm", "deserialize", "get",
    "max_norm", "min_max_norm", "non_neg", "serialize", "unit_norm",
]
