"""torch backend: keras.ops.nn. Activations and encodings live here; convolutions,
pooling, normalization/attention and losses in the sibling ``nn_*`` files, re-exported
below so that ``backend.nn`` holds every name.

Activations are one torch call each: they sit in every training step. Integer inputs
are cast to floatx except for the piecewise-linear ones (relu, relu6, hard_tanh), which
keep their dtype like Keras.
"""
import torch
import torch.nn.functional as F

from ceras.backend.common.config import floatx
from ceras.backend.torch.core import convert_to_tensor, to_backend_dtype
from ceras.backend.torch.nn_conv import (  # noqa: F401
    conv, conv_transpose, depthwise_conv, separable_conv,
)
from ceras.backend.torch.nn_ctc import ctc_decode, ctc_loss  # noqa: F401
from ceras.backend.torch.nn_losses import (  # noqa: F401
    binary_crossentropy, categorical_crossentropy, sparse_categorical_crossentropy,
)
from ceras.backend.torch.nn_norm import (  # noqa: F401
    batch_normalization, dot_product_attention, layer_normalization, moments, normalize, psnr,
    rms_normalization,
)
from ceras.backend.torch.nn_pool import (  # noqa: F401
    adaptive_average_pool, adaptive_max_pool, average_pool, max_pool,
)


def _float(x):
    """``x`` as a tensor, integers/bools cast to floatx (activations are float math)."""
    x = convert_to_tensor(x)
    if x.is_floating_point() or x.is_complex():
        return x
    return x.to(to_backend_dtype(floatx()))


# -- activations ---------------------------------------------------------------

def relu(x):
    return torch.relu(convert_to_tensor(x))


def relu6(x):
    x = convert_to_tensor(x)
    return F.relu6(x) if x.is_floating_point() else x.clamp(0, 6)


def sigmoid(x):
    return torch.sigmoid(_float(x))


def tanh_shrink(x):
    return F.tanhshrink(_float(x))


def softplus(x):
    return F.softplus(_float(x))


def softsign(x):
    return F.softsign(_float(x))


def soft_shrink(x, threshold=0.5):
    return F.softshrink(_float(x), threshold)


def sparse_plus(x):
    x = _float(x)
    # 0 below -1, x above 1, (x + 1)^2 / 4 in between
    return torch.where(x <= -1, 0.0, torch.where(x >= 1, x, (x + 1).square() * 0.25))


def sparse_sigmoid(x):
    x = _float(x)
    return ((x + 1) * 0.5).clamp(0, 1)


def silu(x):
    return F.silu(_float(x))


swish = silu


def squareplus(x, b=4):
    x = _float(x)
    return (x + torch.sqrt(x.square() + b)) * 0.5


def log_sigmoid(x):
    return F.logsigmoid(_float(x))


def leaky_relu(x, negative_slope=0.2):
    return F.leaky_relu(_float(x), negative_slope)


def hard_sigmoid(x):
    return F.hardsigmoid(_float(x))


def hard_silu(x):
    return F.hardswish(_float(x))


hard_swish = hard_silu


def elu(x, alpha=1.0):
    return F.elu(_float(x), alpha)


def selu(x):
    return F.selu(_float(x))


def gelu(x, approximate=True):
    return F.gelu(_float(x), approximate="tanh" if approximate else "none")


def celu(x, alpha=1.0):
    return F.celu(_float(x), alpha)


def glu(x, axis=-1):
    x = _float(x)
    if x.shape[axis] % 2:
        raise ValueError(
            f"`glu` splits axis {axis} in two halves, so its size must be even; received "
            f"shape {tuple(x.shape)}")
    return F.glu(x, dim=axis)


def hard_tanh(x):
    x = convert_to_tensor(x)
    return F.hardtanh(x) if x.is_floating_point() else x.clamp(-1, 1)


def hard_shrink(x, threshold=0.5):
    return F.hardshrink(_float(x), threshold)


def threshold(x, threshold, default_value):
    return F.threshold(_float(x), threshold, default_value)


