"""The scikit-learn wrappers: real estimators (clone, params, CV, grid search, pickling)."""
import pickle

import numpy as np
import pytest

sklearn = pytest.importorskip("sklearn")
from sklearn.base import clone  # noqa: E402
from sklearn.datasets import load_iris, make_regression  # noqa: E402
from sklearn.model_selection import GridSearchCV, cross_val_score  # noqa: E402
from sklearn.pipeline import make_pipeline  # noqa: E402
from sklearn.preprocessing import StandardScaler  # noqa: E402
from sklearn.utils.estimator_checks import check_estimator  # noqa: E402

import ceras  # noqa: E402
from ceras.wrappers import SKLearnClassifier, SKLearnRegressor, SKLearnTransformer  # noqa: E402


def make_model(X, y, loss, hidden=8, activation=None):
    """A seeded MLP sized from the data (seeded so that two fits agree)."""
    init = ceras.initializers.GlorotUniform(seed=1)
    inputs = ceras.Input((X.shape[1],))
    h = ceras.layers.Dense(hidden, activation="relu", kernel_initializer=init)(inputs)
    outputs = ceras.layers.Dense(y.shape[1], activation=activation, kernel_initializer=init)(h)
    model = ceras.Model(inputs, outputs)
    model.compile(optimizer=ceras.optimizers.Adam(learning_rate=0.02), loss=loss)
    return model


def iris():
    X, y = load_iris(return_X_y=True)
    return StandardScaler().fit_transform(X).astype("float32"), y


def classifier(**fit_kwargs):
    return SKLearnClassifier(
        make_model, model_kwargs={"loss": "categorical_crossentropy", "activation": "softmax",
                                  "hidden": 16},
        fit_kwargs={"epochs": 15, "verbose": 0, "batch_size": 32, **fit_kwargs})


def test_classifier_fits_iris_and_predicts_original_labels():
    X, y = iris()
    names = np.array(["setosa", "versicolor", "virginica"])[y]
    clf = classifier().fit(X, names)
    np.testing.assert_array_equal(clf.classes_, ["setosa", "versicolor", "virginica"])
    predictions = clf.predict(X)
    assert predictions.dtype == names.dtype and set(predictions) <= set(names)
    assert clf.score(X, names) > 0.85
    scores = clf.decision_function(X[:5])
    assert scores.shape == (5, 3)
    np.testing.assert_array_equal(clf.classes_[scores.argmax(axis=1)], predictions[:5])
    assert clf.epoch_ == 15 and len(clf.history_["loss"]) == 15
    assert clf.n_features_in_ == 4


def test_classifier_targets_are_one_hot_for_the_model():
    X, y = iris()
    seen = {}

    def spy(X, y):
        seen["y"] = y
        return make_model(X, y, "categorical_crossentropy", activation="softmax")

    SKLearnClassifier(spy, fit_kwargs={"epochs": 1, "verbose": 0}).fit(X, y + 10)
    np.testing.assert_array_equal(seen["y"], np.eye(3)[y])


def test_regressor_fits_and_returns_1d_predictions():
    X, y = make_regression(n_samples=200, n_features=5, noise=0.1, random_state=0)
    y = y / y.std()
    reg = SKLearnRegressor(make_model, model_kwargs={"loss": "mse", "hidden": 16},
                           fit_kwargs={"epochs": 20, "verbose": 0, "batch_size": 32})
    reg.fit(X, y)
    assert reg.predict(X).shape == (200,)
    assert reg.score(X, y) > 0.8
    y2 = np.stack([y, -y], axis=1)
    assert reg.fit(X, y2).predict(X[:3]).shape == (3, 2)


def test_transformer_returns_model_outputs_in_a_pipeline():
    X, y = iris()
    trs = SKLearnTransformer(make_model, model_kwargs={"loss": "mse", "hidden": 4},
                             fit_kwargs={"epochs": 2, "verbose": 0})
    out = trs.fit(X, y).transform(X)
    np.testing.assert_allclose(out, trs.model_.predict(X, verbose=0))
    assert out.shape == (150, 1)
    pipe = make_pipeline(StandardScaler(), classifier(epochs=5))
    assert pipe.fit(X, y).predict(X).shape == (150,)


def test_compiled_model_instance_is_cloned_unless_warm_start():
    X, y = iris()
    model = make_model(X, np.eye(3)[y], "categorical_crossentropy", activation="softmax")
    before = [w.copy() for w in model.get_weights()]
    clf = SKLearnClassifier(model, fit_kwargs={"epochs": 2, "verbose": 0}).fit(X, y)
    assert clf.model_ is not model and clf.model_.compiled
    for a, b in zip(before, model.get_weights()):
        np.testing.assert_array_equal(a, b)  # the given model is left untouched

    warm = SKLearnClassifier(model, warm_start=True, fit_kwargs={"epochs": 1, "verbose": 0})
    warm.fit(X, y)
    assert warm.model_ is model
    first = warm.model_
    warm.fit(X, y)
    assert warm.model_ is first  # training goes on from the previous weights


