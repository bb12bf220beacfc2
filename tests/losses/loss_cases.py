"""Inputs shared by the loss tests: one (y_true, y_pred) maker per kind of loss."""
import numpy as np

BATCH, CLASSES = 6, 4


def _rng(seed):
    return np.random.default_rng(seed)


def regression(seed=0):
    rng = _rng(seed)
    return (rng.uniform(0.1, 2.0, (BATCH, CLASSES)).astype("float32"),
            rng.uniform(0.1, 2.0, (BATCH, CLASSES)).astype("float32"))


def signed(seed=0):
    rng = _rng(seed)
    return (rng.normal(size=(BATCH, CLASSES)).astype("float32"),
            rng.normal(size=(BATCH, CLASSES)).astype("float32"))


def binary(seed=0):
    rng = _rng(seed)
    return (rng.integers(0, 2, (BATCH, CLASSES)).astype("float32"),
            rng.uniform(0.02, 0.98, (BATCH, CLASSES)).astype("float32"))


def binary_logits(seed=0):
    rng = _rng(seed)
    return (rng.integers(0, 2, (BATCH, CLASSES)).astype("float32"),
            rng.normal(scale=2.0, size=(BATCH, CLASSES)).astype("float32"))


def hinge_pm1(seed=0):
    rng = _rng(seed)
    return (rng.choice([-1.0, 1.0], (BATCH, CLASSES)).astype("float32"),
            rng.normal(size=(BATCH, CLASSES)).astype("float32"))


def _softmax(x):
    e = np.exp(x - x.max(-1, keepdims=True))
    return (e / e.sum(-1, keepdims=True)).astype("float32")


def categorical(seed=0):
    rng = _rng(seed)
    labels = rng.integers(0, CLASSES, BATCH)
    return (np.eye(CLASSES, dtype="float32")[labels],
            _softmax(rng.normal(size=(BATCH, CLASSES))))


def categorical_logits(seed=0):
    rng = _rng(seed)
    labels = rng.integers(0, CLASSES, BATCH)
    return (np.eye(CLASSES, dtype="float32")[labels],
            rng.normal(scale=2.0, size=(BATCH, CLASSES)).astype("float32"))


def sparse(seed=0):
    rng = _rng(seed)
    return (rng.integers(0, CLASSES, BATCH).astype("int32"),
            _softmax(rng.normal(size=(BATCH, CLASSES))))


def sparse_column(seed=0):
    y_true, y_pred = sparse(seed)
    return y_true[:, None], y_pred


def sparse_sequence(seed=0):
    rng = _rng(seed)
    return (rng.integers(0, CLASSES, (BATCH, 5)).astype("int32"),
            rng.normal(size=(BATCH, 5, CLASSES)).astype("float32"))


def ctc(seed=0):
    rng = _rng(seed)
    labels = rng.integers(1, CLASSES, (BATCH, 3)).astype("int32")
    labels[::2, -1] = 0  # padding
    return labels, rng.normal(size=(BATCH, 8, CLASSES)).astype("float32")


def embeddings(seed=0):
    rng = _rng(seed)
    x = rng.normal(size=(BATCH, 5)).astype("float32")
    return (np.array([0, 1, 0, 1, 2, 2], dtype="int32"),
            (x / np.linalg.norm(x, axis=-1, keepdims=True)).astype("float32"))


def sample_weight(seed=0):
    return _rng(seed + 100).uniform(0.0, 2.0, BATCH).astype("float32")


# class name -> (constructor kwargs, input maker)
LOSS_CASES = [
    ("MeanSquaredError", {}, regression),
    ("MeanAbsoluteError", {}, regression),
    ("MeanAbsolutePercentageError", {}, regression),
    ("MeanSquaredLogarithmicError", {}, regression),
    ("Huber", {}, signed),
    ("Huber", {"delta": 0.5}, signed),
    ("LogCosh", {}, signed),
    ("CosineSimilarity", {}, signed),
    ("CosineSimilarity", {"axis": 0}, signed),
    ("BinaryCrossentropy", {}, binary),
    ("BinaryCrossentropy", {"from_logits": True, "label_smoothing": 0.1}, binary_logits),
    ("BinaryFocalCrossentropy", {}, binary),
    ("BinaryFocalCrossentropy", {"apply_class_balancing": True, "alpha": 0.4, "gamma": 1.5,
                                 "from_logits": True, "label_smoothing": 0.2},
     binary_logits),
    ("CategoricalCrossentropy", {}, categorical),
    ("CategoricalCrossentropy", {"from_logits": True, "label_smoothing": 0.1},
     categorical_logits),
    ("CategoricalFocalCrossentropy", {}, categorical),
    ("CategoricalFocalCrossentropy", {"alpha": 0.5, "gamma": 1.0, "from_logits": True,
                                      "label_smoothing": 0.1}, categorical_logits),
    ("SparseCategoricalCrossentropy", {}, sparse),
    ("SparseCategoricalCrossentropy", {}, sparse_column),
    ("SparseCategoricalCrossentropy", {"from_logits": True}, sparse_sequence),
    ("SparseCategoricalCrossentropy", {"from_logits": True, "ignore_class": 2},
     sparse_sequence),
    ("CategoricalGeneralizedCrossEntropy", {}, sparse),
    ("CategoricalGeneralizedCrossEntropy", {"q": 0.3}, sparse),
    ("KLDivergence", {}, categorical),
    ("Poisson", {}, regression),
    ("Hinge", {}, binary_logits),
    ("Hinge", {}, hinge_pm1),
    ("SquaredHinge", {}, binary_logits),
    ("CategoricalHinge", {}, categorical_logits),
    ("Dice", {}, binary),
    ("Dice", {"axis": (1,)}, binary),
    ("Tversky", {}, binary),
    ("Tversky", {"alpha": 0.3, "beta": 0.7, "axis": (1,)}, binary),
    ("CTC", {}, ctc),
    ("Circle", {}, embeddings),
    ("Circle", {"gamma": 10.0, "margin": 0.25, "remove_diagonal": False}, embeddings),
]


def case_id(case):
    name, kwargs, maker = case
    return f"{name}-{maker.__name__}" + ("-" + "-".join(map(str, kwargs.values()))
                                         if kwargs else "")
