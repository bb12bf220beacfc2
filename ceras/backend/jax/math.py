"""jax backend: keras.ops.math (special functions, segment reductions, top-k,
FFTs and short-time Fourier transforms)."""
import jax
import jax.numpy as jnp
import jax.scipy.special as jss
from jax import lax

from ceras.backend.common import global_state
from ceras.backend.common.config import floatx
from ceras.backend.jax.core import Tracer, convert_to_tensor, to_backend_dtype


def _float(x):
    x = convert_to_tensor(x)
    return x if jnp.issubdtype(x.dtype, jnp.floating) else x.astype(to_backend_dtype(floatx()))


def erf(x):
    return jss.erf(_float(x))


def erfc(x):
    return jss.erfc(_float(x))


def erfinv(x):
    return jss.erfinv(_float(x))


def rsqrt(x):
    return lax.rsqrt(_float(x))


def logsumexp(x, axis=None, keepdims=False):
    x = _float(x)
    return jss.logsumexp(x, axis=tuple(axis) if isinstance(axis, list) else axis,
                         keepdims=keepdims)


def logdet(x):
    sign, logabs = jnp.linalg.slogdet(_float(x))
    # torch's logdet: NaN for a negative determinant, -inf for a zero one.
    return jnp.where(sign < 0, jnp.nan, logabs)


def cdist(x, y):
    """Euclidean distances between the rows of ``x`` (..., n, d) and ``y`` (..., m, d)."""
    x, y = _float(x), _float(y)
    if x.dtype != y.dtype:
        dtype = jnp.promote_types(x.dtype, y.dtype)
        x, y = x.astype(dtype), y.astype(dtype)
    diff = x[..., :, None, :] - y[..., None, :, :]
    return jnp.sqrt(jnp.sum(jnp.square(diff), axis=-1))


# -- top-k ---------------------------------------------------------------------

def top_k(x, k, sorted=True):  # noqa: A002 - Keras's name
    """(values, indices) of the k largest entries along the last axis (always sorted;
    int64 indices, as on the torch backend)."""
    values, indices = lax.top_k(convert_to_tensor(x), int(k))
    return values, indices.astype("int64")


def in_top_k(targets, predictions, k):
    """True where the target's prediction is among the k largest (ties count as in)."""
    predictions = convert_to_tensor(predictions)
    targets = convert_to_tensor(targets).astype("int32")
    target_values = jnp.take_along_axis(predictions, targets[..., None], axis=-1)
    return jnp.sum(predictions > target_values, axis=-1) < k


# -- segment reductions -----------------------------------------------------------

_SEGMENT = {"sum": jax.ops.segment_sum, "prod": jax.ops.segment_prod,
            "max": jax.ops.segment_max, "min": jax.ops.segment_min}


def _segment(data, segment_ids, num_segments, reduce, sorted_ids):
    data = convert_to_tensor(data)
    ids = convert_to_tensor(segment_ids).astype("int32")
    if ids.ndim != 1 or ids.shape[0] != data.shape[0]:
        raise ValueError(
            "segment ops expect 1-D `segment_ids` with one id per row of `data`, received "
            f"segment_ids.shape={tuple(ids.shape)}, data.shape={tuple(data.shape)}")
    if num_segments is None:
        if isinstance(ids, Tracer) and not global_state.in_symbolic_scope():
            raise ValueError(
                "segment ops need `num_segments` inside a jitted function (the number of "
                "segments sets the output shape)")
        num_segments = int(ids.max()) + 1 if ids.size else 0
    # Ids outside [0, num_segments) are dropped.
    return _SEGMENT[reduce](data, ids, int(num_segments), indices_are_sorted=bool(sorted_ids))


def segment_sum(data, segment_ids, num_segments=None, sorted=False):  # noqa: A002
    return _segment(data, segment_ids, num_segments, "sum", sorted)


def segment_prod(data, segment_ids, num_segments=None, sorted=False):  # noqa: A002
    return _segment(data, segment_ids, num_segments, "prod", sorted)


def segment_max(data, segment_ids, num_segments=None, sorted=False):  # noqa: A002
    return _segment(data, segment_ids, num_segments, "max", sorted)


def segment_min(data, segment_ids, num_segments=None, sorted=False):  # noqa: A002
    return _segment(data, segment_ids, num_segments, "min", sorted)


# -- complex numbers and FFTs ----------------------------------------------------
# Keras passes complex values as (real, imag) pairs of float tensors.

def _complex(x, name):
    if not isinstance(x, (tuple, list)) or len(x) != 2:
        raise ValueError(
            f"`{name}` expects a tuple (real, imag) of two float tensors, received {type(x)}")
    real, imag = _float(x[0]), _float(x[1])
    if real.shape != imag.shape:
        raise ValueError(
            f"`{name}`: real and imaginary parts must have the same shape, received "
            f"{tuple(real.shape)} and {tuple(imag.shape)}")
    if imag.dtype != real.dtype:
        imag = imag.astype(real.dtype)
    return lax.complex(real, imag)


