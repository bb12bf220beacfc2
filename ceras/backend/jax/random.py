"""jax backend: random ops (keras.random), driven by ``seed``.

``seed`` is an int (the same numbers on every call), None (the global stream:
different numbers on every call, reproducible after ``set_seed``) or a
SeedGenerator (different numbers on every call, reproducible from its state).

Every draw turns the seed into a pair ``(seed, counter)`` and the pair into a JAX
key (``key(seed)`` folded with ``counter``). A SeedGenerator's pair is its state
Variable, read and advanced like any Variable: inside ``jax.jit`` (through a
StatelessScope) the key is traced, so a compiled step draws new numbers every call.
A Python int or None is a constant: under ``jit`` it gives the same numbers on every
call, as on Keras's JAX backend; pass a SeedGenerator there.
"""
import itertools
import numbers
import random as _py_random

import jax
import jax.numpy as jnp
import numpy as np

from ceras.backend.common import global_state
from ceras.backend.common.config import floatx
from ceras.backend.common.dtypes import is_float, is_int, standardize_dtype
from ceras.backend.jax.core import convert_to_tensor, to_backend_dtype

SEED_STATE_DTYPE = "int32"


# -- seeds ----------------------------------------------------------------------

def make_default_seed():
    """A fresh seed for an unseeded SeedGenerator or initializer. It comes from
    Python's ``random`` so that ``set_random_seed`` makes it reproducible."""
    return _py_random.randint(1, 10**9)


def fold_seed(seed):
    """``seed`` wrapped into the signed int32 range the seed state is stored in."""
    seed = int(seed) & 0xFFFFFFFF
    return seed - (1 << 32) if seed >= (1 << 31) else seed


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
    """Restart the ``seed=None`` stream."""
    _GLOBAL.reset(seed)


_INCREMENT = np.asarray([0, 1], dtype=np.int32)


class SeedState:
    """The ``[seed, counter]`` state Variable of a SeedGenerator. ``advance`` returns
    the current pair and adds 1 to the counter (recorded in the StatelessScope while
    a function is traced, so a jitted step advances it too)."""

    def __init__(self, variable):
        self.variable = variable

    def advance(self):
        value = self.variable.value
        if not global_state.in_symbolic_scope():  # shape inference changes no state
            self.variable.assign(value + _INCREMENT)
        return value[0], value[1]


def _key(seed):
    """The JAX key of one draw."""
    if seed is None:
        pair = _GLOBAL.advance()
    elif isinstance(seed, numbers.Integral) and not isinstance(seed, (bool, np.bool_)):
        pair = (fold_seed(seed), 0)
    else:
        state = getattr(seed, "_seed_state", None)
        if state is None:
            raise ValueError(
                "Argument `seed` must be either an integer or an instance of "
                f"`SeedGenerator`. Received: seed={seed!r} (of type {type(seed)})")
        pair = state.advance()
    base, counter = pair
    return jax.random.fold_in(jax.random.key(base), counter)


# -- helpers --------------------------------------------------------------------

def _shape(shape):
    if isinstance(shape, int):
        return (shape,)
    return tuple(int(d) for d in shape)


def _float_dtype(dtype, op):
    dtype = standardize_dtype(dtype or floatx())
    if not is_float(dtype):
        raise ValueError(
            f"`keras.random.{op}` requires a floating point `dtype`. Received: dtype={dtype}")
    return to_backend_dtype(dtype)


def _work(dtype):
    # Half-precision draws are made in float32 (JAX's samplers are exact there).
    return jnp.dtype("float64") if dtype == jnp.float64 else jnp.dtype("float32")


# -- distributions --------------------------------------------------------------

def normal(shape, mean=0.0, stddev=1.0, dtype=None, seed=None):
    dtype = _float_dtype(dtype, "normal")
    sample = jax.random.normal(_key(seed), _shape(shape), _work(dtype))
    return (sample * convert_to_tensor(stddev, _work(dtype)) +
            convert_to_tensor(mean, _work(dtype))).astype(dtype)


