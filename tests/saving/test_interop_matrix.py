"""Two-way .keras interop with real Keras 3.15.1 over a matrix of architectures:
save in one library, load in the other, equal predictions; a compiled model keeps
its optimizer state, so one more training step gives the same weights in both."""
import numpy as np
import pytest

import ceras

pytestmark = [pytest.mark.oracle, pytest.mark.slow]


def _mlp(lib):
    inputs = lib.Input((6,))
    x = lib.layers.Dense(8, activation="relu")(inputs)
    return lib.Model(inputs, lib.layers.Dense(3, activation="softmax")(x))


def _cnn_bn(lib):
    return lib.Sequential([
        lib.Input((8, 8, 2)), lib.layers.Conv2D(4, 3, padding="same"),
        lib.layers.BatchNormalization(), lib.layers.ReLU(), lib.layers.MaxPooling2D(),
        lib.layers.Flatten(), lib.layers.Dense(3)])


def _lstm(lib):
    return lib.Sequential([lib.Input((5, 3)), lib.layers.LSTM(4, return_sequences=True),
                           lib.layers.LSTM(2)])


def _gru(lib):
    return lib.Sequential([lib.Input((5, 3)), lib.layers.GRU(4)])


def _bidirectional(lib):
    return lib.Sequential([lib.Input((5, 3)),
                           lib.layers.Bidirectional(lib.layers.LSTM(3)),
                           lib.layers.Dense(1)])


def _multi_io(lib):
    a = lib.Input((4,), name="a")
    b = lib.Input((3,), name="b")
    merged = lib.layers.Concatenate()([lib.layers.Dense(5)(a), b])
    return lib.Model([a, b], [lib.layers.Dense(1, name="reg")(merged),
                              lib.layers.Dense(2, activation="softmax", name="cls")(merged)])


def _nested(lib):
    inner = lib.Sequential([lib.Input((4,)), lib.layers.Dense(3, activation="tanh")],
                           name="inner")
    inputs = lib.Input((4,))
    return lib.Model(inputs, lib.layers.Dense(2)(inner(inputs)))


def _text(lib):
    return lib.Sequential([lib.Input((6,), dtype="int32"),
                           lib.layers.Embedding(20, 4, mask_zero=True),
                           lib.layers.GlobalAveragePooling1D(), lib.layers.Dense(1)])


def _attention(lib):
    inputs = lib.Input((3, 4))
    x = lib.layers.MultiHeadAttention(2, 2)(inputs, inputs)
    return lib.Model(inputs, lib.layers.LayerNormalization()(x + inputs))


ARCHITECTURES = {"mlp": _mlp, "cnn_bn": _cnn_bn, "lstm": _lstm, "gru": _gru,
                 "bidirectional": _bidirectional, "multi_io": _multi_io, "nested": _nested,
                 "text": _text, "attention": _attention}


def _inputs(name, rng):
    if name == "multi_io":
        return [rng.normal(size=(4, 4)).astype("float32"),
                rng.normal(size=(4, 3)).astype("float32")]
    if name == "text":
        x = rng.integers(1, 20, size=(4, 6)).astype("int32")
        x[:, 4:] = 0
        return x
    shapes = {"mlp": (4, 6), "cnn_bn": (4, 8, 8, 2), "lstm": (4, 5, 3), "gru": (4, 5, 3),
              "bidirectional": (4, 5, 3), "nested": (4, 4), "attention": (4, 3, 4)}
    return rng.normal(size=shapes[name]).astype("float32")


def _predict(model, x, lib):
    out = model.predict(x, verbose=0)
    return [np.asarray(o) for o in out] if isinstance(out, (list, tuple)) else [np.asarray(out)]


@pytest.mark.parametrize("name", sorted(ARCHITECTURES))
@pytest.mark.parametrize("direction", ["ceras_to_keras", "keras_to_ceras"])
def test_round_trip(keras_oracle, tmp_path, rng, name, direction):
    keras = keras_oracle
    source_lib, target_lib = (ceras, keras) if direction == "ceras_to_keras" else (keras, ceras)
    model = ARCHITECTURES[name](source_lib)
    x = _inputs(name, rng)
    path = tmp_path / "m.keras"
    model.save(path)
    loaded = target_lib.saving.load_model(path)
    for a, b in zip(_predict(model, x, source_lib), _predict(loaded, x, target_lib)):
        np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-5)