def view_as_complex(x):
    x = _float(x)
    if x.shape[-1] != 2:
        raise ValueError(
            f"`view_as_complex` expects a last axis of size 2, received shape {tuple(x.shape)}")
    return lax.complex(x[..., 0], x[..., 1])


def view_as_real(x):
    x = convert_to_tensor(x)
    if not jnp.iscomplexobj(x):
        raise ValueError(f"`view_as_real` expects a complex tensor, received {x.dtype}")
    return jnp.stack([jnp.real(x), jnp.imag(x)], axis=-1)


def fft(x):
    out = jnp.fft.fft(_complex(x, "fft"), axis=-1)
    return jnp.real(out), jnp.imag(out)


def fft2(x):
    out = jnp.fft.fft2(_complex(x, "fft2"), axes=(-2, -1))
    return jnp.real(out), jnp.imag(out)


def ifft2(x):
    out = jnp.fft.ifft2(_complex(x, "ifft2"), axes=(-2, -1))
    return jnp.real(out), jnp.imag(out)


def rfft(x, fft_length=None):
    x = _float(x)
    out = jnp.fft.rfft(x, n=fft_length, axis=-1)
    return jnp.real(out).astype(x.dtype), jnp.imag(out).astype(x.dtype)


def irfft(x, fft_length=None):
    c = _complex(x, "irfft")
    return jnp.fft.irfft(c, n=fft_length, axis=-1).astype(jnp.real(c).dtype)


def extract_sequences(x, sequence_length, sequence_stride):
    """Frames of ``sequence_length`` along the last axis, every ``sequence_stride``."""
    x = convert_to_tensor(x)
    length, stride = int(sequence_length), int(sequence_stride)
    count = (x.shape[-1] - length) // stride + 1
    index = jnp.arange(count)[:, None] * stride + jnp.arange(length)[None, :]
    return x[..., index]


def _window(window, sequence_length, fft_length, dtype):
    """The analysis window, zero-padded on both sides (extra zero at the end) to
    ``fft_length``; None means no window."""
    if window is None:
        return None
    if isinstance(window, str):
        if window not in ("hann", "hamming"):
            raise ValueError(
                f"`window` must be 'hann', 'hamming', a tensor or None, received {window!r}")
        # Keras uses periodic windows (scipy's get_window default).
        n = jnp.arange(sequence_length, dtype="float64")
        alpha = 0.5 if window == "hann" else 0.54
        win = (alpha - (1 - alpha) * jnp.cos(2 * jnp.pi * n / sequence_length)).astype(dtype)
    else:
        win = convert_to_tensor(window).astype(dtype)
        if win.shape != (sequence_length,):
            raise ValueError(
                f"`window` must have shape ({sequence_length},), received {tuple(win.shape)}")
    left = (fft_length - sequence_length) // 2
    return jnp.pad(win, (left, fft_length - sequence_length - left))


def stft(x, sequence_length, sequence_stride, fft_length, window="hann", center=True):
    x = _float(x)
    if sequence_length > fft_length:
        raise ValueError(
            f"`stft`: sequence_length ({sequence_length}) must be <= fft_length ({fft_length})")
    win = _window(window, sequence_length, fft_length, x.dtype)
    if win is None:
        left = (fft_length - sequence_length) // 2
        win = jnp.pad(jnp.ones(sequence_length, x.dtype),
                      (left, fft_length - sequence_length - left))
    if center:
        pad = [(0, 0)] * (x.ndim - 1) + [(fft_length // 2, fft_length // 2)]
        x = jnp.pad(x, pad, mode="reflect")
    frames = extract_sequences(x, fft_length, sequence_stride) * win
    out = jnp.fft.rfft(frames, n=fft_length, axis=-1)
    return jnp.real(out).astype(x.dtype), jnp.imag(out).astype(x.dtype)


def istft(x, sequence_length, sequence_stride, fft_length, length=None, window="hann",
          center=True):
    """Inverse of ``stft``: each frame is windowed with the analysis window divided by
    the overlapping sum of squared windows (TF's inverse_stft_window_fn), then
    overlap-added. ``window=None`` overlap-adds the raw frames."""
    c = _complex(x, "istft")
    frames = jnp.fft.irfft(c, n=fft_length, axis=-1).astype(jnp.real(c).dtype)
    win = _window(window, sequence_length, fft_length, frames.dtype)
    if win is not None:
        hops = -(-fft_length // sequence_stride)
        squares = jnp.pad(jnp.square(win), (0, hops * sequence_stride - fft_length))
        denominator = jnp.tile(squares.reshape(hops, sequence_stride).sum(0), hops)[:fft_length]
        frames = frames * (win / denominator)
    num_frames = frames.shape[-2]
    total = (num_frames - 1) * sequence_stride + fft_length
    index = (jnp.arange(num_frames)[:, None] * sequence_stride +
             jnp.arange(fft_length)[None, :]).reshape(-1)
    lead = frames.shape[:-2]
    signal = jnp.zeros(lead + (total,), frames.dtype).at[..., index].add(
        frames.reshape(lead + (-1,)))
    start = fft_length // 2 if center else 0
    if length is not None:
        return signal[..., start:start + length]
    return signal[..., start:total - start]
