"""torch backend: keras.ops.math (special functions, segment reductions, top-k,
FFTs and short-time Fourier transforms)."""
import torch
import torch.nn.functional as F
from torch._subclasses.fake_tensor import is_fake

from ceras.backend.common.config import floatx
from ceras.backend.torch.core import convert_to_tensor, to_backend_dtype


def _float(x):
    x = convert_to_tensor(x)
    return x if x.is_floating_point() else x.to(to_backend_dtype(floatx()))


def erf(x):
    return torch.special.erf(_float(x))


def erfc(x):
    return torch.special.erfc(_float(x))


def erfinv(x):
    return torch.special.erfinv(_float(x))


def rsqrt(x):
    return torch.rsqrt(_float(x))


def logsumexp(x, axis=None, keepdims=False):
    x = _float(x)
    if axis is None:
        axis = tuple(range(x.ndim))
    return torch.logsumexp(x, dim=axis, keepdim=keepdims)


def logdet(x):
    return torch.logdet(_float(x))


def cdist(x, y):
    """Euclidean distances between the rows of ``x`` (..., n, d) and ``y`` (..., m, d)."""
    x, y = _float(x), _float(y)
    if x.dtype != y.dtype:
        dtype = torch.promote_types(x.dtype, y.dtype)
        x, y = x.to(dtype), y.to(dtype)
    return torch.cdist(x, y)


# -- top-k ---------------------------------------------------------------------

def top_k(x, k, sorted=True):  # noqa: A002 - Keras's name
    return torch.topk(convert_to_tensor(x), int(k), dim=-1, sorted=sorted)


def in_top_k(targets, predictions, k):
    """True where the target's prediction is among the k largest (ties count as in)."""
    predictions = convert_to_tensor(predictions)
    targets = convert_to_tensor(targets).long()
    target_values = predictions.gather(-1, targets[..., None])
    return (predictions > target_values).sum(-1) < k


# -- segment reductions -----------------------------------------------------------

def _segment(data, segment_ids, num_segments, reduce):
    data = convert_to_tensor(data)
    ids = convert_to_tensor(segment_ids).long().to(data.device)
    if num_segments is None:
        # Symbolically the count is an unknown size (a None dim), read from the values.
        num_segments = ids.max().item() + 1 if is_fake(ids) else (
            int(ids.max()) + 1 if ids.numel() else 0)
    elif not is_fake(ids):
        num_segments = int(num_segments)
    if ids.ndim != 1 or ids.shape[0] != data.shape[0]:
        raise ValueError(
            "segment ops expect 1-D `segment_ids` with one id per row of `data`, received "
            f"segment_ids.shape={tuple(ids.shape)}, data.shape={tuple(data.shape)}")
    # Ids outside [0, num_segments) go to one extra segment that is dropped at the end
    # (static shapes: no boolean indexing, no device sync).
    keep = (ids >= 0) & (ids < num_segments)
    ids = torch.where(keep, ids, num_segments)
    out_shape = (num_segments + 1,) + tuple(data.shape[1:])
    if reduce == "sum":
        out = torch.zeros(out_shape, dtype=data.dtype, device=data.device)
        return out.index_add_(0, ids, data)[:num_segments]
    fill = {"prod": 1, "amax": _lowest(data.dtype), "amin": _highest(data.dtype)}[reduce]
    out = torch.full(out_shape, fill, dtype=data.dtype, device=data.device)
    return out.index_reduce_(0, ids, data, reduce, include_self=False)[:num_segments]


def _lowest(dtype):
    if dtype.is_floating_point:
        return float("-inf")
    return False if dtype == torch.bool else torch.iinfo(dtype).min


def _highest(dtype):
    if dtype.is_floating_point:
        return float("inf")
    return True if dtype == torch.bool else torch.iinfo(dtype).max


def segment_sum(data, segment_ids, num_segments=None, sorted=False):  # noqa: A002
    return _segment(data, segment_ids, num_segments, "sum")


def segment_prod(data, segment_ids, num_segments=None, sorted=False):  # noqa: A002
    return _segment(data, segment_ids, num_segments, "prod")


def segment_max(data, segment_ids, num_segments=None, sorted=False):  # noqa: A002
    return _segment(data, segment_ids, num_segments, "amax")


def segment_min(data, segment_ids, num_segments=None, sorted=False):  # noqa: A002
    return _segment(data, segment_ids, num_segments, "amin")


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
        imag = imag.to(real.dtype)
    return torch.complex(real, imag)


