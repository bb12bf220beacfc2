"""Linear algebra ops (keras.ops.linalg).

Each name is bound once, at import, to the active backend's function of the same
name; called on symbolic tensors it infers shapes and records a graph node.
"""
from ceras import backend
from ceras.ops.symbolic import bind_all

NAMES = (
    "cholesky", "cholesky_inverse", "det", "eig", "eigh", "inv", "jvp", "lstsq", "lu_factor",
    "matrix_rank", "norm", "pinv", "qr", "solve", "solve_triangular", "svd",
)

bind_all(globals(), backend.linalg, NAMES)
__all__ = list(NAMES)