def _over_axes(fn, x, axis):
    """Apply a last-axis normalizer over one axis or a tuple of axes."""
    if isinstance(axis, int):
        return fn(x, axis)
    axes = sorted(a % x.ndim for a in axis)
    rest = [a for a in range(x.ndim) if a not in axes]
    moved = x.permute(rest + axes)
    out = fn(moved.reshape(*moved.shape[:len(rest)], -1), -1).reshape(moved.shape)
    return out.permute([(rest + axes).index(a) for a in range(x.ndim)])


def softmax(x, axis=-1):
    x = _float(x)
    if isinstance(axis, int):
        return torch.softmax(x, axis)
    return _over_axes(torch.softmax, x, axis)


def log_softmax(x, axis=-1):
    x = _float(x)
    if isinstance(axis, int):
        return torch.log_softmax(x, axis)
    return _over_axes(torch.log_softmax, x, axis)


def sparsemax(x, axis=-1):
    x = _float(x)
    # Project onto the simplex: keep the k largest logits shifted by tau (Martins & Astudillo).
    z = x.movedim(axis, -1)
    z_sorted = torch.sort(z, dim=-1, descending=True).values
    cumsum = z_sorted.cumsum(-1)
    k = torch.arange(1, z.shape[-1] + 1, dtype=z.dtype, device=z.device)
    support = (1 + k * z_sorted) > cumsum
    k_z = support.sum(-1, keepdim=True)
    tau = (cumsum.gather(-1, k_z - 1) - 1) / k_z.to(z.dtype)
    return torch.relu(z - tau).movedim(-1, axis)


def polar(abs_, angle):
    abs_, angle = _float(abs_), _float(angle)
    if abs_.dtype != angle.dtype:
        dtype = torch.promote_types(abs_.dtype, angle.dtype)
        abs_, angle = abs_.to(dtype), angle.to(dtype)
    return torch.polar(abs_, angle)


# -- encodings and reshapes ----------------------------------------------------

def one_hot(x, num_classes, axis=-1, dtype=None, sparse=False):
    if sparse:
        raise ValueError("`one_hot` with sparse=True is not supported by the torch backend")
    x = convert_to_tensor(x)
    classes = torch.arange(int(num_classes), device=x.device)
    # Out-of-range ids (negative ones included) give all-zero rows.
    out = (x.unsqueeze(-1) == classes).to(to_backend_dtype(dtype or floatx()))
    if axis != -1 and axis != out.ndim - 1:
        out = out.movedim(-1, axis)
    return out


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
    return encoded.amax(dim=1 if inputs.ndim > 1 else 0)


def depth_to_space(x, block_size, data_format="channels_last"):
    x = convert_to_tensor(x)
    b = int(block_size)
    if data_format == "channels_first":
        return F.pixel_shuffle(x, b)
    n, h, w, c = x.shape
    if c % (b * b):
        raise ValueError(
            f"`depth_to_space`: channels ({c}) must be divisible by block_size**2 ({b * b})")
    out = x.reshape(n, h, w, b, b, c // (b * b)).permute(0, 1, 3, 2, 4, 5)
    return out.reshape(n, h * b, w * b, c // (b * b))


def space_to_depth(x, block_size, data_format="channels_last"):
    x = convert_to_tensor(x)
    b = int(block_size)
    if data_format == "channels_first":
        return F.pixel_unshuffle(x, b)
    n, h, w, c = x.shape
    if h % b or w % b:
        raise ValueError(
            f"`space_to_depth`: height and width must be divisible by block_size ({b}), "
            f"received shape {tuple(x.shape)}")
    out = x.reshape(n, h // b, b, w // b, b, c).permute(0, 1, 3, 2, 4, 5)
    return out.reshape(n, h // b, w // b, b * b * c)


def unfold(x, kernel_size, dilation=1, padding=0, stride=1):
    return F.unfold(convert_to_tensor(x), kernel_size, dilation, padding, stride)


def fold(x, output_size, kernel_size, dilation=1, padding=0, stride=1):
    return F.fold(convert_to_tensor(x), output_size, kernel_size, dilation, padding, stride)