def view_as_complex(x):
    x = _float(x)
    if x.shape[-1] != 2:
        raise ValueError(
            f"`view_as_complex` expects a last axis of size 2, received shape {tuple(x.shape)}")
    return torch.view_as_complex(x.contiguous())


def view_as_real(x):
    x = convert_to_tensor(x)
    if not x.is_complex():
        raise ValueError(f"`view_as_real` expects a complex tensor, received {x.dtype}")
    return torch.view_as_real(x)


def fft(x):
    out = torch.fft.fft(_complex(x, "fft"), dim=-1)
    return out.real, out.imag


def fft2(x):
    out = torch.fft.fft2(_complex(x, "fft2"), dim=(-2, -1))
    return out.real, out.imag


def ifft2(x):
    out = torch.fft.ifft2(_complex(x, "ifft2"), dim=(-2, -1))
    return out.real, out.imag


def rfft(x, fft_length=None):
    out = torch.fft.rfft(_float(x), n=fft_length, dim=-1)
    return out.real, out.imag


def irfft(x, fft_length=None):
    return torch.fft.irfft(_complex(x, "irfft"), n=fft_length, dim=-1)


def extract_sequences(x, sequence_length, sequence_stride):
    """Frames of ``sequence_length`` along the last axis, every ``sequence_stride``."""
    return convert_to_tensor(x).unfold(-1, int(sequence_length), int(sequence_stride))


def _window(window, sequence_length, fft_length, dtype, device):
    """The analysis window, zero-padded on both sides (extra zero at the end) to
    ``fft_length``; None means no window."""
    if window is None:
        return None
    if isinstance(window, str):
        makers = {"hann": torch.hann_window, "hamming": torch.hamming_window}
        if window not in makers:
            raise ValueError(
                f"`window` must be 'hann', 'hamming', a tensor or None, received {window!r}")
        # Keras uses periodic windows (scipy's get_window default).
        win = makers[window](sequence_length, periodic=True, dtype=dtype, device=device)
    else:
        win = convert_to_tensor(window).to(dtype)
        if win.shape != (sequence_length,):
            raise ValueError(
                f"`window` must have shape ({sequence_length},), received {tuple(win.shape)}")
    left = (fft_length - sequence_length) // 2
    return F.pad(win, (left, fft_length - sequence_length - left))


def stft(x, sequence_length, sequence_stride, fft_length, window="hann", center=True):
    x = _float(x)
    if sequence_length > fft_length:
        raise ValueError(
            f"`stft`: sequence_length ({sequence_length}) must be <= fft_length ({fft_length})")
    win = _window(window, sequence_length, fft_length, x.dtype, x.device)
    if win is None:
        win = F.pad(torch.ones(sequence_length, dtype=x.dtype, device=x.device),
                    ((fft_length - sequence_length) // 2,
                     fft_length - sequence_length - (fft_length - sequence_length) // 2))
    lead = x.shape[:-1]
    out = torch.stft(x.reshape(-1, x.shape[-1]), n_fft=fft_length, hop_length=sequence_stride,
                     window=win, center=center, pad_mode="reflect", return_complex=True)
    out = out.transpose(-1, -2).reshape(*lead, out.shape[-1], out.shape[-2])
    return out.real, out.imag


def istft(x, sequence_length, sequence_stride, fft_length, length=None, window="hann",
          center=True):
    """Inverse of ``stft``: each frame is windowed with the analysis window divided by
    the overlapping sum of squared windows (TF's inverse_stft_window_fn), then
    overlap-added. ``window=None`` overlap-adds the raw frames."""
    frames = torch.fft.irfft(_complex(x, "istft"), n=fft_length, dim=-1)
    win = _window(window, sequence_length, fft_length, frames.dtype, frames.device)
    if win is not None:
        hops = -(-fft_length // sequence_stride)
        squares = F.pad(win.square(), (0, hops * sequence_stride - fft_length))
        denominator = squares.reshape(hops, sequence_stride).sum(0).repeat(hops)[:fft_length]
        frames = frames * (win / denominator)
    lead, num_frames = frames.shape[:-2], frames.shape[-2]
    total = (num_frames - 1) * sequence_stride + fft_length
    signal = F.fold(frames.reshape(-1, num_frames, fft_length).transpose(1, 2),
                    output_size=(1, total), kernel_size=(1, fft_length),
                    stride=(1, sequence_stride)).reshape(*lead, total)
    start = fft_length // 2 if center else 0
    if length is not None:
        return signal[..., start:start + length]
    return signal[..., start:total - start]
