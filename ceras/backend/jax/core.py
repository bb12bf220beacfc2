"""Tensors, dtypes, devices, Variable and shape inference on JAX.

64-bit types are switched on at import (``jax_enable_x64``) so that int64 and
float64 exist as they do on torch; every op here still picks its dtype
explicitly (floatx, int32, Keras's promotion rules), so nothing silently turns
into a 64-bit value.
"""
import contextlib
import weakref

import jax
import jax.numpy as jnp
import numpy as np
from jax._src import core as _jax_core

from ceras.backend.common import global_state, stateless_scope, tree
from ceras.backend.common.config import floatx
from ceras.backend.common.dtypes import result_type, standardize_dtype
from ceras.backend.common.keras_tensor import KerasTensor
from ceras.backend.common.variable import AUTOCAST, KerasVariable

jax.config.update("jax_enable_x64", True)

SUPPORTS_SPARSE_TENSORS = False
IS_THREAD_SAFE = True

Tracer = jax.core.Tracer
_SCOPE = stateless_scope.ACTIVE
_FLOATS = ("float16", "bfloat16", "float32", "float64")

_NAMES = ("float16", "float32", "float64", "bfloat16", "uint8", "uint16", "uint32", "uint64",
          "int8", "int16", "int32", "int64", "bool", "complex64", "complex128")
_JAX_DTYPES = {name: jnp.dtype(name) for name in _NAMES}
_DTYPE_NAMES = {v: k for k, v in _JAX_DTYPES.items()}


# -- devices --------------------------------------------------------------------

_DEVICE = [None]  # None: JAX's default device


def get_device():
    """The device new arrays are placed on, e.g. 'cpu:0' or 'gpu:0'."""
    device = _DEVICE[0] or jax.devices()[0]
    return f"{device.platform}:{device.id}"


@contextlib.contextmanager
def device_scope(device_name):
    """Place arrays created inside on ``device_name`` ('cpu', 'gpu:1', ...)."""
    if isinstance(device_name, str):
        kind, _, index = device_name.lower().replace("cuda", "gpu").partition(":")
        device = jax.devices(kind)[int(index or 0)]
    else:
        device = device_name
    previous, _DEVICE[0] = _DEVICE[0], device
    try:
        with jax.default_device(device):
            yield
    finally:
        _DEVICE[0] = previous


# -- dtypes ---------------------------------------------------------------------

def to_backend_dtype(dtype):
    if isinstance(dtype, np.dtype) and dtype in _DTYPE_NAMES:
        return dtype
    if isinstance(dtype, type) and isinstance(getattr(dtype, "dtype", None), np.dtype):
        return np.dtype(dtype.dtype)  # jnp.float32 and other scalar types
    return _JAX_DTYPES[standardize_dtype(dtype)]


def dtype_name(jax_dtype):
    name = _DTYPE_NAMES.get(jax_dtype)
    return name if name is not None else standardize_dtype(jax_dtype)


def standardize_tensor_dtype(x):
    return dtype_name(x.dtype)


def is_tensor(x):
    return isinstance(x, jax.Array)


# Masks ride on tensors as ``_keras_mask`` (Keras's convention: layers, losses and
# metrics set and read the attribute). Concrete jax arrays take it as is; tracers
# (inside jit / grad) have fixed slots, so there the attribute is a property backed by
# a table keyed by the tracer's id, cleared when the tracer is collected.
_TRACER_MASKS = {}


def _get_tracer_mask(tracer):
    return _TRACER_MASKS.get(id(tracer))


def _set_tracer_mask(tracer, mask):
    key = id(tracer)
    if mask is None:
        _TRACER_MASKS.pop(key, None)
        return
    if key not in _TRACER_MASKS:
        weakref.finalize(tracer, _TRACER_MASKS.pop, key, None)
    _TRACER_MASKS[key] = mask


Tracer._keras_mask = property(_get_tracer_mask, _set_tracer_mask)


def tracing():
    """True while JAX traces (jit, grad, vmap, eval_shape): values are abstract."""
    return not _jax_core.trace_state_clean()


# -- conversion -----------------------------------------------------------------

