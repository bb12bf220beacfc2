"""jax backend: ops that create arrays (zeros, full, arange, eye, linspace, windows)."""
import jax
import jax.numpy as jnp
import numpy as np

from ceras.backend.common.config import floatx
from ceras.backend.common.dtypes import result_type
from ceras.backend.jax.core import Tracer, convert_to_tensor, to_backend_dtype
from ceras.backend.jax.numpy_dtypes import name_of, tensor


def _shape(shape):
    if isinstance(shape, int):
        return (shape,)
    return tuple(int(d) for d in shape)


def _dtype(dtype):
    return to_backend_dtype(dtype if dtype is not None else floatx())


def zeros(shape, dtype=None):
    return jnp.zeros(_shape(shape), dtype=_dtype(dtype))


def ones(shape, dtype=None):
    return jnp.ones(_shape(shape), dtype=_dtype(dtype))


def empty(shape, dtype=None):
    return jnp.zeros(_shape(shape), dtype=_dtype(dtype))


def full(shape, fill_value, dtype=None):
    fill = tensor(fill_value, _dtype(dtype))  # Keras: floatx unless a dtype is given
    return jnp.broadcast_to(fill, _shape(shape))


def _like(fn, x, dtype):
    x = tensor(x)
    return fn(x, dtype=to_backend_dtype(dtype) if dtype is not None else x.dtype)


def zeros_like(x, dtype=None):
    return _like(jnp.zeros_like, x, dtype)


def ones_like(x, dtype=None):
    return _like(jnp.ones_like, x, dtype)


def empty_like(x, dtype=None):
    return _like(jnp.zeros_like, x, dtype)


def full_like(x, fill_value, dtype=None):
    x = tensor(x)
    dtype = to_backend_dtype(dtype) if dtype is not None else x.dtype
    return jnp.broadcast_to(tensor(fill_value, dtype), x.shape)


def array(x, dtype=None):
    return convert_to_tensor(x, dtype)


def _scalar(v):
    return v.item() if isinstance(v, (jax.Array, np.ndarray, np.generic)) and \
        not isinstance(v, Tracer) else v


def arange(start, stop=None, step=None, dtype=None):
    if stop is None:
        start, stop = 0, start
    if step is None:
        step = 1
    if dtype is None:
        dtype = result_type(*[name_of(v) for v in (start, stop, step)])
    start, stop, step = (_scalar(v) for v in (start, stop, step))
    return jnp.arange(start, stop, step, dtype=to_backend_dtype(dtype))


def eye(N, M=None, k=0, dtype=None):
    return jnp.eye(int(N), None if M is None else int(M), k=int(k), dtype=_dtype(dtype))


def identity(n, dtype=None):
    return eye(n, dtype=dtype)


def tri(N, M=None, k=0, dtype=None):
    return jnp.tri(int(N), None if M is None else int(M), k=int(k), dtype=_dtype(dtype))


def _space_dtype(start, stop, dtype):
    if dtype is not None:
        return to_backend_dtype(dtype)
    return to_backend_dtype(result_type(name_of(start), name_of(stop), float))


def linspace(start, stop, num=50, endpoint=True, retstep=False, dtype=None, axis=0):
    out_dtype = _space_dtype(start, stop, dtype)
    compute = out_dtype if jnp.issubdtype(out_dtype, jnp.floating) else jnp.float64
    out = jnp.linspace(tensor(start, compute), tensor(stop, compute), int(num),
                       endpoint=endpoint, retstep=retstep, dtype=compute, axis=axis)
    if retstep:
        samples, step = out
        if not jnp.issubdtype(out_dtype, jnp.floating):
            samples = jnp.floor(samples)
        return samples.astype(out_dtype), jnp.asarray(step).astype(out_dtype)
    if not jnp.issubdtype(out_dtype, jnp.floating):
        out = jnp.floor(out)
    return out.astype(out_dtype)


def logspace(start, stop, num=50, endpoint=True, base=10, dtype=None, axis=0):
    out_dtype = _space_dtype(start, stop, dtype)
    out = jnp.logspace(tensor(start, "float64"), tensor(stop, "float64"), int(num),
                       endpoint=endpoint, base=float(base), dtype=jnp.float64, axis=axis)
    return out.astype(out_dtype)


def geomspace(start, stop, num=50, endpoint=True, dtype=None, axis=0):
    out_dtype = _space_dtype(start, stop, dtype)
    start64, stop64 = tensor(start, "float64"), tensor(stop, "float64")
    if not isinstance(start64, Tracer) and not isinstance(stop64, Tracer) and \
            (bool(jnp.any(start64 == 0)) or bool(jnp.any(stop64 == 0))):
        raise ValueError("geomspace: start and stop must be non-zero, received a zero")
    out = jnp.geomspace(start64, stop64, int(num), endpoint=endpoint, dtype=jnp.float64,
                        axis=axis)
    return out.astype(out_dtype)


def meshgrid(*x, indexing="xy"):
    if indexing not in ("xy", "ij"):
        raise ValueError(f"meshgrid: indexing must be 'xy' or 'ij', received {indexing!r}")
    return list(jnp.meshgrid(*[tensor(v) for v in x], indexing=indexing))


# -- windows (symmetric, as NumPy's) -------------------------------------------------


def _window(fn, x, *args):
    m = int(x)
    return jnp.asarray(fn(m, *args), dtype=_dtype(None)) if m > 0 else \
        jnp.zeros((0,), _dtype(None))


def bartlett(x):
    return _window(np.bartlett, x)


def blackman(x):
    return _window(np.blackman, x)


def hamming(x):
    return _window(np.hamming, x)


def hanning(x):
    return _window(np.hanning, x)


def kaiser(x, beta):
    return _window(np.kaiser, x, float(beta))
