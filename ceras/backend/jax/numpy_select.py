"""jax backend: choosing elements by condition (where, select, clip, isin)."""
import jax
import jax.numpy as jnp

from ceras.backend.jax.numpy_dtypes import _BOOL, is_float, keras_pair, pair, promoted, tensor
from ceras.backend.jax.numpy_shape import nonzero


def where(condition, x1=None, x2=None):
    condition = tensor(condition)
    if x1 is None and x2 is None:
        return nonzero(condition)
    if x1 is None or x2 is None:
        raise ValueError(
            "where: pass both x1 and x2, or neither (then the indices of the true "
            f"elements are returned); received x1={x1!r}, x2={x2!r}")
    x1, x2 = pair(x1, x2)
    return jnp.where(condition.astype(_BOOL), x1, x2)


def select(condlist, choicelist, default=0):
    if len(condlist) != len(choicelist):
        raise ValueError(
            "select: condlist and choicelist must have the same length, received "
            f"{len(condlist)} and {len(choicelist)}")
    if not condlist:
        raise ValueError("select: condlist must not be empty")
    dtype = promoted(*choicelist, default)
    choices = [tensor(c, dtype) for c in choicelist]
    conds = [tensor(c).astype(_BOOL) for c in condlist]
    out = tensor(default, dtype)
    for cond, choice in zip(reversed(conds), reversed(choices)):
        out = jnp.where(cond, choice, out)
    return jnp.broadcast_to(out, jnp.broadcast_shapes(
        *[c.shape for c in conds], *[c.shape for c in choices]))


def clip(x, x_min, x_max):
    if isinstance(x, jax.Array) and is_float(x) and \
            type(x_min) in (int, float, type(None)) and type(x_max) in (int, float, type(None)):
        return jnp.clip(x, x_min, x_max)  # fast path: Python bounds keep a float dtype
    x = tensor(x)
    dtype = promoted(x, *[v for v in (x_min, x_max) if v is not None])
    # Keras clips bool inputs as int32.
    x = x.astype("int32" if dtype == _BOOL else dtype)
    lo = None if x_min is None else tensor(x_min, x.dtype)
    hi = None if x_max is None else tensor(x_max, x.dtype)
    return jnp.clip(x, lo, hi)


def isin(x1, x2, assume_unique=False, invert=False):
    x1, x2 = keras_pair(x1, x2)
    return jnp.isin(x1, x2, assume_unique=assume_unique, invert=invert)
