"""Metric configs, serialization and lookup: Keras's keys, Keras's serialize format,
round trips, `get` by name, and the errors a user sees."""
import numpy as np
import pytest
from metric_cases import METRIC_CASES, case_id

from ceras import losses, metrics, ops

# Constructor arguments Keras 3.15 leaves out of get_config; ceras writes them too.
EXTRA_KEYS = {"CosineSimilarity": {"axis"}}
REQUIRED = {"IoU": {"num_classes": 3, "target_class_ids": [0, 1]},
            "MeanIoU": {"num_classes": 3},
            "OneHotIoU": {"num_classes": 3, "target_class_ids": [0]},
            "OneHotMeanIoU": {"num_classes": 3},
            "PrecisionAtRecall": {"recall": 0.5}, "RecallAtPrecision": {"precision": 0.5},
            "SensitivityAtSpecificity": {"specificity": 0.5},
            "SpecificityAtSensitivity": {"sensitivity": 0.5}}
CLASS_NAMES = sorted(n for n in metrics.__all__
                     if n[0].isupper() and n not in ("Metric", "MeanMetricWrapper"))


def _np(x):
    return np.asarray(ops.convert_to_numpy(x))


@pytest.mark.parametrize("case", METRIC_CASES, ids=case_id)
def test_from_config_round_trip(case):
    name, kwargs, maker = case
    metric = getattr(metrics, name)(name="custom", **kwargs)
    config = metric.get_config()
    rebuilt = type(metric).from_config(config)
    assert rebuilt.get_config() == config
    assert config["name"] == "custom"
    # The rebuilt metric computes the same thing.
    y_true, y_pred = maker(0)
    np.testing.assert_allclose(_np(rebuilt(y_true, y_pred)), _np(metric(y_true, y_pred)))


@pytest.mark.oracle
@pytest.mark.parametrize("name", CLASS_NAMES)
def test_config_keys_and_defaults_match_keras(name, keras_oracle):
    kwargs = REQUIRED.get(name, {})
    ours = getattr(metrics, name)(**kwargs).get_config()
    theirs = getattr(keras_oracle.metrics, name)(**kwargs).get_config()
    extra = EXTRA_KEYS.get(name, set())
    assert list(k for k in ours if k not in extra) == list(theirs)  # same keys, same order
    assert {k: v for k, v in ours.items() if k not in extra} == theirs


@pytest.mark.oracle
@pytest.mark.parametrize("name", CLASS_NAMES)
def test_serialize_matches_keras_and_loads_in_keras(name, keras_oracle):
    kwargs = REQUIRED.get(name, {})
    ours = metrics.serialize(getattr(metrics, name)(**kwargs))
    theirs = keras_oracle.metrics.serialize(getattr(keras_oracle.metrics, name)(**kwargs))
    assert {k: v for k, v in ours.items() if k != "config"} == \
        {k: v for k, v in theirs.items() if k != "config"}
    assert type(metrics.deserialize(theirs)).__name__ == name
    assert type(keras_oracle.metrics.deserialize(ours)).__name__ == name


@pytest.mark.oracle
def test_mean_metric_wrapper_config_matches_keras(keras_oracle):
    ours = metrics.MeanMetricWrapper(losses.mean_squared_error, name="w", extra=3)
    theirs = keras_oracle.metrics.MeanMetricWrapper(keras_oracle.losses.mean_squared_error,
                                                    name="w", extra=3)
    assert ours.get_config() == theirs.get_config()
    rebuilt = metrics.MeanMetricWrapper.from_config(theirs.get_config())
    assert rebuilt._fn is losses.mean_squared_error and rebuilt._fn_kwargs == {"extra": 3}


@pytest.mark.oracle
def test_identifiers_match_keras(keras_oracle):
    from keras.src.metrics import ALL_OBJECTS_DICT as keras_names

    assert set(metrics.ALL_OBJECTS_DICT) == set(keras_names)
    for name, cls in keras_names.items():
        assert metrics.ALL_OBJECTS_DICT[name].__name__ == cls.__name__, name


@pytest.mark.parametrize("identifier,expected", [
    ("accuracy", metrics.Accuracy), ("binary_accuracy", metrics.BinaryAccuracy),
    ("mse", metrics.MeanSquaredError), ("MAE", metrics.MeanAbsoluteError),
    ("bce", metrics.BinaryCrossentropy), ("auc", metrics.AUC), ("AUC", metrics.AUC),
    ("f1_score", metrics.F1Score), ("r2_score", metrics.R2Score),
])
def test_get_by_name_gives_a_fresh_instance(identifier, expected):
    first, second = metrics.get(identifier), metrics.get(identifier)
    assert type(first) is expected and first is not second


def test_get_passes_instances_functions_and_none():
    metric = metrics.Mean()
    assert metrics.get(metric) is metric
    assert metrics.get(metrics.binary_accuracy) is metrics.binary_accuracy
    assert metrics.get(None) is None
    config = {"class_name": "BinaryAccuracy", "config": {"threshold": 0.3}}
    assert metrics.get(config).threshold == 0.3


def test_get_unknown_name_lists_valid_names():
    with pytest.raises(ValueError, match=r"Could not interpret metric identifier: 'acuracy'\. "
                                         r"Valid names are: ") as info:
        metrics.get("acuracy")
    valid = str(info.value).split("Valid names are: ")[1].split(", ")
    assert {"accuracy", "auc", "AUC", "mse", "mean_io_u"} <= set(valid)


