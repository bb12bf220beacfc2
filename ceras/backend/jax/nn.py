"""jax backend: keras.ops.nn. Activations and encodings live here; convolutions,
pooling, normalization/attention and losses in the sibling ``nn_*`` files, re-exported
below so that ``backend.nn`` holds every name.

Integer inputs are cast to floatx except for the piecewise-linear activations (relu,
relu6, hard_tanh), which keep their dtype like Keras.
"""
import jax
import jax.numpy as jnp
from jax import lax

from ceras.backend.common.config import floatx
from ceras.backend.jax.core import convert_to_tensor, to_backend_dtype
from ceras.backend.jax.nn_conv import (  # noqa: F401
    conv, conv_transpose, depthwise_conv, separable_conv,
)
from ceras.backend.jax.nn_ctc import ctc_decode, ctc_loss  # noqa: F401
from ceras.backend.jax.nn_losses import (  # noqa: F401
    binary_crossentropy, categorical_crossentropy, sparse_categorical_crossentropy,
)
from ceras.backend.jax.nn_norm import (  # noqa: F401
    batch_normalization, dot_product_attention, layer_normalization, moments, normalize, psnr,
    rms_normalization,
)
from ceras.backend.jax.nn_pool import (  # noqa: F401
    adaptive_average_pool, adaptive_max_pool, average_pool, max_pool,
)


def _float(x):
    """``x`` as an array, integers/bools cast to floatx (activations are float math)."""
    x = convert_to_tensor(x)
    if jnp.issubdtype(x.dtype, jnp.inexact):
        return x
    return x.astype(to_backend_dtype(floatx()))


def _is_float(x):
    return jnp.issubdtype(x.dtype, jnp.floating)


# -- activations ---------------------------------------------------------------

def relu(x):
    x = convert_to_tensor(x)
    return jax.nn.relu(x) if x.dtype != jnp.bool_ else x


def relu6(x):
    x = convert_to_tensor(x)
    return jax.nn.relu6(x) if _is_float(x) else jnp.clip(x, 0, 6)


def sigmoid(x):
    return jax.nn.sigmoid(_float(x))


def tanh_shrink(x):
    x = _float(x)
    return x - jnp.tanh(x)


def softplus(x):
    return jax.nn.softplus(_float(x))


def softsign(x):
    return jax.nn.soft_sign(_float(x))


def soft_shrink(x, threshold=0.5):
    x = _float(x)
    return jnp.where(x > threshold, x - threshold,
                     jnp.where(x < -threshold, x + threshold, jnp.zeros_like(x)))


def sparse_plus(x):
    x = _float(x)
    # 0 below -1, x above 1, (x + 1)^2 / 4 in between
    return jnp.where(x <= -1, jnp.zeros_like(x), jnp.where(x >= 1, x, jnp.square(x + 1) * 0.25))


def sparse_sigmoid(x):
    x = _float(x)
    return jnp.clip((x + 1) * 0.5, 0, 1)


def silu(x):
    return jax.nn.silu(_float(x))


swish = silu


def squareplus(x, b=4):
    x = _float(x)
    return (x + jnp.sqrt(jnp.square(x) + b)) * 0.5


def log_sigmoid(x):
    return jax.nn.log_sigmoid(_float(x))


def leaky_relu(x, negative_slope=0.2):
    return jax.nn.leaky_relu(_float(x), negative_slope)


def hard_sigmoid(x):
    return jax.nn.hard_sigmoid(_float(x))


def hard_silu(x):
    return jax.nn.hard_silu(_float(x))


hard_swish = hard_silu


def elu(x, alpha=1.0):
    return jax.nn.elu(_float(x), alpha)


def selu(x):
    return jax.nn.selu(_float(x))


def gelu(x, approximate=True):
    return jax.nn.gelu(_float(x), approximate=approximate)


def celu(x, alpha=1.0):
    return jax.nn.celu(_float(x), alpha)


def glu(x, axis=-1):
    x = _float(x)
    if x.shape[axis] % 2:
        raise ValueError(
            f"`glu` splits axis {axis} in two halves, so its size must be even; received "
            f"shape {tuple(x.shape)}")
    return jax.nn.glu(x, axis=axis)


def hard_tanh(x):
    x = convert_to_tensor(x)
    return jnp.clip(x, -1, 1)


def hard_shrink(x, threshold=0.5):
    x = _float(x)
    return jnp.where(jnp.abs(x) > threshold, x, jnp.zeros_like(x))


def threshold(x, threshold, default_value):
    x = _float(x)
    return jnp.where(x > threshold, x, jnp.asarray(default_value, x.dtype))


def softmax(x, axis=-1):
    x = _float(x)
    return jax.nn.softmax(x, axis=tuple(axis) if isinstance(axis, list) else axis)


def log_softmax(x, axis=-1):
    x = _float(x)
    return jax.nn.log_softmax(x, axis=tuple(axis) if isinstance(axis, list) else axis)


