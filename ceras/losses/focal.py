"""Focal cross-entropies (Lin et al., 2017): cross-entropy down-weighted on
well-classified examples by ``(1 - p_t) ** gamma``."""
from ceras import backend, ops
from ceras.losses.crossentropy import _check_axis, _smooth_categorical
from ceras.losses.loss_function_wrapper import LossFunctionWrapper


def binary_focal_crossentropy(y_true, y_pred, apply_class_balancing=False, alpha=0.25,
                              gamma=2.0, from_logits=False, label_smoothing=0.0, axis=-1):
    """Binary cross-entropy times ``(1 - p_t) ** gamma``, averaged over ``axis``;
    with ``apply_class_balancing``, positives weigh ``alpha`` and negatives
    ``1 - alpha``."""
    y_pred = ops.convert_to_tensor(y_pred)
    y_true = ops.cast(y_true, ops.dtype(y_pred))
    if label_smoothing:
        y_true = y_true * (1.0 - label_smoothing) + 0.5 * label_smoothing
    if from_logits:
        y_pred = ops.sigmoid(y_pred)
    bce = ops.binary_crossentropy(y_true, y_pred, from_logits=False)
    p_t = y_true * y_pred + (1.0 - y_true) * (1.0 - y_pred)
    focal = ops.power(1.0 - p_t, gamma) * bce
    if apply_class_balancing:
        focal = (y_true * alpha + (1.0 - y_true) * (1.0 - alpha)) * focal
    return ops.mean(focal, axis=axis)


def categorical_focal_crossentropy(y_true, y_pred, alpha=0.25, gamma=2.0,
                                   from_logits=False, label_smoothing=0.0, axis=-1):
    """Categorical cross-entropy per class times ``alpha * (1 - p) ** gamma``,
    summed over ``axis``."""
    _check_axis(axis)
    y_pred = ops.convert_to_tensor(y_pred)
    y_true = ops.cast(y_true, ops.dtype(y_pred))
    if label_smoothing:
        y_true = _smooth_categorical(y_true, label_smoothing)
    if from_logits:
        y_pred = ops.softmax(y_pred, axis=axis)
    # Renormalize so each sample's probabilities sum to 1, then keep log() finite.
    probs = y_pred / ops.sum(y_pred, axis=axis, keepdims=True)
    probs = ops.clip(probs, backend.epsilon(), 1.0 - backend.epsilon())
    weight = alpha * ops.power(1.0 - probs, gamma)
    return ops.sum(weight * (-y_true * ops.log(probs)), axis=axis)


class BinaryFocalCrossentropy(LossFunctionWrapper):
    """Binary focal cross-entropy.

    Args:
        apply_class_balancing: weigh positives by ``alpha``, negatives by ``1 - alpha``.
        alpha: the class-balancing weight (default 0.25).
        gamma: the focusing exponent (default 2.0; 0 gives plain cross-entropy).
        from_logits, label_smoothing, axis: as for ``BinaryCrossentropy``.
        reduction, name, dtype: as for ``Loss``.
    """

    def __init__(self, apply_class_balancing=False, alpha=0.25, gamma=2.0, from_logits=False,
                 label_smoothing=0.0, axis=-1, reduction="sum_over_batch_size",
                 name="binary_focal_crossentropy", dtype=None):
        super().__init__(binary_focal_crossentropy, name=name, reduction=reduction,
                         dtype=dtype, apply_class_balancing=apply_class_balancing,
                         alpha=alpha, gamma=gamma, from_logits=from_logits,
                         label_smoothing=label_smoothing, axis=axis)
        self.apply_class_balancing = apply_class_balancing
        self.alpha = alpha
        self.gamma = gamma
        self.from_logits = from_logits
        self.label_smoothing = label_smoothing
        self.axis = axis

    def get_config(self):
        return {"name": self.name, "reduction": self.reduction,
                "from_logits": self.from_logits, "label_smoothing": self.label_smoothing,
                "axis": self.axis, "apply_class_balancing": self.apply_class_balancing,
                "alpha": self.alpha, "gamma": self.gamma}


class CategoricalFocalCrossentropy(LossFunctionWrapper):
    """Categorical focal cross-entropy.

    Args:
        alpha: weight of every class's term (default 0.25).
        gamma: the focusing exponent (default 2.0).
        from_logits, label_smoothing, axis: as for ``CategoricalCrossentropy``.
        reduction, name, dtype: as for ``Loss``.
    """

    def __init__(self, alpha=0.25, gamma=2.0, from_logits=False, label_smoothing=0.0,
                 axis=-1, reduction="sum_over_batch_size",
                 name="categorical_focal_crossentropy", dtype=None):
        super().__init__(categorical_focal_crossentropy, name=name, reduction=reduction,
                         dtype=dtype, alpha=alpha, gamma=gamma, from_logits=from_logits,
                         label_smoothing=label_smoothing, axis=axis)
        self.alpha = alpha
        self.gamma = gamma
        self.from_logits = from_logits
        self.label_smoothing = label_smoothing
        self.axis = axis

    def get_config(self):
        return {"name": self.name, "reduction": self.reduction,
                "from_logits": self.from_logits, "label_smoothing": self.label_smoothing,
                "axis": self.axis, "alpha": self.alpha, "gamma": self.gamma}