def test_get_rejects_non_callable():
    with pytest.raises(ValueError, match=r"Could not interpret metric identifier: 1\.5\. "
                                         r"Expected a name"):
        metrics.get(1.5)


@pytest.mark.parametrize("make,message", [
    (lambda: metrics.AUC(curve="XY"), r'Invalid AUC curve value: "XY"'),
    (lambda: metrics.AUC(summation_method="mid"), r'Invalid AUC summation method value: "mid"'),
    (lambda: metrics.AUC(num_thresholds=1),
     r"Argument `num_thresholds` must be an integer > 1\. Received: num_thresholds=1"),
    (lambda: metrics.AUC(num_labels=3),
     r"`num_labels` is needed only when `multi_label` is True\."),
    (lambda: metrics.Precision(thresholds=[0.5, 1.5]),
     r"Threshold values must be in \[0, 1\]\. Received: \[1\.5\]"),
    (lambda: metrics.PrecisionAtRecall(recall=2.0),
     r"Argument `recall` must be in the range \[0, 1\]\. Received: recall=2\.0"),
    (lambda: metrics.SensitivityAtSpecificity(0.5, num_thresholds=0),
     r"Argument `num_thresholds` must be an integer > 0\. Received: num_thresholds=0"),
    (lambda: metrics.FBetaScore(average="mean"),
     r"Invalid `average` argument value\. .*Received: average=mean"),
    (lambda: metrics.FBetaScore(beta=2), r"It should be a Python float\. Received: beta=2"),
    (lambda: metrics.FBetaScore(beta=-1.0), r"It should be > 0\. Received: beta=-1\.0"),
    (lambda: metrics.F1Score(threshold=1), r"Received: threshold=1 of type"),
    (lambda: metrics.F1Score(threshold=1.5), r"0 < threshold <= 1\. Received: threshold=1\.5"),
    (lambda: metrics.IoU(num_classes=2, target_class_ids=[2]),
     r"Target class id 2 is out of range, which is \[0, 2\)\."),
    (lambda: metrics.R2Score(class_aggregation="median"),
     r"Invalid value for argument `class_aggregation`\. .*class_aggregation=median"),
    (lambda: metrics.R2Score(num_regressors=-1),
     r"Expected a value >= 0\. Received: num_regressors=-1"),
])
def test_constructor_errors_name_the_argument(make, message):
    with pytest.raises(ValueError, match=message):
        make()


@pytest.mark.parametrize("make,y_true,y_pred,message", [
    (lambda: metrics.F1Score(), np.ones(3), np.ones(3),
     r"FBetaScore expects 2D inputs with shape \(batch_size, output_dim\)\. Received input "
     r"shapes: y_pred.shape=\(3,\) and y_true.shape=\(3,\)\."),
    (lambda: metrics.R2Score(), np.ones(3), np.ones(3),
     r"R2Score expects 2D inputs .*y_pred.shape=\(3,\)"),
    (lambda: metrics.AUC(multi_label=True), np.ones(3), np.ones(3),
     r"`y_pred` must have rank 2 when `multi_label=True`\. Found rank 1\."),
    (lambda: metrics.Precision(class_id=0), np.ones(3), np.ones(3),
     r"When class_id is provided, y_pred must be a 2D array .*found shape: \(3,\)"),
])
def test_update_errors_name_the_shapes(make, y_true, y_pred, message):
    with pytest.raises(ValueError, match=message):
        make().update_state(y_true, y_pred)


def test_add_variable_before_init_message():
    class Broken(metrics.Metric):
        def __init__(self):
            self.add_variable((), "zeros", name="x")

    with pytest.raises(RuntimeError, match=r"Broken\.add_variable\(\) was called before "
                                           r"Metric\.__init__\(\)"):
        Broken()


def test_base_metric_methods_must_be_implemented():
    with pytest.raises(NotImplementedError, match=r"Metric Metric must implement "
                                                  r"update_state\(\)"):
        metrics.Metric().update_state(1)
    with pytest.raises(NotImplementedError, match=r"Metric Metric must implement result\(\)"):
        metrics.Metric().result()


def test_stateless_methods_leave_state_alone():
    metric = metrics.Mean()
    metric.update_state([1.0, 2.0])
    state = metric.stateless_reset_state()
    state = metric.stateless_update_state(state, [10.0, 20.0, 30.0])
    np.testing.assert_allclose(_np(metric.stateless_result(state)), 20.0)
    np.testing.assert_allclose(_np(metric.result()), 1.5)  # unchanged
    with pytest.raises(ValueError, match=r"corresponding 1:1 to Mean\(\)\.variables\. "
                                         r"Received list with length 1, but expected 2"):
        metric.stateless_result(state[:1])


def test_sub_metrics_contribute_variables():
    class Pair(metrics.Metric):
        def __init__(self):
            super().__init__(name="pair")
            self.first = metrics.Mean(name="first")
            self.second = metrics.Sum(name="second")

    assert [v.path for v in Pair().variables] == ["first/total", "first/count", "second/total"]


def test_repr_and_dtype():
    assert repr(metrics.Mean()) == "<Mean name=mean>"
    assert metrics.MeanIoU(num_classes=2).dtype == "int32"
    assert metrics.Mean(dtype="float64").result().dtype == ops.convert_to_tensor(
        np.float64(0)).dtype
