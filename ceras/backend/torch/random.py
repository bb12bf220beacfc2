"""torch backend: random ops (keras.random), driven by ``seed``.

``seed`` is an int (the same numbers on every call), None (the global stream:
different numbers on every call, reproducible after ``set_seed``) or a
SeedGenerator (different numbers on every call, reproducible from its state).

Every draw turns the seed into one pair of Python ints ``(seed, counter)``,
mixes it into a 64-bit value and re-seeds a cached ``torch.Generator`` with
it: that costs about a microsecond, needs no device sync, and makes each draw
depend only on the pair, so a SeedGenerator restored from its saved state
continues exactly where the saved one would have.
"""
import itertools
import math
import numbers
import random as _py_random
import threading

import numpy as np
import torch

from ceras.backend.common import global_state
from ceras.backend.common.config import floatx
from ceras.backend.common.dtypes import is_float, is_int, standardize_dtype
from ceras.backend.torch import core
from ceras.backend.torch.core import convert_to_tensor, to_backend_dtype

SEED_STATE_DTYPE = "int32"
_MASK64 = (1 << 64) - 1
# The normal's mass within two standard deviations: erf(2 / sqrt(2)).
_TRUNCATION_MASS = math.erf(math.sqrt(2.0))


# -- seeds ----------------------------------------------------------------------

def make_default_seed():
    """A fresh seed for an unseeded SeedGenerator or initializer. It comes from
    Python's ``random`` so that ``set_random_seed`` makes it reproducible."""
    return _py_random.randint(1, 10**9)


def fold_seed(seed):
    """``seed`` wrapped into the signed int32 range the seed state is stored in."""
    seed = int(seed) & 0xFFFFFFFF
    return seed - (1 << 32) if seed >= (1 << 31) else seed


def _mix(seed, counter):
    # splitmix64 finalizer: nearby (seed, counter) pairs give unrelated streams,
    # and the low 32 bits (all that torch's CPU mt19937 uses) depend on both.
    z = (seed * 0x9E3779B97F4A7C15 + counter * 0xD1B54A32D192ED03 + 0x632BE59BD9B4E019) & _MASK64
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _MASK64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK64
    return z ^ (z >> 31)


class _GlobalStream:
    """The stream behind ``seed=None``: a Python (seed, counter) pair. It is
    never saved, so it needs no Variable; ``set_seed`` restarts it."""

    def __init__(self, seed):
        self.reset(seed)

    def reset(self, seed):
        self.seed = fold_seed(seed)
        self._counter = itertools.count()  # next() is atomic under the GIL

    def advance(self):
        return self.seed, next(self._counter)


_GLOBAL = _GlobalStream(make_default_seed())


def set_seed(seed):
    """Seed torch's own generators and restart the ``seed=None`` stream."""
    torch.manual_seed(int(seed) & _MASK64)
    _GLOBAL.reset(seed)


class SeedState:
    """Python-side mirror of a SeedGenerator's state Variable ``[seed, counter]``.

    ``advance`` returns the current pair and adds 1 to the counter in place (no
    sync, no graph). A write from elsewhere (``assign``, ``load_state_dict``)
    bumps the tensor's version, and the mirror re-reads the Variable once.
    """

    def __init__(self, variable):
        self.variable = variable
        self._sync()

    def _sync(self):
        value = self.variable.value
        self.seed, self.counter = (int(v) for v in value.tolist())
        self._tensor = value
        self._version = value._version

    def advance(self):
        value = self.variable.value
        if value is not self._tensor or value._version != self._version:
            self._sync()
        pair = (self.seed, self.counter)
        if not global_state.in_symbolic_scope():  # shape inference changes no state
            value.add_(_increment(value.device))
            self.counter += 1
            self._version = value._version
        return pair


_INCREMENTS = {}


def _increment(device):
    inc = _INCREMENTS.get(device)
    if inc is None:
        inc = _INCREMENTS[device] = torch.tensor([0, 1], dtype=torch.int32, device=device)
    return inc


_LOCAL = threading.local()