def convert_to_tensor(x, dtype=None, sparse=None, ragged=None):
    """A jax array. Python floats become floatx, Python ints int32 (Keras's
    weak-type defaults); arrays keep their dtype."""
    if isinstance(x, jax.Array):
        if dtype is None:
            return x
        target = to_backend_dtype(dtype)
        return x if x.dtype == target else x.astype(target)
    if isinstance(x, KerasVariable):
        value = x.value
        if dtype is not None:
            target = to_backend_dtype(dtype)
            if value.dtype != target:
                return value.astype(target)
        return value
    if isinstance(x, KerasTensor):
        raise ValueError(
            "A symbolic KerasTensor cannot be converted to a JAX array: it has no value. "
            f"Received {x}. Call the model on real data instead.")
    if dtype is None:
        if isinstance(x, bool):
            dtype = "bool"
        elif isinstance(x, int):
            dtype = "int32"
        elif isinstance(x, float):
            dtype = floatx()
        elif isinstance(x, complex):
            dtype = "complex64"
        elif isinstance(x, (list, tuple)):
            dtype = _infer_python_dtype(x)
        elif isinstance(x, (np.ndarray, np.generic)):
            if x.dtype.kind in "USO":
                raise TypeError(f"Cannot convert an array of dtype {x.dtype} to a tensor")
            dtype = standardize_dtype(x.dtype)
    target = None if dtype is None else to_backend_dtype(dtype)
    if isinstance(x, (list, tuple)):
        leaves = tree.flatten(list(x))
        if any(isinstance(v, (jax.Array, KerasVariable)) for v in leaves):
            x = tree.map_structure(
                lambda v: convert_to_tensor(v, target) if isinstance(v, (jax.Array,
                                                                         KerasVariable)) else v,
                list(x))
            return jnp.asarray(x, dtype=target)
        return jnp.asarray(np.asarray(x, dtype=target), dtype=target)
    if not isinstance(x, (np.ndarray, np.generic)) and hasattr(x, "__dlpack__"):
        x = _from_foreign(x)
        return x if target is None or x.dtype == target else x.astype(target)
    return jnp.asarray(x, dtype=target)


def _from_foreign(x):
    """Another framework's tensor (torch, ...), through NumPy (or DLPack)."""
    detach = getattr(x, "detach", None)
    if detach is not None:  # torch: leave autograd and the device behind
        x = detach()
        if getattr(x, "device", None) is not None and str(x.device) != "cpu":
            x = x.cpu()
        if str(getattr(x, "dtype", "")) == "torch.bfloat16":
            return jnp.asarray(x.float().numpy()).astype(jnp.bfloat16)
        return jnp.asarray(x.numpy())
    return jnp.from_dlpack(x)


def _infer_python_dtype(values):
    kinds = set()
    for v in tree.flatten(list(values)):
        if isinstance(v, (jax.Array, KerasVariable, np.ndarray, np.generic)):
            kinds.add(standardize_dtype(v.dtype))
        elif hasattr(v, "__dlpack__") and hasattr(v, "dtype"):
            kinds.add(standardize_dtype(str(v.dtype)))
        else:
            kinds.add(type(v))
    if not kinds:
        return floatx()
    return result_type(*[k if isinstance(k, str) else k(0) for k in kinds])


def convert_to_numpy(x):
    if isinstance(x, KerasVariable):
        x = x.value
    if isinstance(x, jax.Array):
        return np.asarray(x)
    if isinstance(x, (list, tuple)):
        return np.array([convert_to_numpy(v) for v in x])
    if hasattr(x, "__dlpack__") and not isinstance(x, (np.ndarray, np.generic)):
        return np.asarray(_from_foreign(x))
    return np.asarray(x)


def shape(x):
    """The static shape as a tuple of ints (None for unknown symbolic dims)."""
    if isinstance(x, KerasTensor):
        return x.shape
    return tuple(x.shape)


def cast(x, dtype):
    target = to_backend_dtype(dtype)
    if isinstance(x, KerasVariable):
        x = x.value
    if isinstance(x, jax.Array):
        return x if x.dtype == target else x.astype(target)
    return convert_to_tensor(x, dtype)


