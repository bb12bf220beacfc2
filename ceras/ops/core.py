"""Core ops: conversion, control flow, scatter/slice (the core names of keras.ops).

Each name is bound once, at import, to the active backend's function of the same
name; called on symbolic tensors it infers shapes and records a graph node.
"""
from ceras import backend
from ceras.ops.symbolic import bind_all

NAMES = (
    "associative_scan", "cast", "cond", "convert_to_numpy", "convert_to_tensor",
    "custom_gradient", "dtype", "fori_loop", "is_tensor", "map", "rearrange", "saturate_cast",
    "scan", "scatter", "scatter_update", "shape", "slice", "slice_update", "stop_gradient",
    "switch", "unstack", "vectorized_map", "while_loop",
)

# These inspect or convert rather than compute: they never become graph steps.
_DIRECT = ("convert_to_numpy", "custom_gradient", "is_tensor")
bind_all(globals(), backend.core, [n for n in NAMES if n not in _DIRECT + ("shape", "dtype",
                                                                         "convert_to_tensor")])
for _name in _DIRECT:
    if hasattr(backend.core, _name):
        globals()[_name] = getattr(backend.core, _name)


def shape(x):
    """The shape of ``x`` as a tuple (None for unknown symbolic dims)."""
    if isinstance(x, backend.KerasTensor):
        return x.shape
    return backend.core.shape(x)


def dtype(x):
    """The dtype of ``x`` as a string, e.g. 'float32'."""
    if not hasattr(x, "dtype"):
        x = backend.core.convert_to_tensor(x)
    return backend.standardize_dtype(x.dtype)


def convert_to_tensor(x, dtype=None, sparse=None, ragged=None):
    """A backend tensor from arrays, lists, scalars or Variables; a symbolic tensor
    passes through (cast when ``dtype`` is given)."""
    if isinstance(x, backend.KerasTensor):
        return x if dtype is None else cast(x, dtype)  # noqa: F821 - bound above
    return backend.core.convert_to_tensor(x, dtype=dtype, sparse=sparse, ragged=ragged)


__all__ = list(NAMES)
