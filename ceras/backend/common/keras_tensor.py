"""The symbolic tensor: a shape (with None for unknown dims) and a dtype.

It is what ``Input`` returns and what a layer returns when called on one.
It records where it came from (``_keras_history``) so a Functional model can
replay the graph. Operators (+, [], @, ...) are attached by ``ceras.ops``.
"""
from ceras.backend.common.dtypes import standardize_dtype


class KerasTensor:
    __slots__ = ("shape", "dtype", "sparse", "ragged", "name", "_keras_history", "_keras_mask",
                 "__weakref__")

    def __init__(self, shape, dtype="float32", sparse=False, ragged=False, name=None,
                 record_history=None):
        shape = tuple(None if d is None else int(d) for d in shape)
        self.shape = shape
        self.dtype = standardize_dtype(dtype)
        self.sparse = bool(sparse)
        self.ragged = bool(ragged)
        self.name = name
        self._keras_history = None
        self._keras_mask = None

    @property
    def ndim(self):
        return len(self.shape)

    def reshape(self, newshape):
        from ceras import ops  # the method form of ops.reshape, resolved late

        return ops.reshape(self, newshape)

    def __len__(self):
        raise TypeError(
            "A symbolic KerasTensor has no len(); use `tensor.shape[0]` (which may be None)."
        )

    def __iter__(self):
        raise TypeError(
            "A symbolic KerasTensor cannot be iterated: its values are unknown until the "
            "model runs. Use ceras.ops (e.g. ops.unstack) inside a layer's call()."
        )

    def __bool__(self):
        raise TypeError(
            "A symbolic KerasTensor has no truth value: its values are unknown until the "
            "model runs. Use ops.cond / ops.where instead of `if tensor:`."
        )

    def numpy(self):
        raise ValueError(
            "A symbolic KerasTensor has no value: call the model on real data to get numbers."
        )

    def __array__(self, dtype=None, copy=None):
        raise ValueError(
            "A symbolic KerasTensor cannot be converted to a NumPy array: it only describes a "
            f"shape {self.shape} and dtype {self.dtype}. Call the model on real data instead."
        )

    def __repr__(self):
        return f"<KerasTensor shape={self.shape}, dtype={self.dtype}, name={self.name}>"

    __hash__ = object.__hash__


def is_keras_tensor(x):
    return isinstance(x, KerasTensor)


def any_symbolic(args, kwargs=None):
    """True when any argument (one list/tuple/dict level deep) is a KerasTensor."""
    for a in args:
        if isinstance(a, KerasTensor):
            return True
        if isinstance(a, (list, tuple)):
            for b in a:
                if isinstance(b, KerasTensor):
                    return True
        elif isinstance(a, dict):
            for b in a.values():
                if isinstance(b, KerasTensor):
                    return True
    if kwargs:
        return any_symbolic(tuple(kwargs.values()))
    return False
