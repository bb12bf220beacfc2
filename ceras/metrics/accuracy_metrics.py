"""Accuracy metrics: exact-match, binary, categorical, sparse and top-k accuracy,
as per-sample functions (1.0 for a hit, 0.0 for a miss) and running means."""
from ceras import backend, ops
from ceras.losses.loss import squeeze_or_expand_to_same_rank
from ceras.metrics.reduction_metrics import MeanMetricWrapper


def accuracy(y_true, y_pred):
    """1.0 where ``y_pred`` equals ``y_true`` exactly, else 0.0."""
    y_pred = ops.convert_to_tensor(y_pred)
    y_true = ops.convert_to_tensor(y_true, dtype=ops.dtype(y_pred))
    y_true, y_pred = squeeze_or_expand_to_same_rank(y_true, y_pred)
    return ops.cast(ops.equal(y_true, y_pred), backend.floatx())


def binary_accuracy(y_true, y_pred, threshold=0.5):
    """1.0 where ``y_pred > threshold`` matches the binary label ``y_true``."""
    y_pred = ops.convert_to_tensor(y_pred)
    y_true = ops.convert_to_tensor(y_true)
    y_true, y_pred = squeeze_or_expand_to_same_rank(y_true, y_pred)
    # `>` with a Python threshold skips converting it to a tensor (a hot path).
    y_pred = ops.cast(y_pred > threshold, ops.dtype(y_true))
    return ops.cast(ops.equal(y_true, y_pred), backend.floatx())


def _argmax_matches(labels, y_pred):
    predicted = ops.argmax(y_pred, axis=-1)
    if ops.dtype(predicted) != ops.dtype(labels):
        predicted = ops.cast(predicted, ops.dtype(labels))
    return ops.cast(ops.equal(labels, predicted), backend.floatx())


def categorical_accuracy(y_true, y_pred):
    """1.0 where the arg-max of ``y_pred`` is the arg-max of one-hot ``y_true``."""
    y_pred = ops.convert_to_tensor(y_pred)
    return _argmax_matches(ops.argmax(y_true, axis=-1), y_pred)


def sparse_categorical_accuracy(y_true, y_pred):
    """1.0 where the arg-max of ``y_pred`` equals the integer label ``y_true``."""
    y_pred = ops.convert_to_tensor(y_pred)
    y_true = ops.convert_to_tensor(y_true, dtype=ops.dtype(y_pred))
    shape = ops.shape(y_true)
    squeezed = len(shape) == len(y_pred.shape) and shape[-1] == 1
    if squeezed:
        y_true = ops.squeeze(y_true, -1)
    matches = _argmax_matches(y_true, y_pred)
    if squeezed:
        matches = ops.reshape(matches, shape)
    if len(matches.shape) > 1 and matches.shape[-1] == 1:
        matches = ops.squeeze(matches, -1)
    return matches


def _in_top_k(labels, y_pred, k):
    shape = ops.shape(labels)
    if len(y_pred.shape) > 2:
        y_pred = ops.reshape(y_pred, (-1, y_pred.shape[-1]))
    if len(shape) > 1:
        labels = ops.reshape(labels, (-1,))
    return labels, y_pred, shape


def top_k_categorical_accuracy(y_true, y_pred, k=5):
    """1.0 where the class of one-hot ``y_true`` is among the ``k`` largest
    predictions."""
    y_pred = ops.convert_to_tensor(y_pred)
    labels = ops.argmax(ops.convert_to_tensor(y_true, dtype=ops.dtype(y_pred)), axis=-1)
    labels, flat_pred, shape = _in_top_k(labels, y_pred, k)
    matches = ops.cast(ops.in_top_k(ops.cast(labels, "int32"), flat_pred, k=k),
                       backend.floatx())
    return ops.reshape(matches, shape) if len(shape) > 1 else matches


def sparse_top_k_categorical_accuracy(y_true, y_pred, k=5, from_sorted_ids=False):
    """1.0 where the integer label ``y_true`` is among the ``k`` largest predictions.

    With ``from_sorted_ids=True``, ``y_pred`` holds class ids sorted by score
    (e.g. from ``ops.top_k``) and only its first ``k`` columns are checked.
    """
    y_pred = ops.convert_to_tensor(y_pred)
    labels = ops.convert_to_tensor(y_true,
                                   dtype=ops.dtype(y_pred) if from_sorted_ids else "int32")
    labels, flat_pred, shape = _in_top_k(labels, y_pred, k)
    if from_sorted_ids:
        hits = ops.any(ops.equal(ops.expand_dims(labels, axis=1), flat_pred[:, :k]), axis=1)
    else:
        hits = ops.in_top_k(labels, flat_pred, k=k)
    matches = ops.cast(hits, backend.floatx())
    return ops.reshape(matches, shape) if len(shape) > 1 else matches


class Accuracy(MeanMetricWrapper):
    """How often predictions equal labels exactly."""

    def __init__(self, name="accuracy", dtype=None):
        super().__init__(fn=accuracy, name=name, dtype=dtype)

    def get_config(self):
        return {"name": self.name, "dtype": self.dtype}


class BinaryAccuracy(MeanMetricWrapper):
    """How often ``y_pred > threshold`` (default 0.5) matches binary labels."""

    def __init__(self, name="binary_accuracy", dtype=None, threshold=0.5):
        super().__init__(fn=binary_accuracy, name=name, dtype=dtype, threshold=threshold)
        self.threshold = threshold

    def get_config(self):
        return {"name": self.name, "dtype": self.dtype, "threshold": self.threshold}


class CategoricalAccuracy(MeanMetricWrapper):
    """How often the top prediction matches a one-hot label."""

    def __init__(self, name="categorical_accuracy", dtype=None):
        super().__init__(fn=categorical_accuracy, name=name, dtype=dtype)

    def get_config(self):
        return {"name": self.name, "dtype": self.dtype}


class SparseCategoricalAccuracy(MeanMetricWrapper):
    """How often the top prediction matches an integer label."""

    def __init__(self, name="sparse_categorical_accuracy", dtype=None):
        super().__init__(fn=sparse_categorical_accuracy, name=name, dtype=dtype)

    def get_config(self):
        return {"name": self.name, "dtype": self.dtype}


class TopKCategoricalAccuracy(MeanMetricWrapper):
    """How often a one-hot label is among the top ``k`` (default 5) predictions."""

    def __init__(self, k=5, name="top_k_categorical_accuracy", dtype=None):
        super().__init__(fn=top_k_categorical_accuracy, name=name, dtype=dtype, k=k)
        self.k = k

    def get_config(self):
        return {"name": self.name, "dtype": self.dtype, "k": self.k}


class SparseTopKCategoricalAccuracy(MeanMetricWrapper):
    """How often an integer label is among the top ``k`` (default 5) predictions."""

    def __init__(self, k=5, name="sparse_top_k_categorical_accuracy", dtype=None,
                 from_sorted_ids=False):
        super().__init__(fn=sparse_top_k_categorical_accuracy, name=name, dtype=dtype, k=k,
                         from_sorted_ids=from_sorted_ids)
        self.k = k
        self.from_sorted_ids = from_sorted_ids

    def get_config(self):
        config = {"name": self.name, "dtype": self.dtype, "k": self.k}
        if self.from_sorted_ids:  # Keras writes the key only when it is set
            config["from_sorted_ids"] = True
        return config