def cast_floating(x, target):
    """Cast ``x`` to ``target`` when it is a float array of another dtype (the layer
    autocast rule); anything else passes through unchanged."""
    if isinstance(x, jax.Array):
        if x.dtype != target and jnp.issubdtype(x.dtype, jnp.floating):
            return x.astype(target)
        return x
    if isinstance(x, np.ndarray):  # arrays enter a layer as tensors, floats autocast
        t = convert_to_tensor(x)
        return t.astype(target) if jnp.issubdtype(t.dtype, jnp.floating) and \
            t.dtype != target else t
    return x


def is_float_dtype(x):
    return isinstance(x, jax.Array) and jnp.issubdtype(x.dtype, jnp.floating)


def dtype(x):
    """The dtype of ``x`` as a string ('float32', ...)."""
    if isinstance(x, (KerasVariable, KerasTensor)):
        return standardize_dtype(x.dtype)
    return dtype_name(convert_to_tensor(x).dtype)


def random_seed_dtype():
    return "uint32"


# -- Variable -------------------------------------------------------------------

class Variable(KerasVariable):
    """A Keras variable whose value is a jax array.

    ``assign`` replaces the array. Inside a StatelessScope, reads come from the scope
    and assignments are recorded in it, leaving the Variable unchanged.
    """

    STATELESS_SCOPE_AWARE = True

    def __init__(self, *args, **kwargs):
        # A layer built while a function is traced (shape inference, jit) must still
        # get real weights: the initializer runs on concrete values.
        with jax.ensure_compile_time_eval():
            super().__init__(*args, **kwargs)

    def _initialize(self, value):
        if isinstance(value, Tracer):
            raise ValueError(
                f"Variable {self._name!r} cannot be created from a traced value inside a "
                "jitted or differentiated function; create it (build the layer) outside")
        t = convert_to_tensor(value, dtype=self._dtype)
        if _DEVICE[0] is not None:
            t = jax.device_put(t, _DEVICE[0])
        self._value = t
        self._shape = tuple(t.shape)

    def _convert_to_tensor(self, value, dtype=None):
        return convert_to_tensor(value, dtype=dtype)

    @property
    def value(self):
        scope = _SCOPE[0]
        raw = self._value
        if scope is not None:
            mapped = scope.state_mapping.get(id(self))
            if mapped is not None:
                raw = mapped
        target = AUTOCAST[0]
        if target is None or target == self._dtype or not self._autocast or \
                self._dtype not in _FLOATS:
            return raw
        return raw.astype(_JAX_DTYPES[target])

    def _current(self):
        scope = _SCOPE[0]
        if scope is not None:
            mapped = scope.state_mapping.get(id(self))
            if mapped is not None:
                return mapped
        return self._value

    def assign(self, value):
        if global_state.in_symbolic_scope():
            return value
        if not (isinstance(value, jax.Array) and value.dtype == self._value.dtype):
            if isinstance(value, Tracer):
                value = value.astype(self._value.dtype)
            else:
                # Concrete data stays concrete even while a function is traced (restoring
                # a swapped-in value must not leave a tracer behind).
                with jax.ensure_compile_time_eval():
                    value = convert_to_tensor(value, dtype=self._dtype)
        if tuple(value.shape) != self._shape:
            raise ValueError(
                f"Variable {self.path!r} has shape {self._shape}; cannot assign a value of "
                f"shape {tuple(value.shape)}")
        scope = _SCOPE[0]
        if scope is not None:
            scope.state_mapping[id(self)] = value
            return value
        # A traced value is accepted: the swap-based stateless helpers (a metric's
        # stateless_update_state, an optimizer's stateless_apply) assign traced values
        # and restore the concrete ones before the trace ends.
        self._value = value
        return value

    def assign_add(self, value):
        return self.assign(self._current() + convert_to_tensor(value, self._dtype))

    def assign_sub(self, value):
        return self.assign(self._current() - convert_to_tensor(value, self._dtype))

    def _direct_assign(self, value):
        self._value = value

    def numpy(self):
        # A copy, like on torch: a returned array never changes with the variable.
        return np.array(self.value)

    def __array__(self, dtype=None, copy=None):
        arr = np.asarray(self.value)
        return arr.astype(dtype) if dtype is not None else arr

    def __bool__(self):
        return bool(self.value)


