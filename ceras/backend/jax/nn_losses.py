"""jax backend: the crossentropy ops of keras.ops.nn.

They return one value per example (no reduction); probabilities are clipped to
[epsilon, 1 - epsilon] with the config epsilon (1e-7), like Keras.
"""
import jax
import jax.numpy as jnp

from ceras.backend.common.config import epsilon, floatx
from ceras.backend.jax.core import convert_to_tensor, to_backend_dtype


def _float(x):
    x = convert_to_tensor(x)
    return x if jnp.issubdtype(x.dtype, jnp.floating) else x.astype(to_backend_dtype(floatx()))


def _pair(target, output, name):
    output = _float(output)
    target = convert_to_tensor(target)
    if target.dtype != output.dtype:
        target = target.astype(output.dtype)
    if target.shape != output.shape:
        raise ValueError(
            f"`{name}`: arguments `target` and `output` must have the same shape, received "
            f"target.shape={tuple(target.shape)}, output.shape={tuple(output.shape)}")
    return target, output


def binary_crossentropy(target, output, from_logits=False):
    target, output = _pair(target, output, "binary_crossentropy")
    if from_logits:
        # max(x, 0) - x * z + log(1 + exp(-|x|)): stable for large logits.
        return jax.nn.relu(output) - output * target + jnp.log1p(jnp.exp(-jnp.abs(output)))
    eps = epsilon()
    output = jnp.clip(output, eps, 1.0 - eps)
    # torch's binary_cross_entropy clamps each log at -100.
    return -(target * jnp.maximum(jnp.log(output), -100.0)
             + (1.0 - target) * jnp.maximum(jnp.log1p(-output), -100.0))


def categorical_crossentropy(target, output, from_logits=False, axis=-1):
    target, output = _pair(target, output, "categorical_crossentropy")
    if output.ndim < 1:
        raise ValueError("`categorical_crossentropy` expects outputs of rank >= 1, received a "
                         "scalar")
    return -jnp.sum(target * _log_probs(output, from_logits, axis), axis=axis)


def _log_probs(output, from_logits, axis):
    if from_logits:
        return jax.nn.log_softmax(output, axis=axis)
    eps = epsilon()
    output = output / jnp.sum(output, axis=axis, keepdims=True)
    return jnp.log(jnp.clip(output, eps, 1.0 - eps))


def sparse_categorical_crossentropy(target, output, from_logits=False, axis=-1):
    output = _float(output)
    target = convert_to_tensor(target)
    if target.ndim == output.ndim and target.shape[-1] == 1:
        target = jnp.squeeze(target, -1)
    class_axis = axis % output.ndim
    expected = output.shape[:class_axis] + output.shape[class_axis + 1:]
    if target.shape != expected:
        raise ValueError(
            "`sparse_categorical_crossentropy`: `target` must have the shape of `output` "
            f"without its class axis ({tuple(expected)}), received "
            f"target.shape={tuple(target.shape)}, output.shape={tuple(output.shape)}")
    log_probs = _log_probs(output, from_logits, class_axis)
    picked = jnp.take_along_axis(
        log_probs, jnp.expand_dims(target.astype("int32"), class_axis), axis=class_axis)
    return -jnp.squeeze(picked, class_axis)