def _generator(seed, device=None):
    """A torch.Generator on ``device``, seeded for this draw."""
    if seed is None:
        pair = _GLOBAL.advance()
    elif isinstance(seed, int) and not isinstance(seed, bool):
        pair = (seed, 0)
    elif isinstance(seed, numbers.Integral) and not isinstance(seed, (bool, np.bool_)):
        pair = (int(seed), 0)  # NumPy integers
    else:
        state = getattr(seed, "_seed_state", None)
        if state is None:
            raise ValueError(
                "Argument `seed` must be either an integer or an instance of "
                f"`SeedGenerator`. Received: seed={seed!r} (of type {type(seed)})"
            )
        pair = state.advance()
    device = core._DEVICE if device is None else device
    cache = getattr(_LOCAL, "generators", None)
    if cache is None:
        cache = _LOCAL.generators = {}
    gen = cache.get(device)
    if gen is None:
        gen = cache[device] = torch.Generator(device=device)
    gen.manual_seed(_mix(*pair))
    return gen


# -- helpers --------------------------------------------------------------------

def _shape(shape):
    if isinstance(shape, int):
        return (shape,)
    return tuple(int(d) for d in shape)


def _float_dtype(dtype, op):
    dtype = standardize_dtype(dtype or floatx())
    if not is_float(dtype):
        raise ValueError(
            f"`keras.random.{op}` requires a floating point `dtype`. Received: dtype={dtype}"
        )
    return dtype


def _is_number(x):
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def _affine(x, scale, shift, dtype):
    """``x * scale + shift`` with scalars or tensors, in ``dtype``."""
    if _is_number(scale) and _is_number(shift):
        return x.mul_(scale).add_(shift) if (scale != 1 or shift != 0) else x
    return x * convert_to_tensor(scale, dtype) + convert_to_tensor(shift, dtype)


# -- distributions --------------------------------------------------------------

def normal(shape, mean=0.0, stddev=1.0, dtype=None, seed=None):
    dtype = _float_dtype(dtype, "normal")
    gen = _generator(seed)
    out = torch.empty(_shape(shape), dtype=to_backend_dtype(dtype), device=gen.device)
    if _is_number(mean) and _is_number(stddev):
        return out.normal_(mean, stddev, generator=gen)
    return _affine(out.normal_(0.0, 1.0, generator=gen), stddev, mean, dtype)


def uniform(shape, minval=0.0, maxval=1.0, dtype=None, seed=None):
    dtype = _float_dtype(dtype, "uniform")
    gen = _generator(seed)
    out = torch.empty(_shape(shape), dtype=to_backend_dtype(dtype), device=gen.device)
    if _is_number(minval) and _is_number(maxval):
        if minval == maxval:
            return out.fill_(minval)
        return out.uniform_(minval, maxval, generator=gen)
    minval = convert_to_tensor(minval, dtype)
    return _affine(out.uniform_(0.0, 1.0, generator=gen),
                   convert_to_tensor(maxval, dtype) - minval, minval, dtype)


def truncated_normal(shape, mean=0.0, stddev=1.0, dtype=None, seed=None):
    """Normal values redrawn until within two standard deviations of the mean,
    sampled directly by inverting the CDF on the truncated range."""
    dtype = _float_dtype(dtype, "truncated_normal")
    gen = _generator(seed)
    work = torch.float64 if dtype == "float64" else torch.float32
    out = torch.empty(_shape(shape), dtype=work, device=gen.device)
    out.uniform_(-_TRUNCATION_MASS, _TRUNCATION_MASS, generator=gen)
    out = out.erfinv_().mul_(math.sqrt(2.0)).clamp_(-2.0, 2.0)
    return _affine(out, stddev, mean, dtype).to(to_backend_dtype(dtype))


def randint(shape, minval, maxval, dtype="int32", seed=None):
    dtype = standardize_dtype(dtype)
    if not is_int(dtype):
        raise ValueError(
            f"`keras.random.randint` requires an integer `dtype`. Received: dtype={dtype}"
        )
    gen = _generator(seed)
    return torch.randint(int(minval), int(maxval), _shape(shape), generator=gen,
                         dtype=to_backend_dtype(dtype), device=gen.device)


