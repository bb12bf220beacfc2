"""Inputs shared by the metric tests: batch makers per kind of metric, and the table
of (class name, constructor kwargs, batch maker) every oracle test runs over."""
import numpy as np

BATCH, CLASSES = 8, 4


def _rng(seed):
    return np.random.default_rng(seed)


def _softmax(x):
    e = np.exp(x - x.max(-1, keepdims=True))
    return (e / e.sum(-1, keepdims=True)).astype("float32")


def regression(seed):
    rng = _rng(seed)
    return (rng.uniform(0.1, 2.0, (BATCH, CLASSES)).astype("float32"),
            rng.uniform(0.1, 2.0, (BATCH, CLASSES)).astype("float32"))


def signed(seed):
    rng = _rng(seed)
    return (rng.normal(size=(BATCH, CLASSES)).astype("float32"),
            rng.normal(size=(BATCH, CLASSES)).astype("float32"))


def binary(seed):
    rng = _rng(seed)
    return (rng.integers(0, 2, (BATCH, CLASSES)).astype("float32"),
            rng.uniform(0.01, 0.99, (BATCH, CLASSES)).astype("float32"))


def binary_column(seed):
    rng = _rng(seed)
    return (rng.integers(0, 2, (BATCH, 1)).astype("float32"),
            rng.uniform(0.01, 0.99, (BATCH, 1)).astype("float32"))


def binary_logits(seed):
    rng = _rng(seed)
    return (rng.integers(0, 2, (BATCH, CLASSES)).astype("float32"),
            rng.normal(scale=2.0, size=(BATCH, CLASSES)).astype("float32"))


def exact(seed):
    rng = _rng(seed)
    y = rng.integers(0, 3, (BATCH, 1)).astype("float32")
    pred = y.copy()
    pred[::3] = (pred[::3] + 1) % 3
    return y, pred


def categorical(seed):
    rng = _rng(seed)
    return (np.eye(CLASSES, dtype="float32")[rng.integers(0, CLASSES, BATCH)],
            _softmax(rng.normal(size=(BATCH, CLASSES))))


def categorical_logits(seed):
    rng = _rng(seed)
    return (np.eye(CLASSES, dtype="float32")[rng.integers(0, CLASSES, BATCH)],
            rng.normal(scale=2.0, size=(BATCH, CLASSES)).astype("float32"))


def sparse(seed):
    rng = _rng(seed)
    return (rng.integers(0, CLASSES, (BATCH, 1)).astype("int32"),
            _softmax(rng.normal(size=(BATCH, CLASSES))))


def sparse_flat(seed):
    y_true, y_pred = sparse(seed)
    return y_true[:, 0], y_pred


def segmentation(seed):
    rng = _rng(seed)
    return (rng.integers(0, 3, (BATCH, 5)).astype("int32"),
            rng.integers(0, 3, (BATCH, 5)).astype("int32"))


def segmentation_one_hot(seed):
    rng = _rng(seed)
    return (np.eye(3, dtype="float32")[rng.integers(0, 3, (BATCH, 5))],
            _softmax(rng.normal(size=(BATCH, 5, 3))))


def multilabel_scores(seed):
    rng = _rng(seed)
    return (rng.integers(0, 2, (BATCH, CLASSES)).astype("float32"),
            rng.uniform(0.0, 1.0, (BATCH, CLASSES)).astype("float32"))


def sample_weight(seed):
    return _rng(seed + 100).uniform(0.0, 2.0, BATCH).astype("float32")


