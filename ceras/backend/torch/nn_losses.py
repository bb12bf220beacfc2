"""torch backend: the crossentropy ops of keras.ops.nn.

They return one value per example (no reduction); probabilities are clipped to
[epsilon, 1 - epsilon] with the config epsilon (1e-7), like Keras.
"""
import torch
import torch.nn.functional as F

from ceras.backend.common.config import epsilon, floatx
from ceras.backend.torch.core import convert_to_tensor, to_backend_dtype


def _pair(target, output, name):
    output = convert_to_tensor(output)
    if not output.is_floating_point():
        output = output.to(to_backend_dtype(floatx()))
    target = convert_to_tensor(target)
    if target.dtype != output.dtype:
        target = target.to(output.dtype)
    if target.shape != output.shape:
        raise ValueError(
            f"`{name}`: arguments `target` and `output` must have the same shape, received "
            f"target.shape={tuple(target.shape)}, output.shape={tuple(output.shape)}")
    return target, output


def binary_crossentropy(target, output, from_logits=False):
    target, output = _pair(target, output, "binary_crossentropy")
    if from_logits:
        return F.binary_cross_entropy_with_logits(output, target, reduction="none")
    eps = epsilon()
    return F.binary_cross_entropy(output.clamp(eps, 1.0 - eps), target, reduction="none")


def categorical_crossentropy(target, output, from_logits=False, axis=-1):
    target, output = _pair(target, output, "categorical_crossentropy")
    if output.ndim < 1:
        raise ValueError("`categorical_crossentropy` expects outputs of rank >= 1, received a "
                         "scalar")
    return -(target * _log_probs(output, from_logits, axis)).sum(axis)


def _log_probs(output, from_logits, axis):
    if from_logits:
        return torch.log_softmax(output, axis)
    eps = epsilon()
    output = output / output.sum(axis, keepdim=True)
    return output.clamp(eps, 1.0 - eps).log()


def sparse_categorical_crossentropy(target, output, from_logits=False, axis=-1):
    output = convert_to_tensor(output)
    if not output.is_floating_point():
        output = output.to(to_backend_dtype(floatx()))
    target = convert_to_tensor(target)
    if target.ndim == output.ndim and target.shape[-1] == 1:
        target = target.squeeze(-1)
    class_axis = axis % output.ndim
    expected = output.shape[:class_axis] + output.shape[class_axis + 1:]
    if target.shape != expected:
        raise ValueError(
            "`sparse_categorical_crossentropy`: `target` must have the shape of `output` "
            f"without its class axis ({tuple(expected)}), received "
            f"target.shape={tuple(target.shape)}, output.shape={tuple(output.shape)}")
    target = target.long()
    single = output.ndim == 1
    if single:
        output, target = output[None], target[None]
    if from_logits:
        # One fused log_softmax + gather; classes go on dim 1 for torch.
        loss = F.cross_entropy(output.movedim(class_axis, 1) if class_axis != 1 else output,
                               target, reduction="none")
    else:
        log_probs = _log_probs(output, False, class_axis)
        loss = F.nll_loss(log_probs.movedim(class_axis, 1) if class_axis != 1 else log_probs,
                          target, reduction="none")
    return loss[0] if single else loss
