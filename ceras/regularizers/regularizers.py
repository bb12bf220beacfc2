"""Weight regularizers: a penalty added to the loss, computed from a weight."""
import numpy as np

from ceras import ops


def _non_negative(name, value):
    if isinstance(value, bool) or not isinstance(value, (int, float, np.floating)) or value < 0:
        raise ValueError(
            f"Invalid value for argument {name}: expected a non-negative float. "
            f"Received: {name}={value!r}"
        )
    return float(value)


def _float32(value):
    # Keras keeps these factors as float32 tensors, so its configs hold the
    # float32-rounded value (0.01 -> 0.009999999776482582); so do ours.
    return float(np.float32(value))


class Regularizer:
    """Base class: ``regularizer(weight)`` returns a scalar penalty.

    Subclasses implement ``__call__`` and ``get_config``.

    Example:

    >>> class SumOfSquares(Regularizer):
    ...     def __call__(self, x):
    ...         return ceras.ops.sum(ceras.ops.square(x))
    ...     def get_config(self):
    ...         return {}
    """

    def __call__(self, x):
        return 0.0

    def get_config(self):
        raise NotImplementedError(f"{type(self).__name__} does not implement get_config()")

    @classmethod
    def from_config(cls, config):
        return cls(**config)


class L1L2(Regularizer):
    """``l1 * sum(abs(x)) + l2 * sum(square(x))``.

    Args:
        l1: L1 factor (non-negative). Defaults to 0.0.
        l2: L2 factor (non-negative). Defaults to 0.0.

    >>> ceras.regularizers.L1L2(l1=0.01, l2=0.01)(weights)
    """

    def __init__(self, l1=0.0, l2=0.0):
        self.l1 = _non_negative("l1", 0.0 if l1 is None else l1)
        self.l2 = _non_negative("l2", 0.0 if l2 is None else l2)

    def __call__(self, x):
        penalty = None
        if self.l1:
            penalty = ops.multiply(ops.sum(ops.absolute(x)), self.l1)
        if self.l2:
            l2 = ops.multiply(ops.sum(ops.square(x)), self.l2)
            penalty = l2 if penalty is None else ops.add(penalty, l2)
        if penalty is None:
            return ops.convert_to_tensor(0.0, dtype=ops.dtype(x))
        return penalty

    def get_config(self):
        return {"l1": self.l1, "l2": self.l2}


class L1(Regularizer):
    """``l1 * sum(abs(x))``.

    Args:
        l1: L1 factor (non-negative). Defaults to 0.01.
    """

    def __init__(self, l1=0.01):
        self.l1 = _float32(_non_negative("l1", 0.01 if l1 is None else l1))

    def __call__(self, x):
        return ops.multiply(ops.sum(ops.absolute(x)), self.l1)

    def get_config(self):
        return {"l1": self.l1}


class L2(Regularizer):
    """``l2 * sum(square(x))``.

    Args:
        l2: L2 factor (non-negative). Defaults to 0.01.
    """

    def __init__(self, l2=0.01):
        self.l2 = _non_negative("l2", 0.01 if l2 is None else l2)

    def __call__(self, x):
        return ops.multiply(ops.sum(ops.square(x)), self.l2)

    def get_config(self):
        return {"l2": self.l2}


class OrthogonalRegularizer(Regularizer):
    """Pushes the rows (or columns) of a 2D weight towards orthogonality.

    The rows (``mode="rows"``) or columns are L2-normalized; the penalty is
    ``factor`` times the mean, over distinct pairs, of the absolute dot product
    between two of them.

    Args:
        factor: Non-negative factor. Defaults to 0.01.
        mode: "rows" (default) or "columns".
    """

    def __init__(self, factor=0.01, mode="rows"):
        self.factor = _float32(_non_negative("factor", factor))
        if mode not in ("rows", "columns"):
            raise ValueError(
                'Invalid value for argument `mode`. Expected one of {"rows", "columns"}. '
                f"Received: mode={mode!r}"
            )
        self.mode = mode

    def __call__(self, x):
        if len(ops.shape(x)) != 2:
            raise ValueError(
                "Inputs to OrthogonalRegularizer must have rank 2. "
                f"Received: inputs.shape={tuple(ops.shape(x))}"
            )
        if self.mode == "columns":
            x = ops.transpose(x)
        x = ops.normalize(x, axis=1)
        size = ops.shape(x)[0]
        products = ops.matmul(x, ops.transpose(x))
        off_diagonal = ops.multiply(products, ops.subtract(1.0, ops.eye(size, dtype=ops.dtype(x))))
        num_pairs = size * (size - 1) / 2.0
        # Each pair appears twice in the symmetric matrix, hence the 0.5.
        return ops.multiply(ops.sum(ops.absolute(off_diagonal)), self.factor * 0.5 / num_pairs)

    def get_config(self):
        return {"factor": self.factor, "mode": self.mode}
