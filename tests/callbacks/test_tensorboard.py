"""TensorBoard: event files read back with tensorboard's EventAccumulator."""
import glob
import os

import numpy as np
import pytest

import ceras
from ceras import layers

pytest.importorskip("tensorboard")
from tensorboard.backend.event_processing.event_accumulator import (  # noqa: E402
    EventAccumulator,
)
from tensorboard.util import tensor_util  # noqa: E402


def read(folder):
    acc = EventAccumulator(str(folder), size_guidance={"tensors": 0})
    acc.Reload()
    return acc


def series(acc, tag):
    """(steps, values) of a scalar tag."""
    events = acc.Tensors(tag)
    return ([e.step for e in events],
            [float(tensor_util.make_ndarray(e.tensor_proto)) for e in events])


def plugin(acc, tag):
    return acc.SummaryMetadata(tag).plugin_data.plugin_name


def data(n=48, seed=0):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 3)).astype("float32")
    y = (x @ np.array([[1.0], [-1.0], [0.5]], "float32"))
    return x, y


def mlp():
    model = ceras.Sequential([ceras.Input((3,)), layers.Dense(4, activation="relu"),
                              layers.Dense(1)])
    model.compile(ceras.optimizers.SGD(0.05), "mse", metrics=["mae"])
    return model


def test_epoch_scalars_equal_history(tmp_path):
    x, y = data()
    model = mlp()
    history = model.fit(x, y, batch_size=16, epochs=3, validation_data=data(16, 1), verbose=0,
                        callbacks=[ceras.callbacks.TensorBoard(tmp_path)])
    train, val = read(tmp_path / "train"), read(tmp_path / "validation")
    for key in ("loss", "mae"):
        steps, values = series(train, f"epoch_{key}")
        assert steps == [0, 1, 2]
        np.testing.assert_allclose(values, history.history[key], rtol=1e-6)
        steps, values = series(val, f"epoch_{key}")
        assert steps == [0, 1, 2]
        np.testing.assert_allclose(values, history.history[f"val_{key}"], rtol=1e-6)
    assert plugin(train, "epoch_loss") == "scalars"
    np.testing.assert_allclose(series(train, "epoch_learning_rate")[1], [0.05] * 3, rtol=1e-6)
    # after each validation, at the optimizer's iteration count (3 batches an epoch)
    steps, values = series(val, "evaluation_loss_vs_iterations")
    assert steps == [3, 6, 9]
    np.testing.assert_allclose(values, history.history["val_loss"], rtol=1e-6)
    assert not [t for t in train.Tags()["tensors"] if t.startswith("batch_")]


def test_model_config_is_written_for_the_graph_dashboard(tmp_path):
    x, y = data()
    model = mlp()
    model.fit(x, y, epochs=1, verbose=0, callbacks=[ceras.callbacks.TensorBoard(tmp_path)])
    train = read(tmp_path / "train")
    assert plugin(train, "keras") == "graph_keras_model"
    (event,) = train.Tensors("keras")
    assert tensor_util.make_ndarray(event.tensor_proto).item().decode() == model.to_json()


@pytest.mark.parametrize("update_freq, steps", [("batch", [1, 2, 3, 4, 5, 6]),
                                                (2, [2, 4, 6])])
def test_batch_scalars_follow_update_freq(tmp_path, update_freq, steps):
    x, y = data()
    seen = []
    recorder = ceras.callbacks.LambdaCallback(
        on_train_batch_end=lambda batch, logs: seen.append(float(logs["loss"])))
    board = ceras.callbacks.TensorBoard(tmp_path, update_freq=update_freq,
                                        write_steps_per_second=True)
    mlp().fit(x, y, batch_size=16, epochs=2, verbose=0, callbacks=[recorder, board])
    train = read(tmp_path / "train")
    got_steps, values = series(train, "batch_loss")
    assert got_steps == steps
    np.testing.assert_allclose(values, [seen[s - 1] for s in steps], rtol=1e-6)
    assert series(train, "batch_steps_per_second")[0] == steps
    assert all(v > 0 for v in series(train, "epoch_steps_per_second")[1])


