"""Every data source trains exactly like the same NumPy arrays; bad input fails early."""
import numpy as np
import pandas as pd
import pytest
import torch

import ceras
from ceras import layers
from ceras.utils.py_dataset import PyDataset

N, D, BATCH = 50, 3, 8  # 7 batches, the last one partial (2 samples)


def _arrays():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(N, D)).astype("float32")
    y = (x @ np.array([1.0, -2.0, 0.5], "float32") + 0.3).astype("float32")
    return x, y


def _fit(x, y=None, **kwargs):
    model = ceras.Sequential([ceras.Input((D,)), layers.Dense(1, kernel_initializer="zeros")])
    model.compile(ceras.optimizers.SGD(0.05), "mse")
    kwargs.setdefault("batch_size", BATCH)
    history = model.fit(x, y, epochs=2, shuffle=False, verbose=0, **kwargs)
    return model.get_weights(), history.history["loss"], int(model.optimizer.iterations.numpy())


@pytest.fixture(scope="module")
def reference():
    x, y = _arrays()
    return _fit(x, y)


def _assert_same(result, reference):
    weights, losses, steps = result
    ref_weights, ref_losses, ref_steps = reference
    assert steps == ref_steps == 14
    np.testing.assert_allclose(losses, ref_losses, rtol=1e-5)
    for a, b in zip(weights, ref_weights):
        np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-6)


def _batches(x, y):
    for start in range(0, N, BATCH):
        yield x[start:start + BATCH], y[start:start + BATCH]


class ArrayDataset(PyDataset):
    def __init__(self, x, y, **kwargs):
        super().__init__(**kwargs)
        self.x, self.y = x, y

    def __len__(self):
        return int(np.ceil(len(self.x) / BATCH))

    def __getitem__(self, index):
        sl = slice(index * BATCH, (index + 1) * BATCH)
        return self.x[sl], self.y[sl]


def test_numpy_float64_and_lists_match(reference):
    x, y = _arrays()
    _assert_same(_fit(x.astype("float64"), y.astype("float64")), reference)
    _assert_same(_fit(x.tolist(), y.tolist()), reference)


def test_torch_tensors_match(reference):
    x, y = _arrays()
    _assert_same(_fit(torch.from_numpy(x), torch.from_numpy(y)), reference)


def test_pandas_match(reference):
    x, y = _arrays()
    _assert_same(_fit(pd.DataFrame(x), pd.Series(y)), reference)


def test_dict_and_list_inputs_match(reference):
    x, y = _arrays()
    inputs = {"a": ceras.Input((2,), name="a"), "b": ceras.Input((1,), name="b")}
    merged = layers.Concatenate()([inputs["a"], inputs["b"]])
    model = ceras.Model(inputs, layers.Dense(1, kernel_initializer="zeros")(merged))
    model.compile(ceras.optimizers.SGD(0.05), "mse")
    history = model.fit({"a": x[:, :2], "b": x[:, 2:]}, y, batch_size=BATCH, epochs=2,
                        shuffle=False, verbose=0)
    _assert_same((model.get_weights(), history.history["loss"],
                  int(model.optimizer.iterations.numpy())), reference)
    model = ceras.Model([inputs["a"], inputs["b"]],
                        layers.Dense(1, kernel_initializer="zeros")(merged))
    model.compile(ceras.optimizers.SGD(0.05), "mse")
    history = model.fit([x[:, :2], x[:, 2:]], y, batch_size=BATCH, epochs=2, shuffle=False,
                        verbose=0)
    _assert_same((model.get_weights()[-2:], history.history["loss"],
                  int(model.optimizer.iterations.numpy())), reference)


def test_generator_matches(reference):
    x, y = _arrays()

    def forever():
        while True:
            yield from _batches(x, y)

    _assert_same(_fit(forever(), steps_per_epoch=7), reference)


def test_py_dataset_matches_inline_threads_and_processes(reference):
    x, y = _arrays()
    _assert_same(_fit(ArrayDataset(x, y)), reference)
    _assert_same(_fit(ArrayDataset(x, y, workers=3, max_queue_size=2)), reference)
    _assert_same(_fit(ArrayDataset(x, y, workers=2, use_multiprocessing=True)), reference)


