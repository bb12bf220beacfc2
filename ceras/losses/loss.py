"""Loss: the base class of every loss, and the reductions they share.

``loss(y_true, y_pred, sample_weight=None)`` computes a per-sample loss with
``call`` and reduces it to a scalar (or not, for ``reduction=None``). Masks come
from ``y_pred._keras_mask`` (set by masking layers) and act as sample weights.
"""
import math

from ceras import backend, dtype_policies, ops
from ceras.backend import global_state, tree

REDUCTIONS = ("sum_over_batch_size", "sum", "mean", "mean_with_sample_weight", None, "none")
# Reductions that divide the summed loss by the number of loss entries.
_MEAN_REDUCTIONS = ("sum_over_batch_size", "mean", "mean_with_sample_weight")


class Loss:
    """Base class of losses: subclasses implement ``call(y_true, y_pred)`` returning
    one loss value per sample (or per element); ``__call__`` weights and reduces it.

    Args:
        name: name of the loss instance (default: the snake-case class name).
        reduction: how per-sample losses become the result. ``"sum_over_batch_size"``
            (default) and ``"mean"`` divide the weighted sum by the number of loss
            entries, ``"mean_with_sample_weight"`` by the sum of sample weights,
            ``"sum"`` returns the weighted sum, ``None`` / ``"none"`` return the
            per-sample losses.
        dtype: dtype of the computation (default ``floatx()``); a ``DTypePolicy``
            contributes its compute dtype.

    Example:

    >>> class MeanCubedError(Loss):
    ...     def call(self, y_true, y_pred):
    ...         return ops.mean(ops.abs(y_pred - y_true) ** 3, axis=-1)
    """

    _keras_module = "keras.losses"  # the module written in saved configs

    def __init__(self, name=None, reduction="sum_over_batch_size", dtype=None):
        self.name = name or global_state.auto_name(type(self).__name__)
        self.reduction = standardize_reduction(reduction)
        self._dtype_policy = dtype_policies.get(dtype or backend.floatx())
        self._dtype = self._dtype_policy.compute_dtype

    @property
    def dtype(self):
        return self._dtype

    def __call__(self, y_true, y_pred, sample_weight=None):
        in_mask = getattr(y_pred, "_keras_mask", None)
        y_pred = _to_tensors(y_pred, self._dtype)
        y_true = _to_tensors(y_true, self._dtype)
        losses = self.call(y_true, y_pred)
        out_mask = getattr(losses, "_keras_mask", None)
        if in_mask is None and out_mask is None and sample_weight is None:
            return reduce_values(losses, None, self.reduction)
        if in_mask is not None and out_mask is not None:
            mask = ops.logical_and(in_mask, out_mask)
        else:
            mask = in_mask if in_mask is not None else out_mask
        return reduce_weighted_values(losses, sample_weight=sample_weight, mask=mask,
                                      reduction=self.reduction, dtype=self._dtype)

    def call(self, y_true, y_pred):
        raise NotImplementedError(
            f"Loss {type(self).__name__} must implement call(y_true, y_pred)")

    def get_config(self):
        return {"name": self.name, "reduction": self.reduction}

    @classmethod
    def from_config(cls, config):
        return cls(**config)

    def __repr__(self):
        return f"<{type(self).__name__} name={self.name}>"


def _to_tensors(x, dtype):
    if isinstance(x, dict) or (isinstance(x, (list, tuple)) and x
                               and all(hasattr(v, "shape") for v in x)):
        return tree.map_structure(lambda v: ops.convert_to_tensor(v, dtype=dtype), x)
    return ops.convert_to_tensor(x, dtype=dtype)


def standardize_reduction(reduction):
    if reduction not in REDUCTIONS:
        raise ValueError(
            f"Invalid value for argument `reduction`. Expected one of {list(REDUCTIONS)}. "
            f"Received: reduction={reduction!r}")
    return reduction


def squeeze_or_expand_to_same_rank(x1, x2, expand_rank_1=True):
    """Make the ranks of ``x1`` and ``x2`` equal when they differ by a trailing axis
    of size 1: (N, 1) vs (N,) becomes (N, 1) vs (N, 1) (or both (N,) with
    ``expand_rank_1=False``); (N, T, 1) vs (N, T) drops the 1."""
    rank1, rank2 = len(x1.shape), len(x2.shape)
    if rank1 == rank2 + 1 and x1.shape[-1] == 1:
        if rank2 == 1 and expand_rank_1:
            x2 = ops.expand_dims(x2, axis=-1)
        else:
            x1 = ops.squeeze(x1, axis=-1)
    elif rank2 == rank1 + 1 and x2.shape[-1] == 1:
        if rank1 == 1 and expand_rank_1:
            x1 = ops.expand_dims(x1, axis=-1)
        else:
            x2 = ops.squeeze(x2, axis=-1)
    return x1, x2


def _num_elements(shape):
    if any(d is None for d in shape):
        return None
    return math.prod(shape)


def reduce_values(values, sample_weight=None, reduction="sum_over_batch_size"):
    """Reduce (already weighted) per-sample ``values`` as ``reduction`` says."""
    shape = tuple(values.shape)
    if reduction is None or reduction == "none" or shape == () or shape == (0,):
        return values
    if reduction == "sum":
        return ops.sum(values)
    if reduction == "mean_with_sample_weight" and sample_weight is not None:
        return ops.divide_no_nan(ops.sum(values), ops.sum(sample_weight))
    size = _num_elements(shape)
    if size:  # the fast path: one op
        return ops.mean(values)
    # Unknown or zero size: divide by the count, giving 0 (not NaN) when empty.
    count = ops.cast(ops.size(values), values.dtype)
    return ops.divide_no_nan(ops.sum(values), count)


def apply_mask(sample_weight, mask, dtype, reduction):
    """Fold a boolean ``mask`` into ``sample_weight``.

    For the mean reductions, valid entries get weight ``total / valid`` so that
    dividing by the number of entries averages over the valid ones only.
    """
    if mask is None:
        return sample_weight
    if reduction in ("mean", "sum_over_batch_size"):
        total = ops.cast(ops.size(mask), dtype)
        valid = ops.sum(ops.cast(mask, dtype))
        weight = ops.where(ops.cast(mask, "bool"), ops.divide_no_nan(total, valid), 0)
        weight = ops.cast(weight, dtype)
    else:
        weight = ops.cast(mask, dtype)
    if sample_weight is None:
        return weight
    sample_weight = ops.cast(sample_weight, dtype)
    weight, sample_weight = squeeze_or_expand_to_same_rank(weight, sample_weight)
    return sample_weight * weight


def reduce_weighted_values(values, sample_weight=None, mask=None,
                           reduction="sum_over_batch_size", dtype=None):
    """Weight per-sample ``values`` by ``sample_weight`` and ``mask``, then reduce."""
    reduction = standardize_reduction(reduction)
    values = ops.convert_to_tensor(values, dtype=dtype)
    if sample_weight is not None:
        sample_weight = ops.convert_to_tensor(sample_weight, dtype=dtype)
    sample_weight = apply_mask(sample_weight, mask, values.dtype, reduction)
    if sample_weight is not None:
        sample_weight = ops.cast(sample_weight, values.dtype)
        values, sample_weight = squeeze_or_expand_to_same_rank(values, sample_weight)
        values = values * sample_weight
    return reduce_values(values, sample_weight, reduction)