def uniform(shape, minval=0.0, maxval=1.0, dtype=None, seed=None):
    dtype = _float_dtype(dtype, "uniform")
    work = _work(dtype)
    return jax.random.uniform(_key(seed), _shape(shape), work,
                              convert_to_tensor(minval, work),
                              convert_to_tensor(maxval, work)).astype(dtype)


def truncated_normal(shape, mean=0.0, stddev=1.0, dtype=None, seed=None):
    """Normal values within two standard deviations of the mean."""
    dtype = _float_dtype(dtype, "truncated_normal")
    work = _work(dtype)
    sample = jax.random.truncated_normal(_key(seed), -2.0, 2.0, _shape(shape), work)
    return (sample * convert_to_tensor(stddev, work) + convert_to_tensor(mean, work)).astype(
        dtype)


def randint(shape, minval, maxval, dtype="int32", seed=None):
    dtype = standardize_dtype(dtype)
    if not is_int(dtype):
        raise ValueError(
            f"`keras.random.randint` requires an integer `dtype`. Received: dtype={dtype}")
    return jax.random.randint(_key(seed), _shape(shape), minval, maxval,
                              to_backend_dtype(dtype))


def categorical(logits, num_samples, dtype="int32", seed=None):
    logits = convert_to_tensor(logits)
    if logits.ndim != 2:
        raise ValueError(
            "`logits` should be a 2-D tensor with shape [batch_size, num_classes]. "
            f"Received: logits={logits}")
    samples = jax.random.categorical(_key(seed), logits.astype(_work(logits.dtype)),
                                     axis=-1, shape=(int(num_samples), logits.shape[0]))
    return samples.T.astype(to_backend_dtype(dtype))


def shuffle(x, axis=0, seed=None):
    x = convert_to_tensor(x)
    return jax.random.permutation(_key(seed), x, axis=axis, independent=False)


def gamma(shape, alpha, dtype=None, seed=None):
    dtype = _float_dtype(dtype, "gamma")
    work = _work(dtype)
    return jax.random.gamma(_key(seed), convert_to_tensor(alpha, work), _shape(shape),
                            work).astype(dtype)


def binomial(shape, counts, probabilities, dtype=None, seed=None):
    dtype = to_backend_dtype(standardize_dtype(dtype or floatx()))
    work = _work(dtype)
    out = jax.random.binomial(_key(seed), convert_to_tensor(counts, work),
                              convert_to_tensor(probabilities, work), _shape(shape), work)
    return out.astype(dtype)


def beta(shape, alpha, beta, dtype=None, seed=None):  # noqa: A002 - Keras's name
    dtype = _float_dtype(dtype, "beta")
    work = _work(dtype)
    return jax.random.beta(_key(seed), convert_to_tensor(alpha, work),
                           convert_to_tensor(beta, work), _shape(shape), work).astype(dtype)


def dropout(inputs, rate, noise_shape=None, seed=None):
    """Zero each entry with probability ``rate``; scale the rest by 1 / (1 - rate)."""
    inputs = convert_to_tensor(inputs)
    if not 0.0 <= rate <= 1.0:
        raise ValueError(
            f"`keras.random.dropout` expects 0 <= rate <= 1. Received: rate={rate}")
    if not jnp.issubdtype(inputs.dtype, jnp.floating):
        raise ValueError(
            "`keras.random.dropout` expects floating point `inputs`. "
            f"Received: inputs.dtype={standardize_dtype(inputs.dtype)}")
    if rate == 0.0:
        return inputs
    if rate == 1.0:
        return jnp.zeros_like(inputs)
    keep = 1.0 - rate
    if noise_shape is None:
        noise_shape = inputs.shape
    else:
        noise_shape = tuple(inputs.shape[i] if d is None else int(d)
                            for i, d in enumerate(noise_shape))
    mask = jax.random.bernoulli(_key(seed), keep, noise_shape)
    return jnp.where(mask, inputs / jnp.asarray(keep, inputs.dtype), jnp.zeros((), inputs.dtype))
