"""jax backend: the NumPy-like ops (keras.ops.numpy), with Keras's names, signatures,
defaults and output dtypes.

The ops live in small modules by kind; this one gathers them so that
``backend.numpy.<name>`` is the single place ``ceras.ops.numpy`` binds from.
"""
from ceras.backend.jax.numpy_binary import (  # noqa: F401
    add, allclose, arctan2, bitwise_and, bitwise_left_shift, bitwise_or,
    bitwise_right_shift, bitwise_xor, divide, divide_no_nan, equal, floor_divide, fmax,
    fmin, fmod, gcd, greater, greater_equal, heaviside, hypot, isclose, lcm, ldexp,
    left_shift, less, less_equal, logaddexp, logaddexp2, logical_and, logical_or,
    logical_xor, maximum, minimum, mod, multiply, nextafter, not_equal, power,
    right_shift, subtract, true_divide,
)
from ceras.backend.jax.numpy_create import (  # noqa: F401
    arange, array, bartlett, blackman, empty, empty_like, eye, full, full_like, geomspace,
    hamming, hanning, identity, kaiser, linspace, logspace, meshgrid, ones, ones_like,
    tri, zeros, zeros_like,
)
from ceras.backend.jax.numpy_products import (  # noqa: F401
    correlate, cross, dot, einsum, inner, kron, matmul, outer, slogdet, tensordot, trace,
    trapezoid, vander, vdot,
)
from ceras.backend.jax.numpy_reduce import (  # noqa: F401
    all, amax, amin, any, argmax, argmin, average, count_nonzero, max, mean, min,
    nanargmax, nanargmin, nanmax, nanmean, nanmin, nanprod, nanstd, nansum, nanvar, prod,
    ptp, std, sum, var,
)
from ceras.backend.jax.numpy_select import (  # noqa: F401
    clip, isin, select, where,
)
from ceras.backend.jax.numpy_shape import (  # noqa: F401
    append, array_split, broadcast_to, concatenate, diag, diagflat, diagonal, dsplit,
    dstack, expand_dims, flip, fliplr, flipud, get_item, hsplit, hstack, moveaxis, ndim,
    nonzero, pad, ravel, repeat, reshape, roll, rot90, size, split, squeeze, stack,
    swapaxes, take, take_along_axis, tile, transpose, tril, triu, unravel_index, view,
    vsplit, vstack,
)
from ceras.backend.jax.numpy_stats import (  # noqa: F401
    argpartition, argsort, bincount, corrcoef, cumprod, cumsum, diff, digitize, histogram,
    median, nancumprod, nancumsum, nanmedian, nanpercentile, nanquantile, percentile,
    quantile, searchsorted, sort, unique,
)
from ceras.backend.jax.numpy_unary import (  # noqa: F401
    abs, absolute, angle, arccos, arccosh, arcsin, arcsinh, arctan, arctanh,
    bitwise_invert, bitwise_not, cbrt, ceil, conj, conjugate, copy, cos, cosh, deg2rad,
    exp, exp2, expm1, fabs, floor, i0, imag, isfinite, isinf, isnan, isneginf, isposinf,
    isreal, log, log10, log1p, log2, logical_not, nan_to_num, negative, rad2deg, real,
    reciprocal, round, sign, signbit, sin, sinc, sinh, sqrt, square, tan, tanh, trunc,
)
from ceras.backend.jax.numpy_vectorize import (  # noqa: F401
    vectorize,
)
