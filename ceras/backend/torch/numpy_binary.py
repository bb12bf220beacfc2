"""torch backend: elementwise ops of two tensors (arithmetic, comparison, logic, bits).

Each op promotes its operands the way ``keras.ops`` does on torch; see
``numpy_dtypes`` for the three rules.
"""
import torch

from ceras.backend.common.dtypes import result_type
from ceras.backend.torch.core import dtype_name, to_backend_dtype
from ceras.backend.torch.numpy_dtypes import (
    keras_pair, keras_pair_strong, tensor, tensor_pair, to_float, torch_pair,
)

# -- arithmetic -------------------------------------------------------------------


def add(x1, x2):
    x1, x2 = torch_pair(x1, x2)
    return x1 + x2


def _is_bool(x):
    return isinstance(x, bool) or (isinstance(x, torch.Tensor) and x.dtype == torch.bool)


def subtract(x1, x2):
    if _is_bool(x1) or _is_bool(x2):
        x1, x2 = tensor_pair(x1, x2)
        # torch refuses `-` on bool; Keras lets the bool operand take the other's dtype.
        if x1.dtype == torch.bool and x2.dtype != torch.bool:
            x1 = x1.to(x2.dtype)
        elif x2.dtype == torch.bool and x1.dtype != torch.bool:
            x2 = x2.to(x1.dtype)
    else:
        x1, x2 = torch_pair(x1, x2)
    return x1 - x2


def multiply(x1, x2):
    x1, x2 = torch_pair(x1, x2)
    return x1 * x2


def divide(x1, x2):
    x1, x2 = torch_pair(x1, x2)
    return x1 / x2


true_divide = divide


def divide_no_nan(x1, x2):
    x1, x2 = tensor(x1), tensor(x2)
    dtype = to_backend_dtype(result_type(dtype_name(x1.dtype), dtype_name(x2.dtype), float))
    x1, x2 = x1.to(dtype), x2.to(dtype)
    safe = torch.where(x2 == 0, torch.ones_like(x2), x2)
    return torch.where(x2 == 0, torch.zeros_like(x1), torch.true_divide(x1, safe))


def floor_divide(x1, x2):
    x1, x2 = keras_pair(x1, x2)
    return torch.floor_divide(x1, x2)


def power(x1, x2):
    x1, x2 = torch_pair(x1, x2)
    return x1 ** x2


def _bools_to_int(x1, x2):
    if x1.dtype == torch.bool and x2.dtype == torch.bool:
        return x1.to(torch.int32), x2.to(torch.int32)
    return x1, x2


def mod(x1, x2):
    x1, x2 = _bools_to_int(*tensor_pair(x1, x2))
    return torch.remainder(x1, x2)


def fmod(x1, x2):
    x1, x2 = _bools_to_int(*tensor_pair(x1, x2))
    return torch.fmod(x1, x2)


# torch.maximum, not clamp: at ties it splits the gradient between both sides, as Keras.
def maximum(x1, x2):
    x1, x2 = keras_pair(x1, x2)
    return torch.maximum(x1, x2)


def minimum(x1, x2):
    x1, x2 = keras_pair(x1, x2)
    return torch.minimum(x1, x2)


def fmax(x1, x2):
    x1, x2 = keras_pair(x1, x2)
    return torch.fmax(x1, x2)


def fmin(x1, x2):
    x1, x2 = keras_pair(x1, x2)
    return torch.fmin(x1, x2)


def _float_pair(x1, x2):
    x1, x2 = keras_pair_strong(x1, x2)
    return to_float(x1), to_float(x2)


def arctan2(x1, x2):
    return torch.arctan2(*_float_pair(x1, x2))


def hypot(x1, x2):
    return torch.hypot(*_float_pair(x1, x2))


def logaddexp(x1, x2):
    return torch.logaddexp(*_float_pair(x1, x2))


def logaddexp2(x1, x2):
    return torch.logaddexp2(*_float_pair(x1, x2))


def nextafter(x1, x2):
    return torch.nextafter(*_float_pair(x1, x2))


def heaviside(x1, x2):
    x1, x2 = keras_pair_strong(x1, x2)
    if x1.dtype == torch.bool:
        return torch.heaviside(x1.to(torch.int32), x2.to(torch.int32)).to(torch.bool)
    x1, x2 = to_float(x1), to_float(x2)
    return torch.heaviside(x1, x2)


def ldexp(x1, x2):
    x1, x2 = tensor(x1), tensor(x2)
    if x2.is_floating_point() or x2.is_complex():
        raise TypeError(f"ldexp expects an integer exponent x2, received dtype {x2.dtype}")
    dtype = to_backend_dtype(result_type(dtype_name(x1.dtype), dtype_name(x2.dtype)))
    x1 = to_float(x1.to(dtype))
    return x1 * torch.pow(torch.tensor(2.0, dtype=x1.dtype, device=x1.device), x2.to(x1.dtype))


def gcd(x1, x2):
    x1, x2 = tensor_pair(x1, x2)
    return torch.gcd(x1, x2)


def lcm(x1, x2):
    x1, x2 = tensor_pair(x1, x2)
    return torch.lcm(x1, x2)


# -- comparison and logic: bool out ------------------------------------------------


def equal(x1, x2):
    x1, x2 = torch_pair(x1, x2)
    return x1 == x2


def not_equal(x1, x2):
    x1, x2 = torch_pair(x1, x2)
    return x1 != x2


def greater(x1, x2):
    x1, x2 = torch_pair(x1, x2)
    return x1 > x2


def greater_equal(x1, x2):
    x1, x2 = torch_pair(x1, x2)
    return x1 >= x2


def less(x1, x2):
    x1, x2 = torch_pair(x1, x2)
    return x1 < x2


def less_equal(x1, x2):
    x1, x2 = torch_pair(x1, x2)
    return x1 <= x2


def logical_and(x1, x2):
    return torch.logical_and(*tensor_pair(x1, x2))


def logical_or(x1, x2):
    return torch.logical_or(*tensor_pair(x1, x2))


def logical_xor(x1, x2):
    return torch.logical_xor(*tensor_pair(x1, x2))


def isclose(x1, x2, rtol=1e-05, atol=1e-08, equal_nan=False):
    x1, x2 = keras_pair(x1, x2)
    return torch.isclose(x1, x2, rtol=rtol, atol=atol, equal_nan=equal_nan)


def allclose(x1, x2, rtol=1e-05, atol=1e-08, equal_nan=False):
    x1, x2 = keras_pair(x1, x2)
    return torch.all(torch.isclose(x1, x2, rtol=rtol, atol=atol, equal_nan=equal_nan))


# -- bits -------------------------------------------------------------------------


def bitwise_and(x, y):
    return torch.bitwise_and(*tensor_pair(x, y))


def bitwise_or(x, y):
    return torch.bitwise_or(*tensor_pair(x, y))


def bitwise_xor(x, y):
    return torch.bitwise_xor(*tensor_pair(x, y))


def bitwise_left_shift(x, y):
    return torch.bitwise_left_shift(*tensor_pair(x, y))


def bitwise_right_shift(x, y):
    return torch.bitwise_right_shift(*tensor_pair(x, y))


left_shift = bitwise_left_shift
right_shift = bitwise_right_shift
