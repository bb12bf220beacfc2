"""jax backend: elementwise ops of two arrays (arithmetic, comparison, logic, bits).

Each op promotes its operands as ``keras.ops`` does; see ``numpy_dtypes`` for the
rules.
"""
import jax.numpy as jnp

from ceras.backend.common.dtypes import result_type
from ceras.backend.jax.core import dtype_name, to_backend_dtype
from ceras.backend.jax.numpy_dtypes import (
    _BOOL, is_inexact, keras_pair, keras_pair_strong, pair, tensor, tensor_pair, to_float,
)

# -- arithmetic -------------------------------------------------------------------


def add(x1, x2):
    x1, x2 = pair(x1, x2)
    return jnp.add(x1, x2)


def subtract(x1, x2):
    x1, x2 = pair(x1, x2)
    # Keras lets a bool operand take the other's dtype (JAX refuses bool - bool).
    if getattr(x1, "dtype", None) == _BOOL and getattr(x2, "dtype", None) == _BOOL:
        return jnp.logical_xor(x1, x2)
    return jnp.subtract(x1, x2)


def multiply(x1, x2):
    x1, x2 = pair(x1, x2)
    return jnp.multiply(x1, x2)


def divide(x1, x2):
    x1, x2 = pair(x1, x2)
    if not any(is_inexact(v) for v in (x1, x2) if hasattr(v, "dtype")):
        # Integers and bools divide in floatx (JAX would use float64 here).
        dtype = to_backend_dtype(result_type(
            *(dtype_name(v.dtype) if hasattr(v, "dtype") else type(v) for v in (x1, x2)),
            float))
        x1, x2 = tensor(x1, dtype), tensor(x2, dtype)
    return jnp.true_divide(x1, x2)


true_divide = divide


def divide_no_nan(x1, x2):
    x1, x2 = tensor(x1), tensor(x2)
    dtype = to_backend_dtype(result_type(dtype_name(x1.dtype), dtype_name(x2.dtype), float))
    x1, x2 = x1.astype(dtype), x2.astype(dtype)
    safe = jnp.where(x2 == 0, jnp.ones_like(x2), x2)
    return jnp.where(x2 == 0, jnp.zeros_like(x1), x1 / safe)


def floor_divide(x1, x2):
    x1, x2 = keras_pair(x1, x2)
    return jnp.floor_divide(x1, x2)


def power(x1, x2):
    x1, x2 = pair(x1, x2)
    return jnp.power(x1, x2)


def _bools_to_int(x1, x2):
    if x1.dtype == _BOOL and x2.dtype == _BOOL:
        return x1.astype("int32"), x2.astype("int32")
    return x1, x2


def _mod_pair(x1, x2):
    x1, x2 = pair(x1, x2)
    if hasattr(x1, "dtype") and hasattr(x2, "dtype"):
        return _bools_to_int(x1, x2)
    return x1, x2


def mod(x1, x2):
    return jnp.remainder(*_mod_pair(x1, x2))


def fmod(x1, x2):
    return jnp.fmod(*_mod_pair(x1, x2))


def maximum(x1, x2):
    x1, x2 = keras_pair(x1, x2)
    return jnp.maximum(x1, x2)


def minimum(x1, x2):
    x1, x2 = keras_pair(x1, x2)
    return jnp.minimum(x1, x2)


def fmax(x1, x2):
    x1, x2 = keras_pair(x1, x2)
    return jnp.fmax(x1, x2)


def fmin(x1, x2):
    x1, x2 = keras_pair(x1, x2)
    return jnp.fmin(x1, x2)


def _float_pair(x1, x2):
    x1, x2 = keras_pair_strong(x1, x2)
    return to_float(x1), to_float(x2)


def arctan2(x1, x2):
    return jnp.arctan2(*_float_pair(x1, x2))


def hypot(x1, x2):
    return jnp.hypot(*_float_pair(x1, x2))


def logaddexp(x1, x2):
    return jnp.logaddexp(*_float_pair(x1, x2))


def logaddexp2(x1, x2):
    return jnp.logaddexp2(*_float_pair(x1, x2))


def nextafter(x1, x2):
    return jnp.nextafter(*_float_pair(x1, x2))


def heaviside(x1, x2):
    x1, x2 = keras_pair_strong(x1, x2)
    if x1.dtype == _BOOL:
        return jnp.heaviside(x1.astype("int32"), x2.astype("int32")).astype(_BOOL)
    return jnp.heaviside(to_float(x1), to_float(x2))


def ldexp(x1, x2):
    x1, x2 = tensor(x1), tensor(x2)
    if is_inexact(x2):
        raise TypeError(f"ldexp expects an integer exponent x2, received dtype {x2.dtype}")
    dtype = to_backend_dtype(result_type(dtype_name(x1.dtype), dtype_name(x2.dtype)))
    x1 = to_float(x1.astype(dtype))
    return x1 * jnp.power(jnp.asarray(2.0, x1.dtype), x2.astype(x1.dtype))


def gcd(x1, x2):
    return jnp.gcd(*tensor_pair(x1, x2))


def lcm(x1, x2):
    return jnp.lcm(*tensor_pair(x1, x2))


# -- comparison and logic: bool out ------------------------------------------------


def equal(x1, x2):
    return jnp.equal(*pair(x1, x2))


def not_equal(x1, x2):
    return jnp.not_equal(*pair(x1, x2))


def greater(x1, x2):
    return jnp.greater(*pair(x1, x2))


def greater_equal(x1, x2):
    return jnp.greater_equal(*pair(x1, x2))


def less(x1, x2):
    return jnp.less(*pair(x1, x2))


def less_equal(x1, x2):
    return jnp.less_equal(*pair(x1, x2))


def logical_and(x1, x2):
    return jnp.logical_and(*tensor_pair(x1, x2))


def logical_or(x1, x2):
    return jnp.logical_or(*tensor_pair(x1, x2))


def logical_xor(x1, x2):
    return jnp.logical_xor(*tensor_pair(x1, x2))


def isclose(x1, x2, rtol=1e-05, atol=1e-08, equal_nan=False):
    x1, x2 = keras_pair(x1, x2)
    return jnp.isclose(x1, x2, rtol=rtol, atol=atol, equal_nan=equal_nan)


def allclose(x1, x2, rtol=1e-05, atol=1e-08, equal_nan=False):
    x1, x2 = keras_pair(x1, x2)
    return jnp.all(jnp.isclose(x1, x2, rtol=rtol, atol=atol, equal_nan=equal_nan))


# -- bits -------------------------------------------------------------------------


def bitwise_and(x, y):
    return jnp.bitwise_and(*tensor_pair(x, y))


def bitwise_or(x, y):
    return jnp.bitwise_or(*tensor_pair(x, y))


def bitwise_xor(x, y):
    return jnp.bitwise_xor(*tensor_pair(x, y))


def _shift_pair(x, y):
    x, y = tensor_pair(x, y)
    dtype = jnp.promote_types(x.dtype, y.dtype)
    if dtype == _BOOL:
        dtype = jnp.dtype("int32")
    return x.astype(dtype), y.astype(dtype)


def bitwise_left_shift(x, y):
    return jnp.left_shift(*_shift_pair(x, y))


def bitwise_right_shift(x, y):
    return jnp.right_shift(*_shift_pair(x, y))


left_shift = bitwise_left_shift
right_shift = bitwise_right_shift