def sparsemax(x, axis=-1):
    x = _float(x)
    # Project onto the simplex: keep the k largest logits shifted by tau (Martins & Astudillo).
    z = jnp.moveaxis(x, axis, -1)
    z_sorted = -jnp.sort(-z, axis=-1)
    cumsum = jnp.cumsum(z_sorted, axis=-1)
    k = jnp.arange(1, z.shape[-1] + 1, dtype=z.dtype)
    support = (1 + k * z_sorted) > cumsum
    k_z = jnp.sum(support, axis=-1, keepdims=True)
    tau = (jnp.take_along_axis(cumsum, k_z - 1, axis=-1) - 1) / k_z.astype(z.dtype)
    return jnp.moveaxis(jax.nn.relu(z - tau), -1, axis)


def polar(abs_, angle):
    abs_, angle = _float(abs_), _float(angle)
    if abs_.dtype != angle.dtype:
        dtype = jnp.promote_types(abs_.dtype, angle.dtype)
        abs_, angle = abs_.astype(dtype), angle.astype(dtype)
    return lax.complex(abs_ * jnp.cos(angle), abs_ * jnp.sin(angle))


# -- encodings and reshapes ----------------------------------------------------

def one_hot(x, num_classes, axis=-1, dtype=None, sparse=False):
    if sparse:
        raise ValueError("`one_hot` with sparse=True is not supported by the jax backend")
    x = convert_to_tensor(x)
    # Out-of-range ids (negative ones included) give all-zero rows.
    return jax.nn.one_hot(x, int(num_classes), dtype=to_backend_dtype(dtype or floatx()),
                          axis=axis)


def multi_hot(inputs, num_classes=None, axis=-1, dtype=None, sparse=False, **kwargs):
    if num_classes is None:
        num_classes = kwargs.pop("num_tokens", None)
    if num_classes is None:
        raise ValueError("`multi_hot` needs `num_classes`, received None")
    if kwargs:
        raise TypeError(f"`multi_hot` got unexpected arguments {sorted(kwargs)}")
    inputs = convert_to_tensor(inputs)
    encoded = one_hot(inputs, num_classes, axis=axis, dtype=dtype, sparse=sparse)
    # Keras reduces over axis 1 (axis 0 for a single vector of ids).
    return jnp.max(encoded, axis=1 if inputs.ndim > 1 else 0)


def depth_to_space(x, block_size, data_format="channels_last"):
    x = convert_to_tensor(x)
    b = int(block_size)
    if data_format == "channels_first":
        n, c, h, w = x.shape
        out = x.reshape(n, c // (b * b), b, b, h, w).transpose(0, 1, 4, 2, 5, 3)
        return out.reshape(n, c // (b * b), h * b, w * b)
    n, h, w, c = x.shape
    if c % (b * b):
        raise ValueError(
            f"`depth_to_space`: channels ({c}) must be divisible by block_size**2 ({b * b})")
    out = x.reshape(n, h, w, b, b, c // (b * b)).transpose(0, 1, 3, 2, 4, 5)
    return out.reshape(n, h * b, w * b, c // (b * b))


def space_to_depth(x, block_size, data_format="channels_last"):
    x = convert_to_tensor(x)
    b = int(block_size)
    if data_format == "channels_first":
        n, c, h, w = x.shape
        out = x.reshape(n, c, h // b, b, w // b, b).transpose(0, 1, 3, 5, 2, 4)
        return out.reshape(n, c * b * b, h // b, w // b)
    n, h, w, c = x.shape
    if h % b or w % b:
        raise ValueError(
            f"`space_to_depth`: height and width must be divisible by block_size ({b}), "
            f"received shape {tuple(x.shape)}")
    out = x.reshape(n, h // b, b, w // b, b, c).transpose(0, 1, 3, 2, 4, 5)
    return out.reshape(n, h // b, w // b, b * b * c)


def _pair_arg(value):
    return (int(value),) * 2 if isinstance(value, int) else tuple(int(v) for v in value)


def _unfold_nchw(x, kernel_size, dilation, padding, stride):
    pad = _pair_arg(padding)
    patches = lax.conv_general_dilated_patches(
        x, _pair_arg(kernel_size), _pair_arg(stride), [(p, p) for p in pad],
        rhs_dilation=_pair_arg(dilation), dimension_numbers=("NCHW", "OIHW", "NCHW"))
    return patches.reshape(patches.shape[0], patches.shape[1], -1)


def unfold(x, kernel_size, dilation=1, padding=0, stride=1):
    """Sliding local blocks of an (N, C, H, W) input as (N, C*kh*kw, L) (torch's
    ``unfold``)."""
    x = convert_to_tensor(x)
    unbatched = x.ndim == 3
    out = _unfold_nchw(x[None] if unbatched else x, kernel_size, dilation, padding, stride)
    return out[0] if unbatched else out


def fold(x, output_size, kernel_size, dilation=1, padding=0, stride=1):
    """The inverse of ``unfold``: blocks summed back into an (N, C, H, W) output."""
    x = convert_to_tensor(x)
    unbatched = x.ndim == 2
    if unbatched:
        x = x[None]
    kh, kw = _pair_arg(kernel_size)
    h, w = _pair_arg(output_size)
    template = jnp.zeros((x.shape[0], x.shape[1] // (kh * kw), h, w), x.dtype)
    transpose = jax.linear_transpose(
        lambda t: _unfold_nchw(t, kernel_size, dilation, padding, stride), template)
    (out,) = transpose(x)
    return out[0] if unbatched else out