# -- symbolic shape inference -----------------------------------------------------

_STAND_INS = (97, 113)
_VALUE_DEPENDENT = (
    jax.errors.ConcretizationTypeError, jax.errors.TracerBoolConversionError,
    jax.errors.TracerIntegerConversionError, jax.errors.TracerArrayConversionError,
    jax.errors.NonConcreteBooleanIndexError,
)


class _Slot:
    __slots__ = ("index",)

    def __init__(self, index):
        self.index = index


class _Static(_Slot):
    """A non-array output of a traced function (a JAX pytree leaf-less node)."""


jax.tree_util.register_pytree_node(_Static, lambda s: ((), s.index),
                                   lambda index, _: _Static(index))


def compute_output_spec(fn, *args, **kwargs):
    """Trace ``fn`` abstractly (``jax.eval_shape``) to learn its output shapes and dtypes.

    Unknown (None) dims are traced twice, with two different sizes: dims that change
    are None. Functions whose output shape depends on values (``nonzero``, boolean
    masks, Python branches on values) are run on stand-in data instead, once filled
    with random values and once with zeros, so the value-dependent dims differ too.
    """
    symbols = []

    def to_slot(x):
        if isinstance(x, KerasTensor):
            symbols.append(x)
            return _Slot(len(symbols) - 1)
        return x

    slotted = tree.map_structure(to_slot, (args, kwargs))
    has_none = any(None in s.shape for s in symbols)
    static = []  # non-array outputs (Python ints, None ...): kept out of the trace

    def strip(value):
        if isinstance(value, jax.Array):
            return value
        static.append(value)
        return _Static(len(static) - 1)

    def run(*arrays):
        fargs, fkwargs = tree.map_structure(
            lambda v: arrays[v.index] if isinstance(v, _Slot) else v, slotted)
        static.clear()
        return tree.map_structure(strip, fn(*fargs, **fkwargs))

    def structs(size):
        return [jax.ShapeDtypeStruct(tuple(size if d is None else d for d in s.shape),
                                     to_backend_dtype(s.dtype)) for s in symbols]

    with global_state.SymbolicScope():
        try:
            first = jax.eval_shape(run, *structs(_STAND_INS[0]))
            second = jax.eval_shape(run, *structs(_STAND_INS[1])) if has_none else first
        except _VALUE_DEPENDENT:
            first = _concrete_spec(run, symbols, _STAND_INS[0], random=True)
            second = _concrete_spec(run, symbols, _STAND_INS[1], random=False)
    out = tree.map_structure(_merge_specs, first, second)
    return tree.map_structure(lambda v: static[v.index] if isinstance(v, _Static) else v, out)


def _concrete_spec(run, symbols, size, random):
    rng = np.random.default_rng(size)
    arrays = []
    for s in symbols:
        shape_ = tuple(size if d is None else d for d in s.shape)
        dtype_ = to_backend_dtype(s.dtype)
        if not random:
            arrays.append(jnp.zeros(shape_, dtype_))
        elif s.dtype == "bool":
            arrays.append(jnp.asarray(rng.random(shape_) > 0.5))
        elif jnp.issubdtype(dtype_, jnp.integer):
            arrays.append(jnp.asarray(rng.integers(1, 5, shape_), dtype_))
        else:
            arrays.append(jnp.asarray(rng.standard_normal(shape_), dtype_))
    out = run(*arrays)
    return tree.map_structure(
        lambda t: jax.ShapeDtypeStruct(t.shape, t.dtype) if isinstance(t, jax.Array) else t,
        out)


def _merge_specs(a, b):
    if isinstance(a, jax.ShapeDtypeStruct):
        shape_ = tuple(d1 if d1 == d2 else None for d1, d2 in zip(a.shape, b.shape))
        return KerasTensor(shape_, dtype=dtype_name(a.dtype))
    return a


# The control-flow ops, slicing, scatter and the rest of keras.ops.core.
from ceras.backend.jax.core_ops import (  # noqa: E402,F401
    associative_scan, cond, custom_gradient, fori_loop, map, rearrange, saturate_cast, scan,
    scatter, scatter_update, slice, slice_update, stop_gradient, switch, unstack,
    vectorized_map, while_loop,
)