def test_torch_dataset_and_dataloader_match(reference):
    x, y = _arrays()
    dataset = torch.utils.data.TensorDataset(torch.from_numpy(x), torch.from_numpy(y))
    _assert_same(_fit(dataset), reference)
    loader = torch.utils.data.DataLoader(dataset, batch_size=BATCH, shuffle=False)
    _assert_same(_fit(loader), reference)


def test_evaluate_and_predict_accept_every_source():
    x, y = _arrays()
    model = ceras.Sequential([ceras.Input((D,)), layers.Dense(1)])
    model.compile("sgd", "mse")
    expected = model.evaluate(x, y, batch_size=BATCH, verbose=0)
    loader = torch.utils.data.DataLoader(
        torch.utils.data.TensorDataset(torch.from_numpy(x), torch.from_numpy(y)),
        batch_size=BATCH)
    for source in (ArrayDataset(x, y), _batches(x, y), loader):
        np.testing.assert_allclose(model.evaluate(source, verbose=0), expected, rtol=1e-6)
    reference = model.predict(x, batch_size=BATCH, verbose=0)
    for source in (ArrayDataset(x, y), _batches(x, y), pd.DataFrame(x), torch.from_numpy(x)):
        np.testing.assert_allclose(model.predict(source, verbose=0), reference, rtol=1e-6)


def test_class_weight_on_a_generator_matches_arrays():
    x, y = _arrays()
    labels = (y > 0).astype("float32")
    weights = {0: 0.5, 1: 2.0}

    def run(data, target=None):
        model = ceras.Sequential([ceras.Input((D,)), layers.Dense(
            1, activation="sigmoid", kernel_initializer="zeros")])
        model.compile(ceras.optimizers.SGD(0.1), "binary_crossentropy")
        model.fit(data, target, batch_size=BATCH, epochs=1, shuffle=False, verbose=0,
                  class_weight=weights)
        return model.get_weights()

    for a, b in zip(run(x, labels), run(_batches(x, labels))):
        np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-7)


# -- errors before training ------------------------------------------------------

def test_fit_before_compile_raises():
    model = ceras.Sequential([ceras.Input((D,)), layers.Dense(1)], name="net")
    x, y = _arrays()
    with pytest.raises(ValueError, match=r'You must call `compile\(\)` before calling '
                                         r'`fit\(\)` on model "net"'):
        model.fit(x, y, verbose=0)
    with pytest.raises(ValueError, match=r"before calling `evaluate\(\)`"):
        model.evaluate(x, y, verbose=0)


def test_x_y_length_mismatch_names_both_lengths():
    model = ceras.Sequential([ceras.Input((D,)), layers.Dense(1)])
    model.compile("sgd", "mse")
    x, y = _arrays()
    with pytest.raises(ValueError, match=r"Data cardinality is ambiguous.*'x' sizes: 50, "
                                         r"'y' sizes: 40"):
        model.fit(x, y[:40], verbose=0)
    before = [w.copy() for w in model.get_weights()]
    with pytest.raises(ValueError, match=r"'sample_weight' sizes: 3"):
        model.fit(x, y, sample_weight=np.ones(3), verbose=0)
    for a, b in zip(before, model.get_weights()):
        np.testing.assert_array_equal(a, b)


def test_unknown_loss_name_raises_at_compile():
    model = ceras.Sequential([ceras.Input((D,)), layers.Dense(1)])
    with pytest.raises(ValueError, match="mean_sqared_error"):
        model.compile("sgd", "mean_sqared_error")
    with pytest.raises(ValueError, match="acuracy"):
        model.compile("sgd", "mse", metrics=["acuracy"])


def test_validation_split_on_a_generator_raises():
    model = ceras.Sequential([ceras.Input((D,)), layers.Dense(1)])
    model.compile("sgd", "mse")
    x, y = _arrays()
    with pytest.raises(ValueError, match=r"`validation_split` is only supported for Tensors "
                                         r"or NumPy arrays.*Found incompatible type in the "
                                         r"input: generator"):
        model.fit(_batches(x, y), validation_split=0.2, verbose=0)


