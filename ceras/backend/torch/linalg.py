"""torch backend: keras.ops.linalg (decompositions, solvers, norms, jvp)."""
import torch

from ceras.backend.common import tree
from ceras.backend.common.config import floatx
from ceras.backend.torch.core import convert_to_tensor, to_backend_dtype


def _float(x):
    x = convert_to_tensor(x)
    return x if x.is_floating_point() or x.is_complex() else \
        x.to(to_backend_dtype(floatx()))


def _pair(a, b):
    a, b = _float(a), _float(b)
    if a.dtype != b.dtype:
        dtype = torch.promote_types(a.dtype, b.dtype)
        a, b = a.to(dtype), b.to(dtype)
    return a, b


def cholesky(x, upper=False):
    return torch.linalg.cholesky(_float(x), upper=upper)


def cholesky_inverse(x, upper=False):
    """The inverse of A from its Cholesky factor ``x`` (A = x x^T, or x^T x if upper)."""
    return torch.cholesky_inverse(_float(x), upper=upper)


def det(x):
    return torch.linalg.det(_float(x))


def eig(x):
    return torch.linalg.eig(_float(x))


def eigh(x):
    return torch.linalg.eigh(_float(x))


def inv(x):
    return torch.linalg.inv(_float(x))


def lstsq(a, b, rcond=None):
    a, b = _pair(a, b)
    vector = b.ndim == a.ndim - 1
    if vector:
        b = b[..., None]
    # gelsd (SVD based) honours rcond like NumPy; CPU only, so elsewhere use the default.
    driver = "gelsd" if a.device.type == "cpu" else None
    out = torch.linalg.lstsq(a, b, rcond=rcond, driver=driver).solution
    return out[..., 0] if vector else out


def lu_factor(x):
    """(LU, pivots) with 0-based int32 pivots, like SciPy/JAX (torch's are 1-based)."""
    lu, pivots = torch.linalg.lu_factor(_float(x))
    return lu, (pivots - 1).to(torch.int32)


def matrix_rank(x, tol=None):
    return torch.linalg.matrix_rank(_float(x), atol=tol).to(torch.int32)


def norm(x, ord=None, axis=None, keepdims=False):  # noqa: A002 - Keras's name
    x = _float(x)
    if isinstance(axis, list):
        axis = tuple(axis)
    return torch.linalg.norm(x, ord=ord, dim=axis, keepdim=keepdims)


def pinv(x, rcond=None):
    x = _float(x)
    if rcond is None:
        return torch.linalg.pinv(x)
    return torch.linalg.pinv(x, rtol=rcond)


def qr(x, mode="reduced"):
    if mode not in ("reduced", "complete"):
        raise ValueError(f"`qr` mode must be 'reduced' or 'complete', received {mode!r}")
    return torch.linalg.qr(_float(x), mode=mode)


def solve(a, b):
    a, b = _pair(a, b)
    return torch.linalg.solve(a, b)


def solve_triangular(a, b, lower=False):
    a, b = _pair(a, b)
    vector = b.ndim == a.ndim - 1
    if vector:
        b = b[..., None]
    out = torch.linalg.solve_triangular(a, b, upper=not lower)
    return out[..., 0] if vector else out


def svd(x, full_matrices=True, compute_uv=True):
    x = _float(x)
    if not compute_uv:
        return torch.linalg.svdvals(x)
    return torch.linalg.svd(x, full_matrices=full_matrices)


def jvp(fun, primals, tangents, has_aux=False):
    """(fun(*primals), the Jacobian of fun at primals times tangents) [, aux]."""
    primals = tuple(tree.map_structure(convert_to_tensor, p) for p in primals)
    tangents = tuple(tree.map_structure(convert_to_tensor, t) for t in tangents)
    return torch.func.jvp(fun, primals, tangents, has_aux=has_aux)
