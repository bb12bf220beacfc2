"""jax backend: elementwise ops of one array (keras.ops.abs, sin, isnan, ...)."""
import jax
import jax.numpy as jnp

from ceras.backend.jax.core import Tracer
from ceras.backend.jax.numpy_dtypes import (
    _BOOL, is_float, narrowed_float, tensor, to_float,
)

# -- same dtype in, same dtype out ---------------------------------------------


def abs(x):  # noqa: A001 - Keras's name
    x = tensor(x)
    return x if x.dtype == _BOOL else jnp.abs(x)


absolute = abs


def negative(x):
    return jnp.negative(tensor(x))


def sign(x):
    x = tensor(x)
    return x if x.dtype == _BOOL else jnp.sign(x)


def square(x):
    x = tensor(x)
    if x.dtype == _BOOL:
        x = x.astype("int32")
    return jnp.square(x)


def trunc(x):
    x = tensor(x)
    return jnp.trunc(x) if is_float(x) else x


def round(x, decimals=0):  # noqa: A001 - Keras's name
    x = tensor(x)
    if is_float(x):
        return jnp.round(x, int(decimals))
    if x.dtype == _BOOL:
        raise TypeError("round expects a numeric tensor, received dtype bool")
    if decimals >= 0:
        return x
    # Integers round to tens, hundreds... through float64, then back.
    return jnp.round(x.astype("float64"), int(decimals)).astype(x.dtype)


def conj(x):
    return jnp.conj(tensor(x))


conjugate = conj


def real(x):
    x = tensor(x)
    return jnp.real(x) if jnp.iscomplexobj(x) else x


def imag(x):
    x = tensor(x)
    return jnp.imag(x) if jnp.iscomplexobj(x) else jnp.zeros_like(x)


def copy(x):
    x = tensor(x)
    if isinstance(x, Tracer):
        return jnp.array(x, copy=True)
    with jax.ensure_compile_time_eval():  # a concrete copy, even inside a trace
        return jnp.array(x, copy=True)


def bitwise_invert(x):
    return jnp.invert(tensor(x))


bitwise_not = bitwise_invert


def nan_to_num(x, nan=0.0, posinf=None, neginf=None):
    x = tensor(x)
    if not is_float(x):
        return x
    return jnp.nan_to_num(x, nan=nan, posinf=posinf, neginf=neginf)


# -- float-valued: integer and bool inputs give floatx --------------------------


def _float_op(jax_fn, name):
    def op(x):
        return jax_fn(to_float(x))

    op.__name__ = op.__qualname__ = name
    op.__doc__ = f"Elementwise {name}; integer and bool inputs give floatx."
    return op


sin = _float_op(jnp.sin, "sin")
cos = _float_op(jnp.cos, "cos")
tan = _float_op(jnp.tan, "tan")
arcsin = _float_op(jnp.arcsin, "arcsin")
arccos = _float_op(jnp.arccos, "arccos")
arctan = _float_op(jnp.arctan, "arctan")
sinh = _float_op(jnp.sinh, "sinh")
cosh = _float_op(jnp.cosh, "cosh")
tanh = _float_op(jnp.tanh, "tanh")
arcsinh = _float_op(jnp.arcsinh, "arcsinh")
arccosh = _float_op(jnp.arccosh, "arccosh")
arctanh = _float_op(jnp.arctanh, "arctanh")
exp = _float_op(jnp.exp, "exp")
exp2 = _float_op(jnp.exp2, "exp2")
expm1 = _float_op(jnp.expm1, "expm1")
log = _float_op(jnp.log, "log")
log2 = _float_op(jnp.log2, "log2")
log10 = _float_op(jnp.log10, "log10")
log1p = _float_op(jnp.log1p, "log1p")
sqrt = _float_op(jnp.sqrt, "sqrt")
reciprocal = _float_op(jnp.reciprocal, "reciprocal")
sinc = _float_op(jnp.sinc, "sinc")
fabs = _float_op(jnp.abs, "fabs")


def angle(x):
    return jnp.angle(to_float(x))


def _float_keep64(x):
    # Keras gives float64 for int64 inputs of these ops, floatx for other ints.
    x = tensor(x)
    if x.dtype == jnp.int64:
        return x.astype("float64")
    return to_float(x)


def cbrt(x):
    return jnp.cbrt(_float_keep64(x))


def deg2rad(x):
    return jnp.deg2rad(_float_keep64(x))


def rad2deg(x):
    return jnp.rad2deg(_float_keep64(x))


def i0(x):
    return jnp.i0(_float_keep64(x))


def ceil(x):
    x = tensor(x)
    return jnp.ceil(x.astype(narrowed_float(x)))


def floor(x):
    x = tensor(x)
    return jnp.floor(x.astype(narrowed_float(x)))


# -- predicates: bool out -------------------------------------------------------


def isfinite(x):
    return jnp.isfinite(tensor(x))


def isinf(x):
    return jnp.isinf(tensor(x))


def isnan(x):
    return jnp.isnan(tensor(x))


def isneginf(x):
    return jnp.isneginf(tensor(x))


def isposinf(x):
    return jnp.isposinf(tensor(x))


def isreal(x):
    x = tensor(x)
    if jnp.iscomplexobj(x):
        return jnp.imag(x) == 0
    return jnp.ones(x.shape, dtype=_BOOL)


def signbit(x):
    x = tensor(x)
    if x.dtype == _BOOL:
        return jnp.zeros_like(x)
    return jnp.signbit(x)


def logical_not(x):
    return jnp.logical_not(tensor(x))
