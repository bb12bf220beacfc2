"""jax backend: ``vectorize`` (NumPy's, run with ``jax.vmap`` over the loop dims)."""
import functools

import jax.numpy as jnp


def vectorize(pyfunc, *, excluded=None, signature=None):
    return functools.wraps(pyfunc)(
        jnp.vectorize(pyfunc, excluded=set(excluded or ()), signature=signature))
