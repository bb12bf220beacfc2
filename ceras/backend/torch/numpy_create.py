"""torch backend: ops that create tensors (zeros, full, arange, eye, linspace, windows)."""
import torch

from ceras.backend.common.config import floatx
from ceras.backend.common.dtypes import result_type
from ceras.backend.torch import core
from ceras.backend.torch.core import convert_to_tensor, to_backend_dtype
from ceras.backend.torch.numpy_dtypes import name_of, tensor


def _shape(shape):
    if isinstance(shape, int):
        return (shape,)
    return tuple(int(d) for d in shape)


def _device():
    return core._DEVICE  # read at call time: device_scope rebinds it


def _dtype(dtype):
    return to_backend_dtype(dtype if dtype is not None else floatx())


def zeros(shape, dtype=None):
    return torch.zeros(_shape(shape), dtype=_dtype(dtype), device=_device())


def ones(shape, dtype=None):
    return torch.ones(_shape(shape), dtype=_dtype(dtype), device=_device())


def empty(shape, dtype=None):
    return torch.empty(_shape(shape), dtype=_dtype(dtype), device=_device())


def full(shape, fill_value, dtype=None):
    fill = tensor(fill_value, _dtype(dtype))  # Keras: floatx unless a dtype is given
    return torch.broadcast_to(fill, _shape(shape)).to(_device()).clone()


def _like(fn, x, dtype):
    x = tensor(x)
    return fn(x, dtype=to_backend_dtype(dtype) if dtype is not None else x.dtype)


def zeros_like(x, dtype=None):
    return _like(torch.zeros_like, x, dtype)


def ones_like(x, dtype=None):
    return _like(torch.ones_like, x, dtype)


def empty_like(x, dtype=None):
    return _like(torch.empty_like, x, dtype)


def full_like(x, fill_value, dtype=None):
    x = tensor(x)
    dtype = to_backend_dtype(dtype) if dtype is not None else x.dtype
    fill = tensor(fill_value, dtype)
    return torch.broadcast_to(fill, x.shape).to(x.device).clone()


def array(x, dtype=None):
    return convert_to_tensor(x, dtype)


def arange(start, stop=None, step=None, dtype=None):
    if stop is None:
        start, stop = 0, start
    if step is None:
        step = 1
    if dtype is None:
        dtype = result_type(*[name_of(v) for v in (start, stop, step)])
    values = [v.item() if isinstance(v, torch.Tensor) else v for v in (start, stop, step)]
    return torch.arange(*values, dtype=to_backend_dtype(dtype), device=_device())


def _grid(n, m):
    rows = torch.arange(n, device=_device()).reshape(-1, 1)
    cols = torch.arange(m, device=_device()).reshape(1, -1)
    return cols - rows


def eye(N, M=None, k=0, dtype=None):
    M = N if M is None else M
    return (_grid(int(N), int(M)) == int(k)).to(_dtype(dtype))


def identity(n, dtype=None):
    return eye(n, dtype=dtype)


def tri(N, M=None, k=0, dtype=None):
    M = N if M is None else M
    return (_grid(int(N), int(M)) <= int(k)).to(_dtype(dtype))


def _space_dtype(start, stop, dtype):
    if dtype is not None:
        return to_backend_dtype(dtype)
    return to_backend_dtype(result_type(name_of(start), name_of(stop), float))


def _linear_samples(start, stop, num, endpoint, compute):
    start = tensor(start, compute)
    stop = tensor(stop, compute)
    start, stop = torch.broadcast_tensors(start, stop)
    div = (num - 1) if endpoint else num
    step = (stop - start) / div if div > 0 else torch.full_like(start, float("nan"))
    steps = torch.arange(num, dtype=compute, device=start.device).reshape(
        (-1,) + (1,) * start.ndim)
    samples = start + steps * step if div > 0 else start + steps * (stop - start)
    if endpoint and num > 1:
        samples[-1] = stop
    return samples, step


def linspace(start, stop, num=50, endpoint=True, retstep=False, dtype=None, axis=0):
    out_dtype = _space_dtype(start, stop, dtype)
    compute = torch.float64 if not out_dtype.is_floating_point else out_dtype
    samples, step = _linear_samples(start, stop, int(num), endpoint, compute)
    samples = torch.movedim(samples, 0, axis) if samples.ndim > 1 else samples
    if not out_dtype.is_floating_point:
        samples = torch.floor(samples)
    samples = samples.to(out_dtype)
    if retstep:
        return samples, step.to(out_dtype) if step.ndim else step.to(out_dtype)
    return samples


def logspace(start, stop, num=50, endpoint=True, base=10, dtype=None, axis=0):
    out_dtype = _space_dtype(start, stop, dtype)
    exps, _ = _linear_samples(start, stop, int(num), endpoint, torch.float64)
    samples = torch.pow(torch.as_tensor(float(base), dtype=torch.float64), exps)
    samples = torch.movedim(samples, 0, axis) if samples.ndim > 1 else samples
    return samples.to(out_dtype)


def geomspace(start, stop, num=50, endpoint=True, dtype=None, axis=0):
    out_dtype = _space_dtype(start, stop, dtype)
    start64 = tensor(start, torch.float64)
    stop64 = tensor(stop, torch.float64)
    if bool(torch.any(start64 == 0)) or bool(torch.any(stop64 == 0)):
        raise ValueError("geomspace: start and stop must be non-zero, received a zero")
    sign = torch.sign(start64)
    exps, _ = _linear_samples(torch.log(torch.abs(start64)), torch.log(torch.abs(stop64)),
                              int(num), endpoint, torch.float64)
    samples = sign * torch.exp(exps)
    if int(num) > 0:
        samples[0] = start64
        if endpoint and int(num) > 1:
            samples[-1] = stop64
    samples = torch.movedim(samples, 0, axis) if samples.ndim > 1 else samples
    return samples.to(out_dtype)


def meshgrid(*x, indexing="xy"):
    if indexing not in ("xy", "ij"):
        raise ValueError(f"meshgrid: indexing must be 'xy' or 'ij', received {indexing!r}")
    return list(torch.meshgrid(*[tensor(v) for v in x], indexing=indexing))


# -- windows (symmetric, as NumPy's) -------------------------------------------------


def _window(fn, x, **kwargs):
    m = int(tensor(x).item()) if not isinstance(x, int) else x
    if m <= 0:
        return torch.zeros((0,), dtype=_dtype(None), device=_device())
    if m == 1:
        return torch.ones((1,), dtype=_dtype(None), device=_device())
    return fn(m, periodic=False, dtype=torch.float64, device=_device(), **kwargs).to(
        _dtype(None))


def bartlett(x):
    return _window(torch.bartlett_window, x)


def blackman(x):
    return _window(torch.blackman_window, x)


def hamming(x):
    return _window(torch.hamming_window, x)


def hanning(x):
    return _window(torch.hann_window, x)


def kaiser(x, beta):
    return _window(torch.kaiser_window, x, beta=float(beta))