# (class name, constructor kwargs, batch maker)
METRIC_CASES = [
    ("Accuracy", {}, exact),
    ("BinaryAccuracy", {}, binary),
    ("BinaryAccuracy", {"threshold": 0.7}, binary_column),
    ("CategoricalAccuracy", {}, categorical),
    ("SparseCategoricalAccuracy", {}, sparse),
    ("SparseCategoricalAccuracy", {}, sparse_flat),
    ("TopKCategoricalAccuracy", {"k": 2}, categorical),
    ("SparseTopKCategoricalAccuracy", {"k": 2}, sparse_flat),
    ("MeanSquaredError", {}, regression),
    ("MeanAbsoluteError", {}, regression),
    ("MeanAbsolutePercentageError", {}, regression),
    ("MeanSquaredLogarithmicError", {}, regression),
    ("RootMeanSquaredError", {}, regression),
    ("LogCoshError", {}, signed),
    ("CosineSimilarity", {}, signed),
    ("Hinge", {}, binary_logits),
    ("SquaredHinge", {}, binary_logits),
    ("CategoricalHinge", {}, categorical_logits),
    ("BinaryCrossentropy", {}, binary),
    ("BinaryCrossentropy", {"from_logits": True, "label_smoothing": 0.1}, binary_logits),
    ("CategoricalCrossentropy", {}, categorical),
    ("CategoricalCrossentropy", {"from_logits": True, "label_smoothing": 0.1},
     categorical_logits),
    ("SparseCategoricalCrossentropy", {}, sparse_flat),
    ("SparseCategoricalCrossentropy", {"ignore_class": 1}, sparse_flat),
    ("KLDivergence", {}, categorical),
    ("Poisson", {}, regression),
    ("PearsonCorrelation", {}, signed),
    ("ConcordanceCorrelation", {}, signed),
    ("TruePositives", {}, binary),
    ("FalsePositives", {"thresholds": [0.2, 0.8, 0.5]}, binary),
    ("TrueNegatives", {"thresholds": 0.3}, binary),
    ("FalseNegatives", {}, binary),
    ("Precision", {}, binary),
    ("Precision", {"thresholds": [0.7, 0.3]}, binary),
    ("Precision", {"top_k": 2}, binary),
    ("Precision", {"class_id": 1}, binary),
    ("Recall", {}, binary),
    ("Recall", {"top_k": 1, "class_id": 2}, binary),
    ("Recall", {"thresholds": [0.0, 0.25, 0.5, 0.75, 1.0]}, binary),
    ("AUC", {}, binary),
    ("AUC", {"curve": "PR"}, binary),
    ("AUC", {"curve": "PR", "summation_method": "minoring"}, binary),
    ("AUC", {"summation_method": "majoring", "num_thresholds": 17}, binary),
    ("AUC", {"curve": "PRGAIN"}, binary),
    ("AUC", {"thresholds": [0.1, 0.5, 0.9]}, binary),
    ("AUC", {"from_logits": True}, binary_logits),
    ("AUC", {"multi_label": True}, multilabel_scores),
    ("AUC", {"multi_label": True, "num_labels": CLASSES,
             "label_weights": [1.0, 0.5, 2.0, 0.0]}, multilabel_scores),
    ("AUC", {"label_weights": [1.0, 0.5, 2.0, 0.0]}, multilabel_scores),
    ("PrecisionAtRecall", {"recall": 0.6}, binary),
    ("RecallAtPrecision", {"precision": 0.5}, binary),
    ("SensitivityAtSpecificity", {"specificity": 0.5}, binary),
    ("SpecificityAtSensitivity", {"sensitivity": 0.5, "num_thresholds": 21}, binary),
    ("SensitivityAtSpecificity", {"specificity": 0.4, "class_id": 2}, binary),
    ("F1Score", {}, categorical),
    ("F1Score", {"average": "micro", "threshold": 0.3}, multilabel_scores),
    ("F1Score", {"average": "macro"}, categorical),
    ("FBetaScore", {"beta": 2.0, "average": "weighted", "threshold": 0.5},
     multilabel_scores),
    ("IoU", {"num_classes": 3, "target_class_ids": [0, 2]}, segmentation),
    ("MeanIoU", {"num_classes": 3}, segmentation),
    ("MeanIoU", {"num_classes": 3, "ignore_class": 1}, segmentation),
    ("BinaryIoU", {}, binary),
    ("BinaryIoU", {"target_class_ids": [1], "threshold": 0.3}, binary),
    ("OneHotIoU", {"num_classes": 3, "target_class_ids": [1]}, segmentation_one_hot),
    ("OneHotMeanIoU", {"num_classes": 3}, segmentation_one_hot),
    ("R2Score", {}, regression),
    ("R2Score", {"class_aggregation": "variance_weighted_average"}, regression),
    ("R2Score", {"class_aggregation": None, "num_regressors": 2}, regression),
]

# Metrics whose state is integer (their sample weights must be integers to mean
# the same thing in both libraries).
INTEGER_STATE = {"IoU", "MeanIoU", "BinaryIoU", "OneHotIoU", "OneHotMeanIoU"}


def case_id(case):
    name, kwargs, maker = case
    args = "-".join(f"{k}={v}" for k, v in kwargs.items())
    return f"{name}-{maker.__name__}" + (f"-{args}" if args else "")
