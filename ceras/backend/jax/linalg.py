"""jax backend: keras.ops.linalg (decompositions, solvers, norms, jvp)."""
import jax
import jax.numpy as jnp
import jax.scipy.linalg as jsl

from ceras.backend.common import tree
from ceras.backend.common.config import floatx
from ceras.backend.jax.core import convert_to_tensor, to_backend_dtype


def _float(x):
    x = convert_to_tensor(x)
    return x if jnp.issubdtype(x.dtype, jnp.inexact) else x.astype(to_backend_dtype(floatx()))


def _pair(a, b):
    a, b = _float(a), _float(b)
    if a.dtype != b.dtype:
        dtype = jnp.promote_types(a.dtype, b.dtype)
        a, b = a.astype(dtype), b.astype(dtype)
    return a, b


def cholesky(x, upper=False):
    out = jnp.linalg.cholesky(_float(x))
    return jnp.swapaxes(jnp.conj(out), -1, -2) if upper else out


def cholesky_inverse(x, upper=False):
    """The inverse of A from its Cholesky factor ``x`` (A = x x^T, or x^T x if upper)."""
    x = _float(x)
    eye = jnp.broadcast_to(jnp.eye(x.shape[-1], dtype=x.dtype), x.shape)
    return jsl.cho_solve((x, not upper), eye)


def det(x):
    return jnp.linalg.det(_float(x))


def eig(x):
    return jnp.linalg.eig(_float(x))


def eigh(x):
    return jnp.linalg.eigh(_float(x))


def inv(x):
    return jnp.linalg.inv(_float(x))


def lstsq(a, b, rcond=None):
    a, b = _pair(a, b)
    return jnp.linalg.lstsq(a, b, rcond=rcond)[0]


def lu_factor(x):
    """(LU, pivots) with 0-based int32 pivots, like SciPy/JAX."""
    lu, pivots = jsl.lu_factor(_float(x))
    return lu, pivots.astype("int32")


def matrix_rank(x, tol=None):
    x = _float(x)
    if tol is None:
        return jnp.linalg.matrix_rank(x).astype("int32")
    s = jnp.linalg.svd(x, compute_uv=False)
    return jnp.sum(s > tol, axis=-1).astype("int32")


def norm(x, ord=None, axis=None, keepdims=False):  # noqa: A002 - Keras's name
    x = _float(x)
    if isinstance(axis, list):
        axis = tuple(axis)
    return jnp.linalg.norm(x, ord=ord, axis=axis, keepdims=keepdims)


def pinv(x, rcond=None):
    x = _float(x)
    if rcond is None:
        return jnp.linalg.pinv(x)
    return jnp.linalg.pinv(x, rtol=rcond)


def qr(x, mode="reduced"):
    if mode not in ("reduced", "complete"):
        raise ValueError(f"`qr` mode must be 'reduced' or 'complete', received {mode!r}")
    return jnp.linalg.qr(_float(x), mode=mode)


def solve(a, b):
    a, b = _pair(a, b)
    return jnp.linalg.solve(a, b)


def solve_triangular(a, b, lower=False):
    a, b = _pair(a, b)
    vector = b.ndim == a.ndim - 1
    if vector:
        b = b[..., None]
    out = jsl.solve_triangular(a, b, lower=lower)
    return out[..., 0] if vector else out


def svd(x, full_matrices=True, compute_uv=True):
    x = _float(x)
    if not compute_uv:
        return jnp.linalg.svd(x, compute_uv=False)
    return jnp.linalg.svd(x, full_matrices=full_matrices)


def jvp(fun, primals, tangents, has_aux=False):
    """(fun(*primals), the Jacobian of fun at primals times tangents) [, aux]."""
    primals = tuple(tree.map_structure(convert_to_tensor, p) for p in primals)
    tangents = tuple(tree.map_structure(convert_to_tensor, t) for t in tangents)
    return jax.jvp(fun, primals, tangents, has_aux=has_aux)
