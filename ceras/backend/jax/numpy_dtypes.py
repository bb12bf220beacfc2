"""Conversion and dtype promotion shared by the jax NumPy-like ops.

The results follow the torch backend (and so Keras): Python ints are int32, Python
floats floatx, and a Python scalar takes the dtype of the array it meets when it
can (``int8 + 2`` stays int8). Rules:

- ``pair``: arrays promote by JAX's lattice (64-bit enabled, no narrowing); a Python
  scalar that keeps the other operand's dtype is passed as a weak scalar, any other
  becomes an int32 / floatx array first.
- ``keras_pair``: Keras's lattice (``result_type``) over the operands, Python scalars
  weak; 64-bit results narrow to 32 bits.
- ``to_float``: integer and bool inputs of float-valued ops become floatx.
"""
import jax
import jax.numpy as jnp

from ceras.backend.common.config import floatx
from ceras.backend.common.dtypes import result_type, standardize_dtype
from ceras.backend.jax.core import convert_to_tensor, dtype_name, to_backend_dtype

_PYTHON_SCALARS = (bool, int, float)
_WIDE = (jnp.dtype("int64"), jnp.dtype("uint64"), jnp.dtype("float64"),
         jnp.dtype("complex128"))
_BOOL = jnp.dtype("bool")


def tensor(x, dtype=None):
    """``x`` as a jax array (optionally of ``dtype``, a name or jax dtype)."""
    return convert_to_tensor(x, dtype)


def is_float(x):
    return jnp.issubdtype(x.dtype, jnp.floating)


def is_inexact(x):
    return jnp.issubdtype(x.dtype, jnp.inexact)


def name_of(x):
    """The dtype name of an array, or the weak Python type of a scalar."""
    if isinstance(x, jax.Array):
        return dtype_name(x.dtype)
    dtype = getattr(x, "dtype", None)  # before the scalar check: np.float64 is a float
    if dtype is not None:
        return standardize_dtype(dtype)
    if isinstance(x, (bool, int, float, complex)):
        return type(x)
    return dtype_name(tensor(x).dtype)


def jax_dtype(dtype):
    """The jax dtype for a dtype name (None stays None)."""
    return None if dtype is None else to_backend_dtype(dtype)


def to_float(x):
    """Array ``x`` cast to floatx unless already floating or complex."""
    x = tensor(x)
    if is_inexact(x):
        return x
    return x.astype(to_backend_dtype(floatx()))


def narrowed_float(x):
    """Keras's ``result_type(x.dtype, float)``: ints become floatx, float64 float32."""
    return to_backend_dtype(result_type(dtype_name(x.dtype), float))


def keeps_dtype(dtype, scalar):
    """True when a weak Python ``scalar`` leaves an array of ``dtype`` at its dtype."""
    kind = type(scalar)
    if dtype == _BOOL:
        return kind is bool
    if kind is bool or kind is int:
        return True
    return kind is float and jnp.issubdtype(dtype, jnp.inexact)


def pair(x1, x2):
    """The operands of an op that promotes by itself (see the module docstring)."""
    scalar1, scalar2 = type(x1) in _PYTHON_SCALARS, type(x2) in _PYTHON_SCALARS
    if not scalar1:
        x1 = tensor(x1)
        if not scalar2:
            return x1, tensor(x2)
        return (x1, x2) if keeps_dtype(x1.dtype, x2) else (x1, tensor(x2))
    x2 = tensor(x2)
    return (x1, x2) if not scalar2 and keeps_dtype(x2.dtype, x1) else (tensor(x1), x2)


def tensor_pair(x1, x2):
    """Both operands as arrays; JAX's promotion decides the dtype."""
    return tensor(x1), tensor(x2)


def keras_pair(x1, x2, dtype=None):
    """Both operands cast to Keras's ``result_type`` (Python scalars weak)."""
    if dtype is None:
        if isinstance(x1, jax.Array) and isinstance(x2, jax.Array) and \
                x1.dtype == x2.dtype and x1.dtype not in _WIDE:
            return x1, x2
        dtype = result_type(name_of(x1), name_of(x2))
    return tensor(x1, dtype), tensor(x2, dtype)


def keras_pair_strong(x1, x2):
    """Like ``keras_pair`` but Python scalars first become int32 / floatx arrays
    (Keras converts before promoting in these ops)."""
    x1, x2 = tensor(x1), tensor(x2)
    dtype = to_backend_dtype(result_type(dtype_name(x1.dtype), dtype_name(x2.dtype)))
    return x1.astype(dtype), x2.astype(dtype)


def promoted(*values):
    """The dtype the torch backend gives an op over ``values``: dimensioned arrays
    promote fully, 0-d ones (Python scalars become 0-d int32 / floatx) only lift the
    kind (an int array meeting a 0-d float becomes floatx, not float64)."""
    arrays = [tensor(v) for v in values]
    dims = [a.dtype for a in arrays if a.ndim]
    dtype = dims[0] if dims else arrays[0].dtype
    for d in dims[1:]:
        dtype = jnp.promote_types(dtype, d)
    for a in arrays:
        if a.ndim:
            continue
        if jnp.issubdtype(a.dtype, jnp.complexfloating) and \
                not jnp.issubdtype(dtype, jnp.complexfloating):
            dtype = jnp.dtype("complex64") if dtype != jnp.float64 else jnp.dtype("complex128")
        elif jnp.issubdtype(a.dtype, jnp.floating) and not jnp.issubdtype(dtype, jnp.inexact):
            dtype = to_backend_dtype(floatx())
        elif jnp.issubdtype(a.dtype, jnp.integer) and dtype == _BOOL:
            dtype = a.dtype
    return dtype


def reduce_axes(axis):
    """JAX's ``axis`` argument for a Keras ``axis`` (None, int, list or tuple)."""
    if axis is None:
        return None
    if isinstance(axis, (list, tuple)):
        return tuple(int(a) for a in axis)
    return int(axis)
