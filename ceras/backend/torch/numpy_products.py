"""torch backend: products and contractions (matmul, dot, einsum, tensordot, cross ...)."""
import torch

from ceras.backend.common.config import floatx
from ceras.backend.common.dtypes import result_type
from ceras.backend.torch.core import dtype_name, to_backend_dtype
from ceras.backend.torch.numpy_dtypes import keras_pair_strong, tensor, tensor_pair, to_float


def _product_dtype(*tensors):
    return to_backend_dtype(result_type(*[dtype_name(t.dtype) for t in tensors]))


def _contract(fn, tensors, out_dtype):
    """Run ``fn`` on ``tensors`` cast to a dtype torch can multiply in, then cast the
    result to ``out_dtype`` (torch lacks bool and, on GPU, integer matmul)."""
    compute = out_dtype
    if out_dtype == torch.bool:
        compute = torch.int32
    if not (compute.is_floating_point or compute.is_complex) and \
            tensors[0].device.type != "cpu":
        compute = torch.float64
    out = fn(*[t.to(compute) for t in tensors])
    return out.to(out_dtype) if out_dtype != torch.bool else out != 0


_NATIVE = (torch.float32, torch.float16, torch.bfloat16, torch.complex64)


def matmul(x1, x2):
    x1, x2 = tensor(x1), tensor(x2)
    if x1.dtype == x2.dtype and x1.dtype in _NATIVE:
        return torch.matmul(x1, x2)  # the common case: nothing to promote
    if x1.dtype == torch.int8 and x2.dtype == torch.int8:
        dtype = torch.int32  # Keras accumulates int8 matmul in int32
    else:
        dtype = _product_dtype(x1, x2)
    return _contract(torch.matmul, (x1, x2), dtype)


def tensordot(x1, x2, axes=2):
    x1, x2 = tensor(x1), tensor(x2)
    if isinstance(axes, (list, tuple)):
        axes = [list(a) if isinstance(a, (list, tuple)) else [a] for a in axes]
    return _contract(lambda a, b: torch.tensordot(a, b, dims=axes), (x1, x2),
                     _product_dtype(x1, x2))


def dot(x1, x2):
    x1, x2 = tensor(x1), tensor(x2)
    dtype = _product_dtype(x1, x2)
    if x1.ndim == 0 or x2.ndim == 0:
        return _contract(torch.multiply, (x1, x2), dtype)
    if x2.ndim == 1:
        return _contract(torch.matmul, (x1, x2), dtype)
    return _contract(lambda a, b: torch.tensordot(a, b, dims=([-1], [-2])), (x1, x2), dtype)


def vdot(x1, x2):
    x1, x2 = tensor(x1), tensor(x2)
    dtype = _product_dtype(x1, x2)
    x1 = x1.reshape(-1)
    if x1.is_complex():
        x1 = torch.conj(x1).resolve_conj()
    return _contract(torch.dot, (x1, x2.reshape(-1)), dtype)


def inner(x1, x2):
    x1, x2 = tensor(x1), tensor(x2)
    dtype = _product_dtype(x1, x2)
    if x1.ndim == 0 or x2.ndim == 0:
        return _contract(torch.multiply, (x1, x2), dtype)
    return _contract(lambda a, b: torch.tensordot(a, b, dims=([-1], [-1])), (x1, x2), dtype)


def outer(x1, x2):
    x1, x2 = tensor_pair(x1, x2)
    return torch.outer(x1.reshape(-1), x2.reshape(-1))


def kron(x1, x2):
    x1, x2 = tensor_pair(x1, x2)
    return torch.kron(x1, x2)


def einsum(subscripts, *operands, **kwargs):
    operands = [tensor(o) for o in operands]
    if all(o.dtype == torch.int8 for o in operands):
        # Keras accumulates int8 in int32; otherwise torch's dtypes (sums of ints: int64).
        return einsum(subscripts, *[o.to(torch.int32) for o in operands]).to(torch.int32)
    dtype = operands[0].dtype
    for o in operands[1:]:
        dtype = torch.promote_types(dtype, o.dtype)
    if dtype == torch.bool:
        dtype = torch.int64
    operands = [o.to(dtype) for o in operands]
    if dtype.is_floating_point or dtype.is_complex or operands[0].device.type == "cpu":
        return torch.einsum(subscripts, *operands)
    # torch has no integer einsum on GPU: contract in float64, exact below 2**53.
    out = torch.einsum(subscripts, *[o.to(torch.float64) for o in operands])
    return out.to(dtype)


