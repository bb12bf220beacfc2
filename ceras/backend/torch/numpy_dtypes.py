"""Conversion and dtype promotion shared by the torch NumPy-like ops.

Keras's torch backend is not uniform about promotion, so the ops here pick one of
three rules, each matching what ``keras.ops`` returns for that op:

- ``torch_pair``: torch promotes the operands as Keras converts them (Python ints
  int32, floats floatx, both 0-d). 64-bit inputs stay 64-bit; a 0-d tensor gives
  way to a dimensioned one of the same kind. A Python scalar is left as is when
  torch then picks the same dtype (the fast path: no tensor is created).
- ``keras_pair``: Keras's lattice (``result_type``) over the operands, Python
  scalars weak; 64-bit results narrow to 32 bits.
- ``to_float``: integer and bool inputs of float-valued ops become floatx.
"""
import torch

from ceras.backend.common.config import floatx
from ceras.backend.common.dtypes import result_type, standardize_dtype
from ceras.backend.torch.core import convert_to_tensor, dtype_name, to_backend_dtype


def tensor(x, dtype=None):
    """``x`` as a torch tensor (optionally of ``dtype``, a name or torch dtype)."""
    return convert_to_tensor(x, dtype)


def name_of(x):
    """The dtype name of a tensor, or the weak Python type of a scalar."""
    if isinstance(x, torch.Tensor):
        return dtype_name(x.dtype)
    dtype = getattr(x, "dtype", None)  # before the scalar check: np.float64 is a float
    if dtype is not None:
        return standardize_dtype(dtype)
    if isinstance(x, (bool, int, float, complex)):
        return type(x)
    return dtype_name(tensor(x).dtype)


def torch_dtype(dtype):
    """The torch dtype for a dtype name (None stays None)."""
    return None if dtype is None else to_backend_dtype(dtype)


def to_float(x):
    """Tensor ``x`` cast to floatx unless already floating or complex."""
    x = tensor(x)
    if x.is_floating_point() or x.is_complex():
        return x
    return x.to(to_backend_dtype(floatx()))


def narrowed_float(x):
    """Keras's ``result_type(x.dtype, float)``: ints become floatx, float64 float32."""
    return to_backend_dtype(result_type(dtype_name(x.dtype), float))


def weak_scalar_ok(t, s):
    """True when torch, given tensor ``t`` and Python scalar ``s`` as is, picks the dtype
    Keras gets from ``s`` as a 0-d int32 / floatx tensor."""
    kind = type(s)
    if kind is bool:
        return True
    if kind is int:
        return t.dtype != torch.bool  # torch: bool tensor + int -> int64, Keras: int32
    if kind is float:
        return t.is_floating_point() or t.is_complex() or floatx() == "float32"
    return False


_PYTHON_SCALARS = (bool, int, float)


def torch_pair(x1, x2):
    """The operands for a torch op that promotes by itself: tensors, except a Python
    scalar that torch already treats as Keras does. Use with Python operators
    (``x1 + x2``), which accept a scalar on either side."""
    scalar1, scalar2 = type(x1) in _PYTHON_SCALARS, type(x2) in _PYTHON_SCALARS
    if not scalar1:
        x1 = tensor(x1)
        if not scalar2:
            return x1, tensor(x2)
        return (x1, x2) if weak_scalar_ok(x1, x2) else (x1, tensor(x2))
    x2 = tensor(x2)
    return (x1, x2) if not scalar2 and weak_scalar_ok(x2, x1) else (tensor(x1), x2)


def tensor_pair(x1, x2):
    """Both operands as tensors; the op's own promotion (torch's) decides the dtype."""
    return tensor(x1), tensor(x2)


_WIDE = (torch.int64, torch.uint64, torch.float64, torch.complex128)


def keeps_dtype(dtype, scalar):
    """True when Keras's ``result_type(dtype, weak scalar)`` is ``dtype`` itself."""
    if dtype in _WIDE or dtype == torch.bool:
        return False
    kind = type(scalar)
    if kind is int:
        return True
    return kind is float and (dtype.is_floating_point or dtype.is_complex)


def keras_pair(x1, x2, dtype=None):
    """Both operands cast to Keras's ``result_type`` (Python scalars weak)."""
    if dtype is None:
        if isinstance(x1, torch.Tensor):
            # Fast paths: equal dtypes Keras does not narrow; a scalar that keeps x1's.
            if isinstance(x2, torch.Tensor):
                if x1.dtype == x2.dtype and x1.dtype not in _WIDE:
                    return x1, x2
            elif keeps_dtype(x1.dtype, x2):
                return x1, torch.tensor(x2, dtype=x1.dtype, device=x1.device)
        elif isinstance(x2, torch.Tensor) and keeps_dtype(x2.dtype, x1):
            return torch.tensor(x1, dtype=x2.dtype, device=x2.device), x2
        dtype = result_type(name_of(x1), name_of(x2))
    return tensor(x1, dtype), tensor(x2, dtype)


def torch_promoted(*values):
    """The dtype torch gives an op over ``values``: dimensioned tensors promote fully,
    0-d ones (Python scalars become 0-d int32 / floatx) only lift the kind."""
    tensors = [tensor(v) for v in values]
    dims = [t.dtype for t in tensors if t.ndim]
    dtype = dims[0] if dims else tensors[0].dtype
    for d in dims[1:]:
        dtype = torch.promote_types(dtype, d)
    for t in tensors:
        if not t.ndim:
            dtype = torch.result_type(torch.empty((1,), dtype=dtype, device="meta"), t)
    return dtype


def keras_pair_strong(x1, x2):
    """Like ``keras_pair`` but Python scalars first become int32 / floatx tensors
    (Keras converts before promoting in these ops)."""
    x1, x2 = tensor(x1), tensor(x2)
    dtype = to_backend_dtype(result_type(dtype_name(x1.dtype), dtype_name(x2.dtype)))
    return x1.to(dtype), x2.to(dtype)


def reduce_dims(axis):
    """Torch's ``dim`` argument for a Keras ``axis`` (None, int, list or tuple)."""
    if axis is None:
        return None
    if isinstance(axis, (list, tuple)):
        return tuple(int(a) for a in axis)
    return int(axis)
