"""Metrics that scikit-learn also computes, checked against it (a second,
independent reference besides Keras)."""
import numpy as np
import pytest

from ceras import metrics, ops

sklearn_metrics = pytest.importorskip("sklearn.metrics")


def _np(x):
    return np.asarray(ops.convert_to_numpy(x))


def _binary_batches(seed, n=64):
    rng = np.random.default_rng(seed)
    y_true = rng.integers(0, 2, n).astype("float32")
    # Scores on a coarse grid (ties included) between thresholds, so the threshold
    # sweep sees every distinct score: the trapezoid AUC is then exact.
    y_pred = (np.round(rng.uniform(0, 1, n) * 0.6 + y_true * 0.3, 1) + 0.025).astype("float32")
    return y_true, np.clip(y_pred, 0.0, 1.0)


@pytest.mark.parametrize("weighted", [False, True])
def test_roc_auc_matches_sklearn(weighted):
    y_true, y_pred = _binary_batches(0)
    sw = np.random.default_rng(1).uniform(0.1, 2, y_true.shape).astype("float32") \
        if weighted else None
    auc = metrics.AUC(num_thresholds=201)
    for part in (slice(0, 20), slice(20, 64)):  # two update_state calls
        auc.update_state(y_true[part], y_pred[part],
                         sample_weight=None if sw is None else sw[part])
    expected = sklearn_metrics.roc_auc_score(y_true, y_pred, sample_weight=sw)
    np.testing.assert_allclose(_np(auc.result()), expected, rtol=1e-5)


def test_multi_label_roc_auc_matches_sklearn_macro_average():
    rng = np.random.default_rng(2)
    y_true = rng.integers(0, 2, (80, 3)).astype("float32")
    y_pred = np.clip(np.round(rng.uniform(0, 0.7, (80, 3)) + 0.3 * y_true, 1) + 0.025, 0, 1)
    auc = metrics.AUC(num_thresholds=201, multi_label=True)
    auc.update_state(y_true, y_pred.astype("float32"))
    expected = sklearn_metrics.roc_auc_score(y_true, y_pred, average="macro")
    np.testing.assert_allclose(_np(auc.result()), expected, rtol=1e-5)


@pytest.mark.parametrize("cls,reference", [("Precision", "precision_score"),
                                           ("Recall", "recall_score")])
def test_precision_recall_match_sklearn(cls, reference):
    y_true, y_pred = _binary_batches(3)
    sw = np.random.default_rng(4).uniform(0.1, 2, y_true.shape).astype("float32")
    metric = getattr(metrics, cls)(thresholds=0.5)
    metric.update_state(y_true[:30], y_pred[:30], sample_weight=sw[:30])
    metric.update_state(y_true[30:], y_pred[30:], sample_weight=sw[30:])
    expected = getattr(sklearn_metrics, reference)(y_true, y_pred > 0.5, sample_weight=sw)
    np.testing.assert_allclose(_np(metric.result()), expected, rtol=1e-6)


@pytest.mark.parametrize("average", [None, "micro", "macro", "weighted"])
def test_f1_score_matches_sklearn(average):
    rng = np.random.default_rng(5)
    y_true = rng.integers(0, 2, (50, 4)).astype("float32")
    y_pred = rng.uniform(0, 1, (50, 4)).astype("float32")
    metric = metrics.F1Score(average=average, threshold=0.5)
    metric.update_state(y_true, y_pred)
    expected = sklearn_metrics.f1_score(y_true, y_pred > 0.5, average=average)
    np.testing.assert_allclose(_np(metric.result()), expected, rtol=1e-5)


def test_fbeta_score_matches_sklearn():
    rng = np.random.default_rng(6)
    y_true = rng.integers(0, 2, (50, 3)).astype("float32")
    y_pred = rng.uniform(0, 1, (50, 3)).astype("float32")
    metric = metrics.FBetaScore(beta=2.0, average="macro", threshold=0.4)
    metric.update_state(y_true, y_pred)
    expected = sklearn_metrics.fbeta_score(y_true, y_pred > 0.4, beta=2.0, average="macro")
    np.testing.assert_allclose(_np(metric.result()), expected, rtol=1e-5)


@pytest.mark.parametrize("aggregation,multioutput", [
    ("uniform_average", "uniform_average"),
    ("variance_weighted_average", "variance_weighted"),
    (None, "raw_values"),
])
@pytest.mark.parametrize("weighted", [False, True])
def test_r2_score_matches_sklearn(aggregation, multioutput, weighted):
    rng = np.random.default_rng(7)
    y_true = rng.normal(size=(40, 3)).astype("float32")
    y_pred = (y_true + rng.normal(scale=0.5, size=(40, 3))).astype("float32")
    sw = rng.uniform(0.1, 2, 40).astype("float32") if weighted else None
    metric = metrics.R2Score(class_aggregation=aggregation)
    metric.update_state(y_true[:15], y_pred[:15], None if sw is None else sw[:15])
    metric.update_state(y_true[15:], y_pred[15:], None if sw is None else sw[15:])
    expected = sklearn_metrics.r2_score(y_true, y_pred, sample_weight=sw,
                                        multioutput=multioutput)
    np.testing.assert_allclose(_np(metric.result()), expected, rtol=1e-4, atol=1e-6)


def test_mean_iou_matches_sklearn_jaccard():
    rng = np.random.default_rng(8)
    y_true = rng.integers(0, 4, (6, 10))
    y_pred = np.where(rng.uniform(size=(6, 10)) < 0.7, y_true, rng.integers(0, 4, (6, 10)))
    metric = metrics.MeanIoU(num_classes=4)
    metric.update_state(y_true, y_pred)
    expected = sklearn_metrics.jaccard_score(y_true.ravel(), y_pred.ravel(), average="macro")
    np.testing.assert_allclose(_np(metric.result()), expected, rtol=1e-5)
    iou = metrics.IoU(num_classes=4, target_class_ids=[2])
    iou.update_state(y_true, y_pred)
    per_class = sklearn_metrics.jaccard_score(y_true.ravel(), y_pred.ravel(), average=None)
    np.testing.assert_allclose(_np(iou.result()), per_class[2], rtol=1e-5)


def test_accuracy_matches_sklearn():
    rng = np.random.default_rng(9)
    y_true = rng.integers(0, 5, 100)
    logits = rng.normal(size=(100, 5)).astype("float32")
    metric = metrics.SparseCategoricalAccuracy()
    metric.update_state(y_true, logits)
    expected = sklearn_metrics.accuracy_score(y_true, logits.argmax(-1))
    np.testing.assert_allclose(_np(metric.result()), expected, rtol=1e-6)
