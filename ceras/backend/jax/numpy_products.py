"""jax backend: products and contractions (matmul, dot, einsum, tensordot, cross ...)."""
import jax.numpy as jnp

from ceras.backend.common.config import floatx
from ceras.backend.common.dtypes import result_type
from ceras.backend.jax.core import dtype_name, to_backend_dtype
from ceras.backend.jax.numpy_dtypes import (
    _BOOL, keras_pair_strong, tensor, tensor_pair, to_float,
)


def _product_dtype(*arrays):
    return to_backend_dtype(result_type(*[dtype_name(t.dtype) for t in arrays]))


def _contract(fn, arrays, out_dtype):
    """Run ``fn`` on ``arrays`` cast to ``out_dtype`` (bool contracts as int32)."""
    compute = jnp.dtype("int32") if out_dtype == _BOOL else out_dtype
    out = fn(*[t.astype(compute) for t in arrays])
    return out.astype(out_dtype) if out_dtype != _BOOL else out != 0


_NATIVE = tuple(jnp.dtype(d) for d in ("float32", "float16", "bfloat16", "complex64"))


def matmul(x1, x2):
    x1, x2 = tensor(x1), tensor(x2)
    if x1.dtype == x2.dtype and x1.dtype in _NATIVE:
        return jnp.matmul(x1, x2)  # the common case: nothing to promote
    if x1.dtype == jnp.int8 and x2.dtype == jnp.int8:
        # Keras accumulates int8 matmul in int32.
        return jnp.matmul(x1, x2, preferred_element_type=jnp.int32)
    return _contract(jnp.matmul, (x1, x2), _product_dtype(x1, x2))


def tensordot(x1, x2, axes=2):
    x1, x2 = tensor(x1), tensor(x2)
    if isinstance(axes, (list, tuple)):
        axes = [list(a) if isinstance(a, (list, tuple)) else [a] for a in axes]
    return _contract(lambda a, b: jnp.tensordot(a, b, axes=axes), (x1, x2),
                     _product_dtype(x1, x2))


def dot(x1, x2):
    x1, x2 = tensor(x1), tensor(x2)
    return _contract(jnp.dot, (x1, x2), _product_dtype(x1, x2))


def vdot(x1, x2):
    x1, x2 = tensor(x1), tensor(x2)
    return _contract(jnp.vdot, (x1, x2), _product_dtype(x1, x2))


def inner(x1, x2):
    x1, x2 = tensor(x1), tensor(x2)
    return _contract(jnp.inner, (x1, x2), _product_dtype(x1, x2))


def outer(x1, x2):
    x1, x2 = tensor_pair(x1, x2)
    return jnp.outer(x1.reshape(-1), x2.reshape(-1))


def kron(x1, x2):
    x1, x2 = tensor_pair(x1, x2)
    if x1.dtype == _BOOL and x2.dtype == _BOOL:
        return jnp.kron(x1.astype("int32"), x2.astype("int32")) != 0
    return jnp.kron(x1, x2)


def einsum(subscripts, *operands, **kwargs):
    operands = [tensor(o) for o in operands]
    if all(o.dtype == jnp.int8 for o in operands):
        # Keras accumulates int8 in int32.
        return jnp.einsum(subscripts, *operands, preferred_element_type=jnp.int32)
    dtype = operands[0].dtype
    for o in operands[1:]:
        dtype = jnp.promote_types(dtype, o.dtype)
    if dtype == _BOOL or (len(operands) == 1 and jnp.issubdtype(dtype, jnp.integer)
                          and _reduces(subscripts)):
        dtype = jnp.dtype("int64")  # torch sums bools and lone int operands in int64
    return jnp.einsum(subscripts, *[o.astype(dtype) for o in operands])


def _reduces(subscripts):
    """Whether a one-operand einsum sums over an index."""
    subscripts = subscripts.replace(" ", "")
    if "->" in subscripts:
        inputs, output = subscripts.split("->")
    else:
        inputs = subscripts
        output = "".join(c for c in inputs if inputs.count(c) == 1)
    return bool(set(inputs) - set(output) - {".", ","})


def cross(x1, x2, axisa=-1, axisb=-1, axisc=-1, axis=None):
    if axis is not None:
        axisa = axisb = axisc = axis
    x1, x2 = keras_pair_strong(x1, x2)
    for v, a in ((x1, axisa), (x2, axisb)):
        if v.shape[a] not in (2, 3):
            raise ValueError(
                f"cross: vectors must have 2 or 3 components, received {v.shape[a]}")
    return jnp.cross(x1, x2, axisa=axisa, axisb=axisb, axisc=axisc)


def trace(x, offset=0, axis1=0, axis2=1):
    x = tensor(x)
    small = tuple(jnp.dtype(d) for d in ("bool", "uint8", "int8", "int16", "uint16"))
    dtype = jnp.dtype("int32") if x.dtype in small else x.dtype
    return jnp.trace(x, offset=offset, axis1=axis1, axis2=axis2, dtype=dtype)


def correlate(x1, x2, mode="valid"):
    if mode not in ("valid", "same", "full"):
        raise ValueError(
            f"correlate: mode must be 'valid', 'same' or 'full', received {mode!r}")
    x1, x2 = tensor(x1), tensor(x2)
    dtype = to_backend_dtype(result_type(dtype_name(x1.dtype), dtype_name(x2.dtype)))
    if not jnp.issubdtype(dtype, jnp.inexact):
        dtype = to_backend_dtype(floatx())
    compute = jnp.float32 if dtype in (jnp.float16, jnp.bfloat16) else dtype
    return jnp.correlate(x1.astype(compute).reshape(-1), x2.astype(compute).reshape(-1),
                         mode=mode).astype(dtype)


def slogdet(x):
    sign, logabsdet = jnp.linalg.slogdet(to_float(x))
    return sign, logabsdet


def vander(x, N=None, increasing=False):
    x = tensor(x)
    if x.ndim != 1:
        raise ValueError(f"vander expects a 1-D input, received shape {tuple(x.shape)}")
    x = x.astype("int32" if x.dtype == _BOOL else to_backend_dtype(result_type(
        dtype_name(x.dtype))))
    return jnp.vander(x, N=None if N is None else int(N), increasing=increasing)


def trapezoid(y, x=None, dx=1.0, axis=-1):
    y = to_float(y)
    if x is None:
        return jnp.trapezoid(y, dx=dx, axis=axis)
    return jnp.trapezoid(y, x=to_float(x).astype(y.dtype), axis=axis)

