"""Every loss class and function against real Keras 3.15 (torch backend): same inputs,
same values, for each reduction, with and without sample weights and masks."""
import numpy as np
import pytest
from loss_cases import LOSS_CASES, case_id, regression, sample_weight, sparse_sequence

from ceras import losses, ops

REDUCTIONS = ["sum_over_batch_size", "sum", "mean", "mean_with_sample_weight", None]


def _np(x):
    return np.asarray(ops.convert_to_numpy(x)) if not isinstance(x, np.ndarray) else x


def _keras_np(x):
    return x.detach().cpu().numpy() if hasattr(x, "detach") else np.asarray(x)


@pytest.mark.oracle
@pytest.mark.parametrize("case", LOSS_CASES, ids=case_id)
@pytest.mark.parametrize("weighted", [False, True], ids=["unweighted", "weighted"])
def test_loss_class_matches_keras(case, weighted, keras_oracle):
    name, kwargs, maker = case
    y_true, y_pred = maker()
    sw = sample_weight() if weighted else None
    for reduction in REDUCTIONS:
        ours = getattr(losses, name)(reduction=reduction, **kwargs)
        theirs = getattr(keras_oracle.losses, name)(reduction=reduction, **kwargs)
        try:
            expected = _keras_np(theirs(y_true, y_pred, sample_weight=sw))
        except RuntimeError:  # weights that do not fit the loss's shape: both refuse
            # (torch raises RuntimeError for the broadcast, JAX TypeError / ValueError)
            with pytest.raises((RuntimeError, TypeError, ValueError)):
                ours(y_true, y_pred, sample_weight=sw)
            continue
        got = _np(ours(y_true, y_pred, sample_weight=sw))
        assert got.shape == expected.shape, (reduction, got.shape, expected.shape)
        np.testing.assert_allclose(got, expected, rtol=1e-5, atol=1e-6, err_msg=str(reduction))


_FUNCTIONS = sorted({fn for fn in losses.__all__ if fn[0].islower()}
                    - {"get", "serialize", "deserialize"})
_FUNCTION_INPUTS = {
    name: maker for cls, kwargs, maker in LOSS_CASES
    for name in [losses.get(cls).fn.__name__] if not kwargs
}


@pytest.mark.oracle
@pytest.mark.parametrize("name", _FUNCTIONS)
def test_loss_function_matches_keras(name, keras_oracle):
    maker = _FUNCTION_INPUTS.get(name, regression)
    y_true, y_pred = maker(seed=3)
    kwargs = {"q": 0.5} if name == "categorical_generalized_cross_entropy" else {}
    got = _np(getattr(losses, name)(y_true, y_pred, **kwargs))
    to_keras = keras_oracle.ops.convert_to_tensor
    expected = _keras_np(getattr(keras_oracle.losses, name)(to_keras(y_true), to_keras(y_pred),
                                                            **kwargs))
    np.testing.assert_allclose(got, expected, rtol=1e-5, atol=1e-6)


@pytest.mark.oracle
@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("weighted", [False, True], ids=["unweighted", "weighted"])
def test_masked_predictions_match_keras(reduction, weighted, keras_oracle):
    y_true, y_pred = sparse_sequence(seed=5)
    mask = np.ones(y_true.shape, dtype=bool)
    mask[0, 3:] = mask[2, 1:] = False
    sw = (np.random.default_rng(2).uniform(0, 2, mask.shape).astype("float32")
          if weighted else None)
    ours_pred = ops.convert_to_tensor(y_pred)
    ours_pred._keras_mask = ops.convert_to_tensor(mask)
    theirs_pred = keras_oracle.ops.convert_to_tensor(y_pred)
    theirs_pred._keras_mask = keras_oracle.ops.convert_to_tensor(mask)
    kwargs = {"from_logits": True, "reduction": reduction}
    got = losses.SparseCategoricalCrossentropy(**kwargs)(y_true, ours_pred, sample_weight=sw)
    expected = keras_oracle.losses.SparseCategoricalCrossentropy(**kwargs)(
        y_true, theirs_pred, sample_weight=sw)
    np.testing.assert_allclose(_np(got), _keras_np(expected), rtol=1e-5, atol=1e-6)


@pytest.mark.oracle
def test_per_timestep_sample_weight_matches_keras(keras_oracle):
    y_true, y_pred = sparse_sequence(seed=6)
    sw = np.random.default_rng(0).uniform(0, 1, y_true.shape).astype("float32")
    got = losses.SparseCategoricalCrossentropy(from_logits=True)(y_true, y_pred, sw)
    expected = keras_oracle.losses.SparseCategoricalCrossentropy(from_logits=True)(
        y_true, y_pred, sw)
    np.testing.assert_allclose(_np(got), _keras_np(expected), rtol=1e-6)


@pytest.mark.oracle
def test_column_labels_against_flat_predictions_match_keras(keras_oracle):
    # (N, 1) labels vs (N,) predictions: the wrapper aligns ranks before the math.
    y_true, y_pred = regression(seed=7)
    got = losses.MeanSquaredError()(y_true[:, :1], y_pred[:, 0])
    expected = keras_oracle.losses.MeanSquaredError()(y_true[:, :1], y_pred[:, 0])
    np.testing.assert_allclose(_np(got), _keras_np(expected), rtol=1e-6)


def test_mean_squared_error_matches_numpy():
    y_true, y_pred = regression(seed=8)
    got = losses.MeanSquaredError()(y_true, y_pred)
    np.testing.assert_allclose(_np(got), np.mean((y_true - y_pred) ** 2), rtol=1e-6)


def test_huber_matches_numpy():
    y_true, y_pred = regression(seed=9)
    err = np.abs(y_pred - y_true)
    expected = np.where(err <= 0.5, 0.5 * err ** 2, 0.5 * err - 0.125).mean()
    np.testing.assert_allclose(_np(losses.Huber(delta=0.5)(y_true, y_pred)), expected,
                               rtol=1e-6)


@pytest.mark.oracle
@pytest.mark.parametrize("name", ["mean_squared_error", "mean_absolute_error",
                                  "mean_absolute_percentage_error",
                                  "mean_squared_logarithmic_error", "huber", "log_cosh",
                                  "kl_divergence", "poisson"])
def test_rank_1_targets_align_with_column_predictions(keras_oracle, name):
    """(N,) targets against (N, 1) predictions: aligned, never broadcast to (N, N).
    Keras aligns for most losses but broadcasts for kl_divergence and poisson (its old
    bug, keras issue 14627); there the reference is Keras on explicitly aligned targets."""
    import numpy as np

    from ceras import losses, ops

    y_true = np.array([0.2, 0.5, 0.9], "float32")
    y_pred = np.array([[0.1], [0.6], [0.7]], "float32")
    ours = ops.convert_to_numpy(getattr(losses, name)(y_true, y_pred))
    reference_true = y_true[:, None] if name in ("kl_divergence", "poisson") else y_true
    theirs = keras_oracle.ops.convert_to_numpy(
        getattr(keras_oracle.losses, name)(reference_true, y_pred))
    assert ours.shape == theirs.shape == (3,)
    np.testing.assert_allclose(ours, theirs, rtol=1e-6, atol=1e-7)  # float32 ulps
