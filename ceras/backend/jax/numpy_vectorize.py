"""jax backend: ``vectorize`` (NumPy's, run with ``jax.vmap`` over the loop dims)."""
import functools
import re

import jax.numpy as jnp

_ARG = re.compile(r"\(([^()]*)\)")


def _count_inputs(signature):
    if "->" not in signature:
        raise ValueError(f"vectorize: signature must look like '(m),(m)->()', "
                         f"received {signature!r}")
    return len(_ARG.findall(signature.replace(" ", "").split("->")[0]))


def vectorize(pyfunc, *, excluded=None, signature=None):
    excluded = set(excluded or ())
    expected = _count_inputs(signature) if signature else None
    vectorized = jnp.vectorize(pyfunc, excluded=excluded, signature=signature)

    @functools.wraps(pyfunc)
    def wrapped(*args, **kwargs):
        free = len([i for i in range(len(args)) if i not in excluded]) + len(
            [k for k in kwargs if k not in excluded])
        if expected is not None and free != expected:
            raise ValueError(f"vectorize: signature {signature!r} expects {expected} "
                             f"inputs, received {free}")
        return vectorized(*args, **kwargs)

    return wrapped
