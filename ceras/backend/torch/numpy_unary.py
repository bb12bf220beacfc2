"""torch backend: elementwise ops of one tensor (keras.ops.abs, sin, isnan, ...)."""
import torch

from ceras.backend.torch.numpy_dtypes import narrowed_float, tensor, to_float

# -- same dtype in, same dtype out ---------------------------------------------


def abs(x):  # noqa: A001 - Keras's name
    x = tensor(x)
    return x if x.dtype == torch.bool else torch.abs(x)


absolute = abs


def negative(x):
    return torch.negative(tensor(x))


def sign(x):
    x = tensor(x)
    return x if x.dtype == torch.bool else torch.sign(x)


def square(x):
    x = tensor(x)
    if x.dtype == torch.bool:
        x = x.to(torch.int32)
    return torch.square(x)


def trunc(x):
    x = tensor(x)
    return torch.trunc(x) if x.is_floating_point() else x


def round(x, decimals=0):  # noqa: A001 - Keras's name
    x = tensor(x)
    if x.is_floating_point():
        return torch.round(x, decimals=int(decimals))
    if x.dtype == torch.bool:
        raise TypeError("round expects a numeric tensor, received dtype bool")
    if decimals >= 0:
        return x
    # Integers round to tens, hundreds... through float64, then back.
    return torch.round(x.to(torch.float64), decimals=int(decimals)).to(x.dtype)


def conj(x):
    x = tensor(x)
    return torch.conj(x).resolve_conj() if x.is_complex() else x


conjugate = conj


def real(x):
    x = tensor(x)
    return torch.real(x) if x.is_complex() else x


def imag(x):
    x = tensor(x)
    if x.is_complex():
        return torch.imag(x)
    return torch.zeros_like(x)


def copy(x):
    return tensor(x).clone()


def bitwise_invert(x):
    return torch.bitwise_not(tensor(x))


bitwise_not = bitwise_invert


def nan_to_num(x, nan=0.0, posinf=None, neginf=None):
    x = tensor(x)
    if not x.is_floating_point():
        return x
    return torch.nan_to_num(x, nan=nan, posinf=posinf, neginf=neginf)


# -- float-valued: integer and bool inputs give floatx --------------------------


def _float_op(torch_fn, name):
    def op(x):
        return torch_fn(to_float(x))

    op.__name__ = op.__qualname__ = name
    op.__doc__ = f"Elementwise {name}; integer and bool inputs give floatx."
    return op


sin = _float_op(torch.sin, "sin")
cos = _float_op(torch.cos, "cos")
tan = _float_op(torch.tan, "tan")
arcsin = _float_op(torch.arcsin, "arcsin")
arccos = _float_op(torch.arccos, "arccos")
arctan = _float_op(torch.arctan, "arctan")
sinh = _float_op(torch.sinh, "sinh")
cosh = _float_op(torch.cosh, "cosh")
tanh = _float_op(torch.tanh, "tanh")
arcsinh = _float_op(torch.arcsinh, "arcsinh")
arccosh = _float_op(torch.arccosh, "arccosh")
arctanh = _float_op(torch.arctanh, "arctanh")
exp = _float_op(torch.exp, "exp")
exp2 = _float_op(torch.exp2, "exp2")
expm1 = _float_op(torch.expm1, "expm1")
log = _float_op(torch.log, "log")
log2 = _float_op(torch.log2, "log2")
log10 = _float_op(torch.log10, "log10")
log1p = _float_op(torch.log1p, "log1p")
sqrt = _float_op(torch.sqrt, "sqrt")
reciprocal = _float_op(torch.reciprocal, "reciprocal")
sinc = _float_op(torch.sinc, "sinc")
fabs = _float_op(torch.abs, "fabs")


def angle(x):
    x = to_float(x)
    return torch.angle(x)


def _float_keep64(x):
    # Keras gives float64 for int64 inputs of these ops, floatx for other ints.
    x = tensor(x)
    if x.dtype == torch.int64:
        return x.to(torch.float64)
    return to_float(x)


def cbrt(x):
    x = _float_keep64(x)
    return torch.sign(x) * torch.abs(x).pow(1.0 / 3.0)


def deg2rad(x):
    return torch.deg2rad(_float_keep64(x))


def rad2deg(x):
    return torch.rad2deg(_float_keep64(x))


def i0(x):
    return torch.special.i0(_float_keep64(x))


def ceil(x):
    x = tensor(x)
    return torch.ceil(x.to(narrowed_float(x)))


def floor(x):
    x = tensor(x)
    return torch.floor(x.to(narrowed_float(x)))


# -- predicates: bool out -------------------------------------------------------


def isfinite(x):
    return torch.isfinite(tensor(x))


def isinf(x):
    return torch.isinf(tensor(x))


def isnan(x):
    return torch.isnan(tensor(x))


def isneginf(x):
    return torch.isneginf(tensor(x))


def isposinf(x):
    return torch.isposinf(tensor(x))


def isreal(x):
    x = tensor(x)
    if x.is_complex():
        return torch.imag(x) == 0
    return torch.ones(x.shape, dtype=torch.bool, device=x.device)


def signbit(x):
    x = tensor(x)
    if x.dtype == torch.bool:
        return torch.zeros_like(x)
    return torch.signbit(x)


def logical_not(x):
    return torch.logical_not(tensor(x))