@pytest.mark.parametrize("direction", ["ceras_to_keras", "keras_to_ceras"])
def test_compiled_model_continues_training_identically(keras_oracle, tmp_path, rng,
                                                       direction):
    keras = keras_oracle
    source_lib, target_lib = (ceras, keras) if direction == "ceras_to_keras" else (keras, ceras)
    model = _mlp(source_lib)
    model.compile(optimizer=source_lib.optimizers.Adam(0.01),
                  loss="sparse_categorical_crossentropy")
    x = rng.normal(size=(16, 6)).astype("float32")
    y = rng.integers(0, 3, size=(16,))
    model.fit(x, y, batch_size=8, epochs=2, verbose=0, shuffle=False)
    path = tmp_path / "compiled.keras"
    model.save(path)
    loaded = target_lib.saving.load_model(path)
    model.train_on_batch(x[:8], y[:8])
    loaded.train_on_batch(x[:8], y[:8])
    for a, b in zip(model.get_weights(), loaded.get_weights()):
        np.testing.assert_allclose(np.asarray(a), np.asarray(b), rtol=1e-5, atol=1e-6)


def test_registered_custom_layer_both_ways(keras_oracle, tmp_path, rng):
    keras = keras_oracle

    def define(lib):
        @lib.saving.register_keras_serializable(package="Interop")
        class Scale(lib.layers.Layer):
            def __init__(self, factor=2.0, **kwargs):
                super().__init__(**kwargs)
                self.factor = factor

            def call(self, x):
                return x * self.factor

            def get_config(self):
                return {**super().get_config(), "factor": self.factor}

        return Scale

    ours, theirs = define(ceras), define(keras)
    x = rng.normal(size=(2, 3)).astype("float32")
    inputs = ceras.Input((3,))
    model = ceras.Model(inputs, ceras.layers.Dense(2)(ours(3.0)(inputs)))
    model.save(tmp_path / "c.keras")
    loaded = keras.saving.load_model(tmp_path / "c.keras")
    np.testing.assert_allclose(keras.ops.convert_to_numpy(loaded(x)),
                               ceras.ops.convert_to_numpy(model(x)), rtol=1e-5)
    k_inputs = keras.Input((3,))
    k_model = keras.Model(k_inputs, theirs(0.5)(k_inputs))
    k_model.save(tmp_path / "k.keras")
    back = ceras.saving.load_model(tmp_path / "k.keras")
    np.testing.assert_allclose(ceras.ops.convert_to_numpy(back(x)), x * 0.5, rtol=1e-6)


def test_legacy_keras2_h5_layout_loads(tmp_path, rng):
    """A file in the Keras 2 / tf.keras HDF5 layout, written here with h5py."""
    import json

    import h5py

    kernel = rng.normal(size=(4, 3)).astype("float32")
    bias = rng.normal(size=(3,)).astype("float32")
    config = {"class_name": "Sequential", "config": {"name": "sequential", "layers": [
        {"class_name": "InputLayer", "config": {"batch_input_shape": [None, 4],
                                                "dtype": "float32", "sparse": False,
                                                "ragged": False, "name": "input_1"}},
        {"class_name": "Dense", "config": {
            "name": "dense", "trainable": True, "dtype": "float32", "units": 3,
            "activation": "relu", "use_bias": True,
            "kernel_initializer": {"class_name": "GlorotUniform", "config": {"seed": None}},
            "bias_initializer": {"class_name": "Zeros", "config": {}},
            "kernel_regularizer": None, "bias_regularizer": None,
            "activity_regularizer": None, "kernel_constraint": None,
            "bias_constraint": None}}]}}
    path = tmp_path / "keras2.h5"
    with h5py.File(path, "w") as f:
        f.attrs["keras_version"] = "2.13.1"
        f.attrs["backend"] = "tensorflow"
        f.attrs["model_config"] = json.dumps(config)
        weights = f.create_group("model_weights")
        weights.attrs["layer_names"] = [b"input_1", b"dense"]
        weights.create_group("input_1").attrs["weight_names"] = []
        dense = weights.create_group("dense")
        dense.attrs["weight_names"] = [b"dense/kernel:0", b"dense/bias:0"]
        dense.create_dataset("dense/kernel:0", data=kernel)
        dense.create_dataset("dense/bias:0", data=bias)
    model = ceras.saving.load_model(path)
    x = rng.normal(size=(5, 4)).astype("float32")
    np.testing.assert_allclose(model.predict(x, verbose=0), np.maximum(x @ kernel + bias, 0),
                               rtol=1e-5, atol=1e-6)
