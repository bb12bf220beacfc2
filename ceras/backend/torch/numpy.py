"""torch backend: the NumPy-like ops (keras.ops.numpy), with Keras's signatures,
defaults and dtype promotion."""
import torch

from ceras.backend.common.dtypes import result_type
from ceras.backend.torch.core import convert_to_tensor, dtype_name, to_backend_dtype


def _promote(x1, x2):
    dtype = result_type(x1, x2)
    return convert_to_tensor(x1, dtype), convert_to_tensor(x2, dtype)


def add(x1, x2):
    x1, x2 = _promote(x1, x2)
    return torch.add(x1, x2)


def subtract(x1, x2):
    x1, x2 = _promote(x1, x2)
    return torch.subtract(x1, x2)


def multiply(x1, x2):
    x1, x2 = _promote(x1, x2)
    return torch.multiply(x1, x2)


def matmul(x1, x2):
    x1, x2 = _promote(x1, x2)
    return torch.matmul(x1, x2)


def reshape(x, newshape):
    if isinstance(newshape, int):
        newshape = (newshape,)
    return torch.reshape(convert_to_tensor(x), tuple(-1 if d is None else d for d in newshape))


def transpose(x, axes=None):
    x = convert_to_tensor(x)
    if axes is None:
        axes = tuple(range(x.ndim - 1, -1, -1))
    return x.permute(*axes)


def zeros(shape, dtype=None):
    return torch.zeros(tuple(shape) if not isinstance(shape, int) else (shape,),
                       dtype=to_backend_dtype(dtype))


def ones(shape, dtype=None):
    return torch.ones(tuple(shape) if not isinstance(shape, int) else (shape,),
                      dtype=to_backend_dtype(dtype))
