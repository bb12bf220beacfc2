"""Every metric class against real Keras 3.15 (torch backend): the same batches, fed
through several update_state calls with and without sample weights, give the same
result; reset_state starts over."""
import numpy as np
import pytest
from metric_cases import (
    INTEGER_STATE, METRIC_CASES, binary, binary_logits, case_id, categorical,
    categorical_logits, regression, sample_weight, sparse, sparse_flat,
)

from ceras import metrics, ops


def _np(x):
    return np.asarray(ops.convert_to_numpy(x))


def _keras_np(x):
    return x.detach().cpu().numpy() if hasattr(x, "detach") else np.asarray(x)


def _feed(metric, batches, weights):
    for (y_true, y_pred), sw in zip(batches, weights):
        metric.update_state(y_true, y_pred, sample_weight=sw)
    return metric.result()


@pytest.mark.oracle
@pytest.mark.parametrize("case", METRIC_CASES, ids=case_id)
@pytest.mark.parametrize("weighted", [False, True], ids=["unweighted", "weighted"])
def test_metric_matches_keras_over_batches(case, weighted, keras_oracle):
    name, kwargs, maker = case
    batches = [maker(seed) for seed in (0, 1, 2)]
    if name in INTEGER_STATE:  # one integer weight per label entry
        shape = batches[0][0].shape[:-1] if name.startswith("OneHot") else batches[0][0].shape
        weights = [np.random.default_rng(seed).integers(0, 3, shape).astype("int32")
                   for seed in (0, 1, 2)]
    else:
        weights = [sample_weight(seed) for seed in (0, 1, 2)]
    weights = weights if weighted else [None] * 3
    ours = getattr(metrics, name)(**kwargs)
    theirs = getattr(keras_oracle.metrics, name)(**kwargs)
    expected = _keras_np(_feed(theirs, batches, weights))
    got = _np(_feed(ours, batches, weights))
    assert got.shape == expected.shape
    np.testing.assert_allclose(got, expected, rtol=1e-5, atol=1e-6)

    # reset_state forgets everything: one more batch gives the single-batch value.
    ours.reset_state()
    theirs.reset_state()
    np.testing.assert_allclose(_np(_feed(ours, batches[:1], weights[:1])),
                               _keras_np(_feed(theirs, batches[:1], weights[:1])),
                               rtol=1e-5, atol=1e-6)


@pytest.mark.oracle
@pytest.mark.parametrize("case", METRIC_CASES, ids=case_id)
def test_metric_state_variables_match_keras(case, keras_oracle):
    name, kwargs, maker = case
    ours = getattr(metrics, name)(**kwargs)
    theirs = getattr(keras_oracle.metrics, name)(**kwargs)
    _feed(ours, [maker(0)], [None])
    _feed(theirs, [maker(0)], [None])
    assert [v.name for v in ours.variables] == [v.name for v in theirs.variables]
    assert [v.dtype for v in ours.variables] == [v.dtype for v in theirs.variables]
    assert [tuple(v.shape) for v in ours.variables] == [tuple(v.shape) for v in theirs.variables]
    assert not any(v.trainable for v in ours.variables)


_FUNCTIONS = [n for n in metrics.__all__ if n[0].islower()
              and n not in ("get", "serialize", "deserialize")]
_FUNCTION_INPUTS = {
    "binary_accuracy": binary, "binary_crossentropy": binary,
    "binary_focal_crossentropy": binary, "categorical_accuracy": categorical,
    "categorical_crossentropy": categorical, "categorical_focal_crossentropy": categorical,
    "categorical_hinge": categorical_logits, "hinge": binary_logits,
    "kl_divergence": categorical, "sparse_categorical_accuracy": sparse,
    "sparse_categorical_crossentropy": sparse_flat,
    "sparse_top_k_categorical_accuracy": sparse_flat, "squared_hinge": binary_logits,
    "top_k_categorical_accuracy": categorical,
}


@pytest.mark.oracle
@pytest.mark.parametrize("name", _FUNCTIONS)
def test_metric_function_matches_keras(name, keras_oracle):
    y_true, y_pred = _FUNCTION_INPUTS.get(name, regression)(4)
    kwargs = {"k": 2} if "top_k" in name else {}
    to_keras = keras_oracle.ops.convert_to_tensor
    got = _np(getattr(metrics, name)(y_true, y_pred, **kwargs))
    expected = _keras_np(getattr(keras_oracle.metrics, name)(to_keras(y_true),
                                                             to_keras(y_pred), **kwargs))
    np.testing.assert_allclose(got, expected, rtol=1e-5, atol=1e-6)


@pytest.mark.oracle
def test_mean_with_masked_values_and_weights_matches_keras(keras_oracle):
    values = np.arange(12, dtype="float32").reshape(3, 4)
    mask = np.array([[1, 1, 0, 0], [1, 1, 1, 1], [0, 0, 0, 1]], dtype=bool)
    # Per-entry weights (Keras's in-place mask product refuses broadcasting ones).
    sw = np.linspace(0.5, 2.0, 12, dtype="float32").reshape(3, 4)
    ours_values = ops.convert_to_tensor(values)
    ours_values._keras_mask = ops.convert_to_tensor(mask)
    theirs_values = keras_oracle.ops.convert_to_tensor(values)
    theirs_values._keras_mask = keras_oracle.ops.convert_to_tensor(mask)
    ours, theirs = metrics.Mean(), keras_oracle.metrics.Mean()
    ours.update_state(ours_values, sample_weight=sw)
    theirs.update_state(theirs_values, sample_weight=sw)
    np.testing.assert_allclose(_np(ours.result()), _keras_np(theirs.result()), rtol=1e-6)


@pytest.mark.oracle
@pytest.mark.parametrize("cls", ["Mean", "Sum"])
def test_reduction_metrics_match_keras(cls, keras_oracle):
    rng = np.random.default_rng(0)
    batches = [rng.normal(size=(5, 3)).astype("float32"), rng.normal(size=(7,)),
               np.float32(2.5)]
    weights = [rng.uniform(size=(5,)).astype("float32"), None, None]
    ours, theirs = getattr(metrics, cls)(), getattr(keras_oracle.metrics, cls)()
    for values, sw in zip(batches, weights):
        ours.update_state(values, sample_weight=sw)
        theirs.update_state(values, sample_weight=sw)
    np.testing.assert_allclose(_np(ours.result()), _keras_np(theirs.result()), rtol=1e-6)
