"""Shared machinery of the thresholded metrics (TruePositives ... AUC): weighted
counts of true/false positives/negatives at a list of thresholds.

A prediction ``p`` is positive at threshold ``t`` when ``p > t``; a label is
positive when it is nonzero. The counts are accumulated without comparing every
prediction with every threshold: each prediction is located among the sorted
thresholds (``searchsorted``), the weights are histogrammed by that position
(``bincount``) and a reversed cumulative sum turns the histogram into counts.
That is O(P log T + T) per batch on the device instead of O(P * T).
"""
import numpy as np

from ceras import backend, ops
from ceras.losses.loss import squeeze_or_expand_to_same_rank

NEG_INF = -1e10  # Keras's stand-in for -inf (so top-k filtering stays finite)


def parse_thresholds(thresholds, default):
    """``thresholds`` (a float, a list, or None for ``default``) as a list of floats,
    each checked to lie in [0, 1]."""
    if thresholds is None:
        return [float(default)]
    values = list(thresholds) if isinstance(thresholds, (list, tuple, np.ndarray)) \
        else [thresholds]
    invalid = [t for t in values if t is None or t < 0 or t > 1]
    if invalid:
        raise ValueError(f"Threshold values must be in [0, 1]. Received: {invalid}")
    return [float(t) for t in values]


def is_evenly_distributed(thresholds):
    """True for thresholds 0, 1/(n-1), ..., 1 (up to epsilon), n >= 3."""
    n = len(thresholds)
    if n < 3:
        return False
    even = np.arange(n, dtype="float32") / (n - 1)
    return bool(np.allclose(thresholds, even, atol=backend.epsilon()))


def filter_top_k(x, k):
    """Keep the ``k`` largest entries of the last axis; the others become NEG_INF."""
    _, indices = ops.top_k(x, k)
    keep = ops.sum(ops.one_hot(indices, ops.shape(x)[-1], dtype=ops.dtype(x)), axis=-2)
    return x * keep + NEG_INF * (1.0 - keep)


class ThresholdCounter:
    """Counts of tp / fp / tn / fn at fixed thresholds.

    Args:
        thresholds: the thresholds, in the order the results are reported.
        clip_predictions: clip predictions to [0, 1] first (Keras does this when
            the thresholds are evenly spread over [0, 1]).
    """

    def __init__(self, thresholds, clip_predictions=False):
        self.num_thresholds = len(thresholds)
        order = np.argsort(thresholds, kind="stable")
        self._sorted = np.asarray(thresholds, dtype="float64")[order]
        self._is_sorted = bool(np.all(order == np.arange(len(order))))
        # counts_sorted[i] belongs to thresholds[order[i]]: gather to restore the order.
        self._restore = None if self._is_sorted else np.argsort(order).astype("int32")
        self._clip = clip_predictions
        self._tensors = {}

    def _constants(self, dtype):
        if dtype not in self._tensors:
            restore = None if self._restore is None else ops.convert_to_tensor(self._restore)
            self._tensors[dtype] = (ops.convert_to_tensor(self._sorted.astype(dtype)), restore)
        return self._tensors[dtype]

    def update(self, variables, y_true, y_pred, sample_weight=None, top_k=None,
               class_id=None, multi_label=False, label_weights=None):
        """Add this batch's counts to ``variables`` ({'tp'|'fp'|'tn'|'fn': Variable}).

        Variables have shape (T,), or (T, num_labels) with ``multi_label``.
        """
        dtype = next(iter(variables.values())).dtype
        y_true = ops.cast(y_true, dtype)
        y_pred = ops.cast(y_pred, dtype)
        y_pred, y_true = squeeze_or_expand_to_same_rank(y_pred, y_true)
        if sample_weight is not None:
            sample_weight = ops.expand_dims(ops.cast(sample_weight, dtype), axis=-1)
            _, sample_weight = squeeze_or_expand_to_same_rank(y_true, sample_weight,
                                                              expand_rank_1=False)
        if top_k is not None:
            y_pred = filter_top_k(y_pred, top_k)
        if class_id is not None:
            if len(y_pred.shape) == 1:
                raise ValueError(
                    "When class_id is provided, y_pred must be a 2D array with shape "
                    f"(num_samples, num_classes), found shape: {tuple(y_pred.shape)}")
            # take() copies the column, so later reshapes stay contiguous.
            y_true = ops.take(y_true, [class_id], axis=-1)
            y_pred = ops.take(y_pred, [class_id], axis=-1)
        if self._clip:
            y_pred = ops.clip(y_pred, 0.0, 1.0)

        weights = None
        if sample_weight is not None:
            weights = ops.broadcast_to(sample_weight, ops.shape(y_pred))
        if label_weights is not None and not multi_label:
            label_weights = ops.broadcast_to(ops.cast(label_weights, dtype),
                                             ops.shape(y_pred))
            weights = label_weights if weights is None else weights * label_weights
        positive = ops.cast(ops.not_equal(y_true, 0), dtype)
        pos_weight = positive if weights is None else positive * weights
        neg_weight = (1.0 - positive) if weights is None else (1.0 - positive) * weights

        if multi_label:
            num_labels = y_pred.shape[-1]
            y_pred = ops.reshape(y_pred, (-1, num_labels))
            pos_weight = ops.reshape(pos_weight, (-1, num_labels))
            neg_weight = ops.reshape(neg_weight, (-1, num_labels))
        else:
            num_labels = None
            y_pred = ops.reshape(y_pred, (-1,))
            pos_weight = ops.reshape(pos_weight, (-1,))
            neg_weight = ops.reshape(neg_weight, (-1,))

        thresholds, restore = self._constants(dtype)
        # Number of thresholds strictly below each prediction: p > t_i  <=>  i < slot.
        slot = ops.searchsorted(thresholds, y_pred, side="left")
        if "tp" in variables or "fn" in variables:
            tp = self._counts_above(slot, pos_weight, num_labels, restore)
            if "tp" in variables:
                variables["tp"].assign_add(tp)
            if "fn" in variables:
                variables["fn"].assign_add(ops.sum(pos_weight, axis=0) - tp)
        if "fp" in variables or "tn" in variables:
            fp = self._counts_above(slot, neg_weight, num_labels, restore)
            if "fp" in variables:
                variables["fp"].assign_add(fp)
            if "tn" in variables:
                variables["tn"].assign_add(ops.sum(neg_weight, axis=0) - fp)

    def _counts_above(self, slot, weight, num_labels, restore):
        bins = self.num_thresholds + 1
        if num_labels is None:
            hist = ops.bincount(ops.reshape(slot, (-1,)), weights=weight, minlength=bins)
        else:
            offsets = ops.arange(num_labels, dtype=ops.dtype(slot)) * bins
            flat = ops.reshape(slot + offsets, (-1,))
            hist = ops.bincount(flat, weights=ops.reshape(weight, (-1,)),
                                minlength=bins * num_labels)
            hist = ops.transpose(ops.reshape(hist, (num_labels, bins)))
        # count[i] = weight of predictions whose slot is > i: a suffix sum from i + 1.
        suffix = ops.flip(ops.cumsum(ops.flip(hist, axis=0), axis=0), axis=0)
        counts = suffix[1:]
        if restore is not None:
            counts = ops.take(counts, restore, axis=0)
        return ops.cast(counts, ops.dtype(weight))