def test_generator_with_a_wrong_structure_fails_before_training():
    model = ceras.Sequential([ceras.Input((D,)), layers.Dense(1)])
    model.compile("sgd", "mse")
    x, y = _arrays()

    def four_items():
        while True:
            yield x[:8], y[:8], np.ones(8), np.ones(8)

    with pytest.raises(ValueError, match=r"The generator yielded an invalid batch \(batch 0\):"
                                         r" Data is expected to be in format `x`, `\(x,\)`, "
                                         r"`\(x, y\)`, or `\(x, y, sample_weight\)`, found a "
                                         r"tuple of 4 elements"):
        model.fit(four_items(), steps_per_epoch=2, verbose=0)
    assert int(model.optimizer.iterations.numpy()) == 0

    def changing():
        yield x[:8], y[:8]
        yield x[:8]

    with pytest.raises(ValueError, match="batch 0 had 2 element\\(s\\) and batch 1 has 1"):
        model.fit(changing(), verbose=0)


def test_targets_with_a_generator_or_py_dataset_raise():
    model = ceras.Sequential([ceras.Input((D,)), layers.Dense(1)])
    model.compile("sgd", "mse")
    x, y = _arrays()
    with pytest.raises(ValueError, match="When providing `x` as a PyDataset, `y` should not "
                                         "be passed"):
        model.fit(ArrayDataset(x, y), y, verbose=0)


def test_unrecognized_data_type_raises():
    model = ceras.Sequential([ceras.Input((D,)), layers.Dense(1)])
    model.compile("sgd", "mse")
    with pytest.raises(ValueError, match="Unrecognized data type: x=.* \\(of type object\\)"):
        model.fit(object(), verbose=0)


def test_class_weight_and_sample_weight_together_raise():
    model = ceras.Sequential([ceras.Input((D,)), layers.Dense(1)])
    model.compile("sgd", "mse")
    x, y = _arrays()
    with pytest.raises(ValueError, match="You cannot `class_weight` and `sample_weight` at "
                                         "the same time"):
        model.fit(x, y, class_weight={0: 1.0}, sample_weight=np.ones(N), verbose=0)


def test_validation_split_too_small_raises():
    model = ceras.Sequential([ceras.Input((D,)), layers.Dense(1)])
    model.compile("sgd", "mse")
    x, y = _arrays()
    with pytest.raises(ValueError, match="Training data contains 1 samples, which is not "
                                         "sufficient to split it"):
        model.fit(x[:1], y[:1], validation_split=0.1, verbose=0)


def test_one_shot_generator_runs_out_with_a_warning():
    model = ceras.Sequential([ceras.Input((D,)), layers.Dense(1)])
    model.compile("sgd", "mse")
    x, y = _arrays()
    with pytest.warns(UserWarning, match="Your input ran out of data"):
        history = model.fit(_batches(x, y), epochs=3, verbose=0)
    assert len(history.history["loss"]) == 1
    assert int(model.optimizer.iterations.numpy()) == 7


def test_loss_list_length_and_missing_targets_are_reported():
    x, y = _arrays()
    model = ceras.Sequential([ceras.Input((D,)), layers.Dense(1)], name="single")
    model.compile("sgd", ["mse", "mae"])
    with pytest.raises(ValueError, match=r"For a model with 1 outputs \['dense'\], a list "
                                         r"passed as `loss` must have one entry per output; "
                                         r"received 2"):
        model.fit(x, y, verbose=0)
    model.compile("sgd", "mse")
    with pytest.raises(ValueError, match="compiled with a loss, but the data has no targets"):
        model.fit(x, verbose=0)


def test_missing_or_empty_data_is_reported():
    model = ceras.Sequential([ceras.Input((D,)), layers.Dense(1)])
    model.compile("sgd", "mse")
    with pytest.raises(ValueError, match="No input data: `x` is None"):
        model.fit(None, verbose=0)
    with pytest.raises(ValueError, match="received arrays with 0 samples"):
        model.fit(np.ones((0, D)), np.ones(0), verbose=0)
