"""Intersection-over-union metrics for segmentation: IoU, MeanIoU, BinaryIoU,
OneHotIoU, OneHotMeanIoU. All accumulate a (num_classes, num_classes) confusion
matrix (rows: true class, columns: predicted class)."""
from ceras import backend, ops
from ceras.metrics.metric import Metric


class IoU(Metric):
    """Mean IoU, ``tp / (tp + fp + fn)``, over ``target_class_ids``.

    Args:
        num_classes: number of classes.
        target_class_ids: the classes whose IoU is averaged.
        name: as for ``Metric``.
        dtype: dtype of the confusion matrix (default ``"int32"``).
        ignore_class: a label whose entries do not count.
        sparse_y_true: labels are class ids (True, default) or one-hot along ``axis``.
        sparse_y_pred: predictions are class ids (True, default) or scores along
            ``axis`` (arg-maxed).
        axis: the class axis of one-hot inputs (default -1).
    """

    def __init__(self, num_classes, target_class_ids, name=None, dtype=None,
                 ignore_class=None, sparse_y_true=True, sparse_y_pred=True, axis=-1):
        super().__init__(name=name, dtype=dtype or "int32")
        if max(target_class_ids) >= num_classes:
            raise ValueError(f"Target class id {max(target_class_ids)} is out of range, which "
                             f"is [0, {num_classes}).")
        self.num_classes = num_classes
        self.target_class_ids = list(target_class_ids)
        self.ignore_class = ignore_class
        self.sparse_y_true = sparse_y_true
        self.sparse_y_pred = sparse_y_pred
        self.axis = axis
        self.total_cm = self.add_variable((num_classes, num_classes), "zeros",
                                          dtype=self.dtype, name="total_confusion_matrix")
        self._targets = None

    def update_state(self, y_true, y_pred, sample_weight=None):
        if not self.sparse_y_true:
            y_true = ops.argmax(y_true, axis=self.axis)
        if not self.sparse_y_pred:
            y_pred = ops.argmax(y_pred, axis=self.axis)
        # Keras converts straight to the metric dtype (int32: scores are truncated).
        y_true = ops.reshape(ops.convert_to_tensor(y_true, dtype=self.dtype), (-1,))
        y_pred = ops.reshape(ops.convert_to_tensor(y_pred, dtype=self.dtype), (-1,))
        n = self.num_classes
        valid = ops.logical_and(
            ops.logical_and(ops.greater_equal(y_true, 0), ops.less(y_true, n)),
            ops.logical_and(ops.greater_equal(y_pred, 0), ops.less(y_pred, n)))
        if self.ignore_class is not None:
            valid = ops.logical_and(valid, ops.not_equal(y_true, self.ignore_class))
        cell = ops.where(valid, y_true * n + y_pred, 0)
        if sample_weight is None:
            weights = ops.cast(valid, "float32")
        else:
            sample_weight = ops.convert_to_tensor(sample_weight, dtype=self.dtype)
            sample_weight = ops.broadcast_to(ops.reshape(sample_weight, (-1,))
                                             if len(sample_weight.shape) > 1
                                             else sample_weight, ops.shape(y_true))
            weights = ops.cast(ops.where(valid, sample_weight, 0), "float32")
        counts = ops.bincount(cell, weights=weights, minlength=n * n)
        self.total_cm.assign_add(ops.cast(ops.reshape(counts, (n, n)), self.dtype))

    def result(self):
        cm = ops.cast(self.total_cm.value, "float32")
        tp = ops.diagonal(cm)
        denominator = ops.sum(cm, axis=0) + ops.sum(cm, axis=1) - tp
        if self._targets is None:
            self._targets = ops.convert_to_tensor(self.target_class_ids, dtype="int32")
        tp = ops.take(tp, self._targets)
        denominator = ops.take(denominator, self._targets)
        valid = ops.greater(denominator, 1e-9)
        iou = ops.where(valid, tp / (denominator + backend.epsilon()), 0.0)
        num_valid = ops.sum(ops.cast(valid, "float32"))
        return ops.sum(iou, axis=self.axis) / (num_valid + backend.epsilon())

    def get_config(self):
        return {"name": self.name, "dtype": self.dtype, "num_classes": self.num_classes,
                "target_class_ids": self.target_class_ids, "ignore_class": self.ignore_class,
                "sparse_y_true": self.sparse_y_true, "sparse_y_pred": self.sparse_y_pred,
                "axis": self.axis}