def test_weight_histograms_and_images(tmp_path):
    x, y = data()
    model = mlp()
    board = ceras.callbacks.TensorBoard(tmp_path, histogram_freq=2, write_images=True)
    model.fit(x, y, epochs=3, verbose=0, callbacks=[board])
    train = read(tmp_path / "train")
    kernel = model.layers[0].kernel.path
    assert plugin(train, f"{kernel}/histogram") == "histograms"
    assert [e.step for e in train.Tensors(f"{kernel}/histogram")] == [0, 2]
    buckets = tensor_util.make_ndarray(train.Tensors(f"{kernel}/histogram")[-1].tensor_proto)
    assert buckets[:, 2].sum() == 12  # the 3x4 kernel's values, counted in buckets
    assert plugin(train, f"{kernel}/image") == "images"
    width, height, png = tensor_util.make_ndarray(train.Tensors(f"{kernel}/image")[0]
                                                  .tensor_proto)
    assert (int(width), int(height)) == (4, 3) and png.startswith(b"\x89PNG")
    bias = model.layers[0].bias.path
    assert f"{bias}/image" in train.Tags()["tensors"]


def test_embeddings_write_weights_and_projector_config(tmp_path):
    model = ceras.Sequential([ceras.Input((2,), dtype="int32"),
                              layers.Embedding(10, 3, name="emb"), layers.Flatten(),
                              layers.Dense(1)])
    model.compile("sgd", "mse")
    x = np.arange(20).reshape(10, 2) % 10
    board = ceras.callbacks.TensorBoard(tmp_path, embeddings_freq=1,
                                        embeddings_metadata={"emb": "words.tsv"})
    model.fit(x, np.zeros((10, 1)), epochs=2, verbose=0, callbacks=[board])
    config = (tmp_path / "projector_config.pbtxt").read_text()
    assert 'metadata_path: "words.tsv"' in config and "emb/embeddings" in config
    assert os.path.exists(tmp_path / "train" / "keras_embedding.ckpt-1.weights.h5")


def test_profile_batch_writes_a_torch_profiler_trace(tmp_path):
    if ceras.backend.backend() != "torch":
        pytest.skip("profiling uses torch.profiler")
    x, y = data()
    board = ceras.callbacks.TensorBoard(tmp_path, profile_batch=(2, 3))
    mlp().fit(x, y, batch_size=16, epochs=1, verbose=0, callbacks=[board])
    assert glob.glob(str(tmp_path / "train" / "*.pt.trace.json"))


def test_invalid_arguments_raise():
    with pytest.raises(ValueError, match='`update_freq` must be "epoch", "batch" or a '
                                         "positive integer; received update_freq='often'"):
        ceras.callbacks.TensorBoard(update_freq="often")
    with pytest.raises(ValueError, match=r"`profile_batch` must be a non-negative integer .*"
                                         r"received profile_batch=\(3, 1\)"):
        ceras.callbacks.TensorBoard(profile_batch=(3, 1))
    with pytest.raises(ValueError, match="received profile_batch='a,b'"):
        ceras.callbacks.TensorBoard(profile_batch="a,b")


def test_embeddings_metadata_naming_unknown_layers_raises(tmp_path):
    board = ceras.callbacks.TensorBoard(tmp_path, embeddings_freq=1,
                                        embeddings_metadata={"nope": "x.tsv"})
    with pytest.raises(ValueError, match=r"not Embedding layers of the model: \['nope'\]"):
        board.set_model(mlp())


def test_without_tensorboard_the_callback_says_how_to_install(monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_tensorboard(name, *args, **kwargs):
        if name == "tensorboard" or name.startswith("tensorboard."):
            raise ImportError("No module named 'tensorboard'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_tensorboard)
    with pytest.raises(ImportError, match="writes event files with the `tensorboard` package"):
        ceras.callbacks.TensorBoard()