def cross(x1, x2, axisa=-1, axisb=-1, axisc=-1, axis=None):
    if axis is not None:
        axisa = axisb = axisc = axis
    x1, x2 = keras_pair_strong(x1, x2)
    a = torch.movedim(x1, axisa, -1)
    b = torch.movedim(x2, axisb, -1)
    for v in (a, b):
        if v.shape[-1] not in (2, 3):
            raise ValueError(
                f"cross: vectors must have 2 or 3 components, received {v.shape[-1]}")
    if a.shape[-1] == 2 and b.shape[-1] == 2:
        return a[..., 0] * b[..., 1] - a[..., 1] * b[..., 0]
    a = torch.nn.functional.pad(a, (0, 3 - a.shape[-1]))
    b = torch.nn.functional.pad(b, (0, 3 - b.shape[-1]))
    a, b = torch.broadcast_tensors(a, b)
    c = torch.stack([a[..., 1] * b[..., 2] - a[..., 2] * b[..., 1],
                     a[..., 2] * b[..., 0] - a[..., 0] * b[..., 2],
                     a[..., 0] * b[..., 1] - a[..., 1] * b[..., 0]], dim=-1)
    return torch.movedim(c, -1, axisc)


def trace(x, offset=0, axis1=0, axis2=1):
    x = tensor(x)
    small = (torch.bool, torch.uint8, torch.int8, torch.int16, torch.uint16)
    dtype = torch.int32 if x.dtype in small else x.dtype
    return torch.sum(torch.diagonal(x, offset=offset, dim1=axis1, dim2=axis2), dim=-1,
                     dtype=dtype)


def correlate(x1, x2, mode="valid"):
    if mode not in ("valid", "same", "full"):
        raise ValueError(
            f"correlate: mode must be 'valid', 'same' or 'full', received {mode!r}")
    x1, x2 = tensor(x1), tensor(x2)
    dtype = to_backend_dtype(result_type(dtype_name(x1.dtype), dtype_name(x2.dtype)))
    if not (dtype.is_floating_point or dtype.is_complex):
        dtype = to_backend_dtype(floatx())
    compute = torch.float32 if dtype in (torch.float16, torch.bfloat16) else dtype
    a, v = x1.to(compute), x2.to(compute)
    if v.is_complex():
        v = torch.conj(v).resolve_conj()
    n, m = a.shape[0], v.shape[0]
    padded = torch.nn.functional.pad(a.reshape(1, 1, -1), (m - 1, m - 1))
    full_out = torch.nn.functional.conv1d(padded, v.reshape(1, 1, -1)).reshape(-1)
    if mode == "full":
        out = full_out
    elif mode == "valid":
        out = full_out[min(n, m) - 1: max(n, m)]
    else:
        length = max(n, m)
        start = (n + m - 1 - length) // 2 if n >= m else (m - 1) // 2 - (m - n) + (m - n + 1) // 2
        out = full_out[start: start + length]
    return out.to(dtype)


def slogdet(x):
    x = to_float(x)
    sign, logabsdet = torch.linalg.slogdet(x)
    return sign, logabsdet


def vander(x, N=None, increasing=False):
    x = tensor(x)
    if x.ndim != 1:
        raise ValueError(f"vander expects a 1-D input, received shape {tuple(x.shape)}")
    n = x.shape[0] if N is None else int(N)
    powers = torch.arange(n, device=x.device)
    if not increasing:
        powers = torch.flip(powers, dims=(0,))
    x = x.to(torch.int32 if x.dtype == torch.bool
             else to_backend_dtype(result_type(dtype_name(x.dtype))))
    return torch.pow(x.reshape(-1, 1), powers.to(x.dtype).reshape(1, -1))


def trapezoid(y, x=None, dx=1.0, axis=-1):
    y = to_float(y)
    if x is None:
        return torch.trapezoid(y, dx=dx, dim=axis)
    return torch.trapezoid(y, x=to_float(x).to(y.dtype), dim=axis)
