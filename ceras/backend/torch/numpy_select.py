"""torch backend: choosing elements by condition (where, select, clip, isin)."""
import torch

from ceras.backend.torch.numpy_dtypes import keras_pair, tensor, torch_pair, torch_promoted
from ceras.backend.torch.numpy_shape import nonzero


def where(condition, x1=None, x2=None):
    condition = tensor(condition)
    if x1 is None and x2 is None:
        return nonzero(condition)
    if x1 is None or x2 is None:
        raise ValueError(
            "where: pass both x1 and x2, or neither (then the indices of the true "
            f"elements are returned); received x1={x1!r}, x2={x2!r}")
    x1, x2 = torch_pair(x1, x2)
    return torch.where(condition.to(torch.bool), x1, x2)


def select(condlist, choicelist, default=0):
    if len(condlist) != len(choicelist):
        raise ValueError(
            "select: condlist and choicelist must have the same length, received "
            f"{len(condlist)} and {len(choicelist)}")
    if not condlist:
        raise ValueError("select: condlist must not be empty")
    dtype = torch_promoted(*choicelist, default)
    choices = [tensor(c, dtype) for c in choicelist]
    conds = [tensor(c).to(torch.bool) for c in condlist]
    out = tensor(default, dtype)
    for cond, choice in zip(reversed(conds), reversed(choices)):
        out = torch.where(cond, choice, out)
    return torch.broadcast_to(out, torch.broadcast_shapes(
        *[c.shape for c in conds], *[c.shape for c in choices]))


def clip(x, x_min, x_max):
    if isinstance(x, torch.Tensor) and x.is_floating_point() and \
            type(x_min) in (int, float, type(None)) and type(x_max) in (int, float, type(None)):
        return torch.clamp(x, x_min, x_max)  # fast path: Python bounds keep a float dtype
    x = tensor(x)
    dtype = torch_promoted(x, *[v for v in (x_min, x_max) if v is not None])
    # Keras clips bool inputs as int32.
    x = x.to(torch.int32 if dtype == torch.bool else dtype)
    lo = None if x_min is None else tensor(x_min, x.dtype)
    hi = None if x_max is None else tensor(x_max, x.dtype)
    return torch.clamp(x, min=lo, max=hi)


def isin(x1, x2, assume_unique=False, invert=False):
    x1, x2 = keras_pair(x1, x2)
    if x1.dtype == torch.bool:  # torch.isin has no bool kernel
        x1, x2 = x1.to(torch.uint8), x2.to(torch.uint8)
    return torch.isin(x1, x2, assume_unique=assume_unique, invert=invert)