def test_get_params_set_params_and_clone():
    clf = classifier()
    params = clf.get_params()
    assert set(params) == {"model", "warm_start", "model_kwargs", "fit_kwargs"}
    clf.set_params(warm_start=True, model_kwargs={"loss": "categorical_crossentropy"})
    assert clf.warm_start is True and clf.model_kwargs == {"loss": "categorical_crossentropy"}
    copy = clone(clf)
    assert copy is not clf and copy.get_params() == clf.get_params()
    assert not hasattr(copy, "model_")


def test_clone_of_a_model_instance_copies_weights_and_compile():
    X, y = iris()
    model = make_model(X, np.eye(3)[y], "categorical_crossentropy", activation="softmax")
    copy = clone(SKLearnClassifier(model)).model
    assert copy is not model and copy.compiled
    for a, b in zip(model.get_weights(), copy.get_weights()):
        np.testing.assert_array_equal(a, b)


def test_cross_val_score_and_grid_search():
    X, y = iris()
    scores = cross_val_score(classifier(epochs=8), X, y, cv=3)
    assert scores.shape == (3,) and scores.mean() > 0.6
    grid = GridSearchCV(classifier(epochs=5),
                        {"model_kwargs": [{"loss": "categorical_crossentropy", "hidden": 2,
                                           "activation": "softmax"},
                                          {"loss": "categorical_crossentropy", "hidden": 16,
                                           "activation": "softmax"}]},
                        cv=2)
    grid.fit(X, y)
    assert grid.best_params_["model_kwargs"]["hidden"] in (2, 16)
    assert grid.predict(X).shape == (150,)


def test_fitted_wrapper_pickles():
    X, y = iris()
    clf = classifier(epochs=3).fit(X, y)
    again = pickle.loads(pickle.dumps(clf))
    np.testing.assert_allclose(again.decision_function(X), clf.decision_function(X),
                               rtol=1e-6)
    np.testing.assert_array_equal(again.classes_, clf.classes_)


def test_uncompiled_model_is_rejected():
    X, y = iris()

    def uncompiled(X, y):
        return ceras.Sequential([ceras.Input((4,)), ceras.layers.Dense(3)])

    with pytest.raises(RuntimeError, match="must be compiled with a loss and an optimizer"):
        SKLearnClassifier(uncompiled).fit(X, y)


def test_bad_model_argument_and_targets_are_rejected():
    X, y = iris()
    with pytest.raises(TypeError, match="`model` must be a ceras Model or a callable"):
        SKLearnRegressor(model=3).fit(X, y)
    with pytest.raises(TypeError, match="the `model` callable must return a ceras Model"):
        SKLearnRegressor(model=lambda X, y: "nope").fit(X, y)
    with pytest.raises(ValueError, match="supports binary and multiclass targets only"):
        classifier().fit(X, X[:, 0])
    with pytest.raises(ValueError, match="at least 2 classes to train; received one class"):
        classifier().fit(X, np.zeros(150))


# Checks that need a fit to beat a score threshold, or a binary decision_function
# of shape (n_samples,), as Keras's own wrappers do not either.
_EXPECTED_FAILURES = {
    "SKLearnClassifier": {
        "check_classifiers_train": "poor score after one short fit; 2-column decision_function",
        "check_classifiers_classes": "a short fit on tiny data may not predict every class",
        "check_classifiers_one_label_sample_weights": "zero-weight samples still shape the fit",
        "check_classifier_data_not_an_array": "a short fit may not reach the same argmax",
    },
    "SKLearnRegressor": {
        "check_regressor_multioutput": "predictions keep the model's float32 dtype, as Keras's",
    },
    "SKLearnTransformer": {},
}


@pytest.mark.parametrize("estimator", [
    SKLearnClassifier(make_model, model_kwargs={"loss": "categorical_crossentropy",
                                                "activation": "softmax"},
                      fit_kwargs={"epochs": 1, "verbose": 0, "shuffle": False}),
    SKLearnRegressor(make_model, model_kwargs={"loss": "mse"},
                     fit_kwargs={"epochs": 1, "verbose": 0, "shuffle": False}),
    SKLearnTransformer(make_model, model_kwargs={"loss": "mse"},
                       fit_kwargs={"epochs": 1, "verbose": 0, "shuffle": False}),
], ids=lambda e: type(e).__name__)
def test_sklearn_check_estimator(estimator):
    expected = _EXPECTED_FAILURES[type(estimator).__name__]
    results = check_estimator(estimator, on_fail=None)
    failed = {r["check_name"] for r in results if r["status"] == "failed"}
    assert failed <= set(expected), failed - set(expected)


def test_without_sklearn_the_wrappers_say_how_to_install(monkeypatch):
    from ceras.wrappers import sklearn_wrapper

    monkeypatch.setattr(sklearn_wrapper, "sklearn", None)
    with pytest.raises(ImportError, match="SKLearnRegressor requires scikit-learn"):
        SKLearnRegressor(make_model)
