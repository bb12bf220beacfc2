"""ceras learns real data sets (scikit-learn's bundled ones) to good test scores."""
import numpy as np
import pytest

import ceras
from ceras import callbacks, layers

sklearn = pytest.importorskip("sklearn")
from sklearn import datasets, model_selection, preprocessing  # noqa: E402

pytestmark = pytest.mark.slow


@pytest.fixture(autouse=True)
def _one_torch_thread():
    # These small models gain nothing from intra-op threads, and when the suite runs
    # in parallel workers on 2 cores, competing thread pools make each step 50x slower.
    torch = pytest.importorskip("torch")
    previous = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(previous)


def _split(x, y, seed=0):
    x_train, x_test, y_train, y_test = model_selection.train_test_split(
        x, y, test_size=0.25, random_state=seed, stratify=y if y.dtype.kind == "i" else None)
    scaler = preprocessing.StandardScaler().fit(x_train)
    return (scaler.transform(x_train).astype("float32"), scaler.transform(x_test)
            .astype("float32"), y_train, y_test)


def test_digits_reach_95_percent_test_accuracy():
    ceras.utils.set_random_seed(0)
    digits = datasets.load_digits()
    x_train, x_test, y_train, y_test = _split(digits.data, digits.target)
    model = ceras.Sequential([ceras.Input((64,)), layers.Dense(64, activation="relu"),
                              layers.Dropout(0.1), layers.Dense(10, activation="softmax")])
    model.compile(ceras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])
    model.fit(x_train, y_train, epochs=12, batch_size=64, verbose=0)
    _, accuracy = model.evaluate(x_test, y_test, verbose=0)
    assert accuracy >= 0.95
    predicted = model.predict(x_test, verbose=0).argmax(axis=1)
    np.testing.assert_allclose(np.mean(predicted == y_test), accuracy, atol=1e-6)


def test_breast_cancer_reaches_94_percent_test_accuracy():
    ceras.utils.set_random_seed(0)
    data = datasets.load_breast_cancer()
    x_train, x_test, y_train, y_test = _split(data.data, data.target)
    model = ceras.Sequential([ceras.Input((30,)), layers.Dense(16, activation="relu"),
                              layers.Dense(1, activation="sigmoid")])
    model.compile(ceras.optimizers.Adam(3e-3), "binary_crossentropy", metrics=["accuracy"])
    model.fit(x_train, y_train.astype("float32"), epochs=30, batch_size=32, verbose=0,
              validation_split=0.15,
              callbacks=[callbacks.EarlyStopping(patience=8, restore_best_weights=True)])
    accuracy = model.evaluate(x_test, y_test.astype("float32"), verbose=0,
                              return_dict=True)["accuracy"]
    assert accuracy >= 0.94


def test_diabetes_regression_beats_the_mean_prediction():
    # On this split ordinary least squares reaches R^2 ~ 0.36 (MSE at 0.64 of the
    # mean-prediction's); a network trained with Adam must get close to it.
    ceras.utils.set_random_seed(0)
    data = datasets.load_diabetes()
    x_train, x_test, y_train, y_test = _split(data.data, data.target.astype("float32"))
    mean, std = y_train.mean(), y_train.std()
    model = ceras.Sequential([ceras.Input((10,)), layers.Dense(1)])
    model.compile(ceras.optimizers.Adam(0.01), "mse", metrics=["mae"])
    model.fit(x_train, (y_train - mean) / std, epochs=60, batch_size=32, verbose=0)
    predicted = model.predict(x_test, verbose=0)[:, 0] * std + mean
    mse = np.mean((predicted - y_test) ** 2)
    baseline = np.mean((mean - y_test) ** 2)
    assert mse < 0.72 * baseline