class BinaryIoU(IoU):
    """IoU of binary predictions (``y_pred >= threshold``) for the classes in
    ``target_class_ids`` (default both, (0, 1)).

    Args:
        target_class_ids: the classes (0 and/or 1) whose IoU is averaged.
        threshold: predictions at or above it are class 1 (default 0.5).
        name, dtype: as for ``IoU``.
    """

    def __init__(self, target_class_ids=(0, 1), threshold=0.5, name=None, dtype=None):
        super().__init__(num_classes=2, target_class_ids=target_class_ids, name=name,
                         dtype=dtype)
        self.threshold = threshold

    def update_state(self, y_true, y_pred, sample_weight=None):
        y_true = ops.convert_to_tensor(y_true, dtype=self.dtype)
        y_pred = ops.convert_to_tensor(y_pred, dtype="float32")
        y_pred = ops.cast(y_pred >= self.threshold, self.dtype)
        super().update_state(y_true, y_pred, sample_weight)

    def get_config(self):
        return {"target_class_ids": self.target_class_ids, "threshold": self.threshold,
                "name": self.name, "dtype": self.dtype}


class MeanIoU(IoU):
    """IoU averaged over all ``num_classes`` classes; other arguments as for ``IoU``."""

    def __init__(self, num_classes, name=None, dtype=None, ignore_class=None,
                 sparse_y_true=True, sparse_y_pred=True, axis=-1):
        super().__init__(num_classes=num_classes, target_class_ids=list(range(num_classes)),
                         name=name, dtype=dtype, ignore_class=ignore_class,
                         sparse_y_true=sparse_y_true, sparse_y_pred=sparse_y_pred, axis=axis)

    def get_config(self):
        return {"num_classes": self.num_classes, "name": self.name, "dtype": self.dtype,
                "ignore_class": self.ignore_class, "sparse_y_true": self.sparse_y_true,
                "sparse_y_pred": self.sparse_y_pred, "axis": self.axis}


class OneHotIoU(IoU):
    """IoU for one-hot labels (and, by default, score predictions); arguments as
    for ``IoU``."""

    def __init__(self, num_classes, target_class_ids, name=None, dtype=None,
                 ignore_class=None, sparse_y_pred=False, axis=-1):
        super().__init__(num_classes=num_classes, target_class_ids=target_class_ids,
                         name=name, dtype=dtype, ignore_class=ignore_class,
                         sparse_y_true=False, sparse_y_pred=sparse_y_pred, axis=axis)

    def get_config(self):
        return {"num_classes": self.num_classes, "target_class_ids": self.target_class_ids,
                "name": self.name, "dtype": self.dtype, "ignore_class": self.ignore_class,
                "sparse_y_pred": self.sparse_y_pred, "axis": self.axis}


class OneHotMeanIoU(MeanIoU):
    """Mean IoU for one-hot labels (and, by default, score predictions); arguments
    as for ``MeanIoU``."""

    def __init__(self, num_classes, name=None, dtype=None, ignore_class=None,
                 sparse_y_pred=False, axis=-1):
        super().__init__(num_classes=num_classes, name=name, dtype=dtype,
                         ignore_class=ignore_class, sparse_y_true=False,
                         sparse_y_pred=sparse_y_pred, axis=axis)

    def get_config(self):
        return {"num_classes": self.num_classes, "name": self.name, "dtype": self.dtype,
                "ignore_class": self.ignore_class, "sparse_y_pred": self.sparse_y_pred,
                "axis": self.axis}
