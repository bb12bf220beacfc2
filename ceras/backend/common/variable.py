"""Variable: a named, stateful tensor owned by a layer, optimizer or metric.

Backends subclass it and supply ``_initialize`` (wrap an initial value),
``_direct_assign`` (write a new value in place) and ``_convert_to_tensor``.
"""
import numpy as np

from ceras.backend.common import global_state
from ceras.backend.common.dtypes import standardize_dtype


# The compute dtype of the mixed-precision layer call in progress, or None.
AUTOCAST = [None]
_FLOATS = ("float16", "bfloat16", "float32", "float64")


class KerasVariable:
    def __init__(self, initializer, shape=None, dtype=None, trainable=True, autocast=True,
                 aggregation="none", synchronization="auto", name=None):
        name = name or global_state.auto_name("Variable")
        if not isinstance(name, str) or "/" in name:
            raise ValueError(
                f"Variable name must be a string without '/', received name={name!r}"
            )
        self._name = name
        parent = global_state.current_path()
        self._path = f"{parent}/{name}" if parent else name
        self._dtype = standardize_dtype(dtype)
        self._trainable = bool(trainable)
        self._autocast = autocast
        self._aggregation = aggregation
        self._synchronization = synchronization
        self._overwrite_with_gradient = False
        self.regularizer = None
        self.constraint = None
        if callable(initializer):
            if shape is None:
                raise ValueError(
                    f"Variable {name!r}: when `initializer` is callable, `shape` is required"
                )
            shape = tuple(int(d) for d in shape)
            value = initializer(shape, dtype=self._dtype)
        else:
            value = initializer
        self._initialize(value)

    # -- backend hooks -------------------------------------------------------
    def _initialize(self, value):
        raise NotImplementedError  # supplied by every backend's Variable

    def _direct_assign(self, value):
        raise NotImplementedError

    def _convert_to_tensor(self, value, dtype=None):
        raise NotImplementedError

    # -- properties ----------------------------------------------------------
    @property
    def name(self):
        return self._name

    @property
    def path(self):
        return self._path

    @property
    def dtype(self):
        return self._dtype

    @property
    def shape(self):
        return self._shape

    @property
    def ndim(self):
        return len(self._shape)

    @property
    def trainable(self):
        return self._trainable

    @trainable.setter
    def trainable(self, value):
        self._trainable = bool(value)

    @property
    def aggregation(self):
        return self._aggregation

    @property
    def synchronization(self):
        return self._synchronization

    @property
    def overwrite_with_gradient(self):
        return self._overwrite_with_gradient

    @overwrite_with_gradient.setter
    def overwrite_with_gradient(self, value):
        self._overwrite_with_gradient = bool(value)

    @property
    def value(self):
        target = AUTOCAST[0]
        if target is None or target == self._dtype or not self._autocast or \
                self._dtype not in _FLOATS:
            return self._value
        # Inside a mixed-precision layer call: float variables are read in the compute
        # dtype (the stored value keeps the variable dtype).
        return self._convert_to_tensor(self._value, target)

    # -- state changes -------------------------------------------------------
    def assign(self, value):
        if global_state.in_symbolic_scope():
            return value
        value = self._convert_to_tensor(value, dtype=self._dtype)
        if tuple(value.shape) != self._shape:
            raise ValueError(
                f"Variable {self.path!r} has shape {self._shape}; cannot assign a value of "
                f"shape {tuple(value.shape)}"
            )
        self._direct_assign(value)
        return value

    def assign_add(self, value):
        return self.assign(self._value + self._convert_to_tensor(value, self._dtype))

    def assign_sub(self, value):
        return self.assign(self._value - self._convert_to_tensor(value, self._dtype))

    def numpy(self):
        raise NotImplementedError

    def __array__(self, dtype=None, copy=None):
        arr = self.numpy()
        return arr.astype(dtype) if dtype is not None else arr

    def __repr__(self):
        return (f"<Variable path={self.path}, shape={self.shape}, dtype={self.dtype}, "
                f"value={np.array2string(self.numpy(), threshold=8)}>")

    # -- operators: defined on the value, so `v + 1` is an ordinary tensor ----
    def __getitem__(self, idx):
        return self.value[idx]

    def __len__(self):
        return self._shape[0]

    def __bool__(self):
        return bool(self.value)

    def __float__(self):
        return float(self.numpy())

    def __int__(self):
        return int(self.numpy())

    def __neg__(self):
        return -self.value

    def __pos__(self):
        return self.value

    def __abs__(self):
        return abs(self.value)

    def __invert__(self):
        return ~self.value

    def __hash__(self):
        return id(self)

    def __eq__(self, other):
        return self.value == _unwrap(other)

    def __ne__(self, other):
        return self.value != _unwrap(other)


def _unwrap(x):
    return x.value if isinstance(x, KerasVariable) else x


def _binary(name):
    def forward(self, other):
        return getattr(self.value, name)(_unwrap(other))

    forward.__name__ = name
    return forward


for _op in ("add", "sub", "mul", "truediv", "floordiv", "mod", "pow", "matmul",
            "and", "or", "xor", "lt", "le", "gt", "ge"):
    for _fmt in ("__%s__", "__r%s__"):
        _name = _fmt % _op
        if _op in ("lt", "le", "gt", "ge") and _fmt == "__r%s__":
            continue
        setattr(KerasVariable, _name, _binary(_name))
