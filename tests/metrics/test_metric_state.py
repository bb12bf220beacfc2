"""How metric state behaves: on-device accumulation, snapshots, the unweighted fast
path, symbolic inputs to losses."""
import numpy as np

from ceras import backend, losses, metrics, ops


def _np(x):
    return np.asarray(ops.convert_to_numpy(x))


def test_results_are_snapshots_not_views_of_the_state():
    total = metrics.Sum()
    total.update_state([1.0, 2.0])
    first = total.result()
    total.update_state([10.0])
    assert float(_np(first)) == 3.0 and float(_np(total.result())) == 13.0
    positives = metrics.TruePositives()
    positives.update_state([1, 1], [0.9, 0.8])
    first = positives.result()
    positives.update_state([1], [0.9])
    assert float(_np(first)) == 2.0


def test_unweighted_fast_path_equals_weighted_path_with_unit_weights():
    values = np.random.default_rng(0).normal(size=(6, 3, 2)).astype("float32")
    fast, slow = metrics.Mean(), metrics.Mean()
    fast.update_state(values)
    slow.update_state(values, sample_weight=np.ones(6, "float32"))
    np.testing.assert_allclose(_np(fast.result()), _np(slow.result()), rtol=1e-6)
    np.testing.assert_allclose(_np(fast.count), 6.0)


def test_state_lives_in_non_trainable_variables():
    metric = metrics.BinaryAccuracy()
    metric.update_state([[1.0], [0.0]], [[0.9], [0.8]])
    assert all(isinstance(v, backend.Variable) and not v.trainable for v in metric.variables)
    assert [v.path for v in metric.variables] == ["binary_accuracy/total",
                                                 "binary_accuracy/count"]
    np.testing.assert_allclose([_np(v) for v in metric.variables], [1.0, 2.0])


def test_call_updates_then_returns_result():
    metric = metrics.Mean()
    np.testing.assert_allclose(_np(metric([1.0, 3.0])), 2.0)
    np.testing.assert_allclose(_np(metric([5.0])), 3.0)


def test_losses_on_symbolic_inputs_give_symbolic_outputs():
    y = backend.KerasTensor((None, 3), "float32")
    assert losses.MeanSquaredError()(y, y).shape == ()
    assert losses.CategoricalCrossentropy(reduction=None)(y, y).shape == (None,)