def categorical(logits, num_samples, dtype="int32", seed=None):
    logits = convert_to_tensor(logits)
    if logits.ndim != 2:
        raise ValueError(
            "`logits` should be a 2-D tensor with shape [batch_size, num_classes]. "
            f"Received: logits={logits}"
        )
    gen = _generator(seed, logits.device)
    work = torch.float64 if logits.dtype == torch.float64 else torch.float32
    probs = torch.softmax(logits.to(work), dim=-1)
    samples = torch.multinomial(probs, int(num_samples), replacement=True, generator=gen)
    return samples.to(to_backend_dtype(dtype))


def shuffle(x, axis=0, seed=None):
    x = convert_to_tensor(x)
    gen = _generator(seed, x.device)
    perm = torch.randperm(x.shape[axis], generator=gen, device=x.device)
    return torch.index_select(x, axis, perm)


def gamma(shape, alpha, dtype=None, seed=None):
    dtype = _float_dtype(dtype, "gamma")
    gen = _generator(seed)
    work = torch.float64 if dtype == "float64" else torch.float32
    alpha = torch.broadcast_to(convert_to_tensor(alpha, work).to(gen.device), _shape(shape))
    return torch._standard_gamma(alpha.contiguous(), generator=gen).to(to_backend_dtype(dtype))


def binomial(shape, counts, probabilities, dtype=None, seed=None):
    dtype = standardize_dtype(dtype or floatx())
    gen = _generator(seed)
    work = torch.float64 if dtype == "float64" else torch.float32
    shape = _shape(shape)
    counts = torch.broadcast_to(convert_to_tensor(counts, work).to(gen.device), shape)
    probs = torch.broadcast_to(convert_to_tensor(probabilities, work).to(gen.device), shape)
    out = torch.binomial(counts.contiguous(), probs.contiguous(), generator=gen)
    return out.to(to_backend_dtype(dtype))


def beta(shape, alpha, beta, dtype=None, seed=None):  # noqa: A002 - Keras's name
    """Beta(alpha, beta) as X / (X + Y), X ~ Gamma(alpha), Y ~ Gamma(beta)."""
    dtype = _float_dtype(dtype, "beta")
    gen = _generator(seed)
    work = torch.float64 if dtype == "float64" else torch.float32
    shape = _shape(shape)
    a = torch.broadcast_to(convert_to_tensor(alpha, work).to(gen.device), shape).contiguous()
    b = torch.broadcast_to(convert_to_tensor(beta, work).to(gen.device), shape).contiguous()
    x = torch._standard_gamma(a, generator=gen)
    y = torch._standard_gamma(b, generator=gen)
    return (x / (x + y)).to(to_backend_dtype(dtype))


def dropout(inputs, rate, noise_shape=None, seed=None):
    """Zero each entry with probability ``rate``; scale the rest by 1 / (1 - rate)."""
    inputs = convert_to_tensor(inputs)
    if not 0.0 <= rate <= 1.0:
        raise ValueError(
            f"`keras.random.dropout` expects 0 <= rate <= 1. Received: rate={rate}"
        )
    if not inputs.is_floating_point():
        raise ValueError(
            "`keras.random.dropout` expects floating point `inputs`. "
            f"Received: inputs.dtype={core.dtype_name(inputs.dtype)}"
        )
    if rate == 0.0:
        return inputs
    if rate == 1.0:
        return torch.zeros_like(inputs)
    keep = 1.0 - rate
    gen = _generator(seed, inputs.device)
    if noise_shape is None:
        mask = torch.empty_like(inputs)
    else:
        noise_shape = tuple(inputs.shape[i] if d is None else int(d)
                            for i, d in enumerate(noise_shape))
        mask = inputs.new_empty(noise_shape)
    return inputs * mask.bernoulli_(keep, generator=gen).div_(keep)
