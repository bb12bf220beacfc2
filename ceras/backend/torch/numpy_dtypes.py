"""Conversion and dtype promotion shared by the torch NumPy-like ops.

Keras's torch backend is not uniform about promotion, so the ops here pick one of
three rules, each matching what ``keras.ops`` returns for that op:

- ``torch_pair``: both operands become tensors (Python ints int32, floats floatx,
  0-d) and torch promotes them. 64-bit inputs stay 64-bit; a 0-d tensor gives way
  to a dimensioned one of the same kind.
- ``keras_pair``: Keras's lattice (``result_type``) over the operands, Python
  scalars weak; 64-bit results narrow to 32 bits.
- ``float_dtype``: integer and bool inputs of float-valued ops become floatx.
"""
import torch

from ceras.backend.common.config import floatx
from ceras.backend.common.dtypes import result_type, standardize_dtype
from ceras.backend.torch.core import convert_to_tensor, dtype_name, to_backend_dtype

_FLOATS = (torch.float16, torch.bfloat16, torch.float32, torch.float64)


def tensor(x, dtype=None):
    """``x`` as a torch tensor (optionally of ``dtype``, a name or torch dtype)."""
    return convert_to_tensor(x, dtype)


def name_of(x):
    """The dtype name of a tensor, or the weak Python type of a scalar."""
    if isinstance(x, torch.Tensor):
        return dtype_name(x.dtype)
    if isinstance(x, (bool, int, float, complex)):
        return type(x)
    dtype = getattr(x, "dtype", None)
    return standardize_dtype(dtype) if dtype is not None else dtype_name(tensor(x).dtype)


def torch_dtype(dtype):
    return None if dtype is None else to_backend_dtype(dtype)


def is_float_tensor(x):
    return x.dtype in _FLOATS


def float_dtype(x):
    """The torch dtype a float-valued op returns for tensor ``x``: its own when it is
    floating (or complex), else floatx."""
    if x.is_floating_point() or x.is_complex():
        return x.dtype
    return to_backend_dtype(floatx())


def to_float(x):
    """Tensor ``x`` cast to floatx unless already floating or complex."""
    x = tensor(x)
    if x.is_floating_point() or x.is_complex():
        return x
    return x.to(to_backend_dtype(floatx()))


def narrowed_float(x):
    """Keras's ``result_type(x.dtype, float)``: ints become floatx, float64 float32."""
    return to_backend_dtype(result_type(dtype_name(x.dtype), float))


def torch_pair(x1, x2):
    """Both operands as tensors; the op's own promotion (torch's) decides the dtype."""
    return tensor(x1), tensor(x2)


def keras_pair(x1, x2, dtype=None):
    """Both operands cast to Keras's ``result_type`` (Python scalars weak)."""
    if dtype is None:
        dtype = result_type(name_of(x1), name_of(x2))
    return tensor(x1, dtype), tensor(x2, dtype)


def keras_pair_strong(x1, x2):
    """Like ``keras_pair`` but Python scalars first become int32 / floatx tensors
    (Keras converts before promoting in these ops)."""
    x1, x2 = tensor(x1), tensor(x2)
    dtype = to_backend_dtype(result_type(dtype_name(x1.dtype), dtype_name(x2.dtype)))
    return x1.to(dtype), x2.to(dtype)


def canonical_axis(axis, ndim):
    if axis is None:
        return None
    if isinstance(axis, (list, tuple)):
        return tuple(a % ndim if ndim else a for a in axis)
    return axis % ndim if ndim else axis


def reduce_dims(axis):
    """Torch's ``dim`` argument for a Keras ``axis`` (None, int, list or tuple)."""
    if axis is None:
        return None
    if isinstance(axis, (list, tuple)):
        return tuple(int(a) for a in axis)
    return int(axis)
