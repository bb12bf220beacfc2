"""The .keras archive and .weights.h5 files: round trips and two-way Keras interop."""
import json
import zipfile

import numpy as np
import pytest

import ceras
from ceras import layers, ops, saving


def _np(x):
    return ops.convert_to_numpy(x)


def _functional():
    inputs = ceras.Input((4,), name="features")
    x = layers.Dense(8, activation="relu")(inputs)
    x = layers.Dropout(0.1)(x)
    return ceras.Model(inputs, layers.Dense(3, activation="softmax")(x))


def test_keras_archive_round_trip(tmp_path, rng):
    model = _functional()
    x = rng.normal(size=(5, 4)).astype("float32")
    path = tmp_path / "m.keras"
    model.save(path)
    with zipfile.ZipFile(path) as archive:
        assert sorted(archive.namelist()) == ["config.json", "metadata.json", "model.weights.h5"]
        config = json.loads(archive.read("config.json"))
    assert config["class_name"] == "Functional"
    restored = saving.load_model(path)
    np.testing.assert_allclose(_np(restored(x)), _np(model(x)), rtol=1e-6)
    assert [l.name for l in restored.layers] == [l.name for l in model.layers]


def test_sequential_and_ops_in_graph_round_trip(tmp_path, rng):
    inputs = ceras.Input((3,))
    y = layers.Dense(2)(ops.multiply(inputs, 2.0) + 1.0)
    model = ceras.Model(inputs, y)
    seq = ceras.Sequential([ceras.Input((3,)), layers.Dense(4), layers.Dense(1)])
    x = rng.normal(size=(2, 3)).astype("float32")
    for m, name in ((model, "f.keras"), (seq, "s.keras")):
        m.save(tmp_path / name)
        np.testing.assert_allclose(_np(saving.load_model(tmp_path / name)(x)), _np(m(x)),
                                   rtol=1e-6)


def test_weights_file_round_trip_and_shape_mismatch(tmp_path):
    model = _functional()
    model.save_weights(tmp_path / "w.weights.h5")
    other = _functional()
    other.load_weights(tmp_path / "w.weights.h5")
    for a, b in zip(model.get_weights(), other.get_weights()):
        np.testing.assert_array_equal(a, b)
    inputs = ceras.Input((4,))
    wrong = ceras.Model(inputs, layers.Dense(3)(layers.Dense(5)(inputs)))
    with pytest.raises(ValueError, match=r"Weights file has no entry|shape mismatch"):
        wrong.load_weights(tmp_path / "w.weights.h5")


def test_weights_filename_must_end_in_weights_h5(tmp_path):
    with pytest.raises(ValueError, match=r"must end in `.weights.h5`"):
        _functional().save_weights(tmp_path / "w.h5x")


def test_missing_and_non_model_files(tmp_path):
    with pytest.raises(FileNotFoundError, match="No file or directory found"):
        saving.load_model(tmp_path / "nope.keras")
    junk = tmp_path / "junk.keras"
    junk.write_bytes(b"not a zip")
    with pytest.raises(ValueError, match="not a .keras zip archive"):
        saving.load_model(junk)


def test_unknown_class_names_registration(tmp_path):
    class Scale(layers.Layer):
        def __init__(self, factor=2.0, **kwargs):
            super().__init__(**kwargs)
            self.factor = factor

        def call(self, x):
            return x * self.factor

        def get_config(self):
            return {**super().get_config(), "factor": self.factor}

    inputs = ceras.Input((2,))
    model = ceras.Model(inputs, Scale(3.0)(inputs))
    model.save(tmp_path / "c.keras")
    with pytest.raises(TypeError, match=r"Could not locate class 'Scale'.*register_keras_"
                                        r"serializable"):
        saving.load_model(tmp_path / "c.keras")
    restored = saving.load_model(tmp_path / "c.keras", custom_objects={"Scale": Scale})
    np.testing.assert_allclose(_np(restored(np.ones((1, 2), "float32"))), [[3.0, 3.0]])


def test_registered_custom_layer_round_trip(tmp_path):
    @saving.register_keras_serializable(package="Tests")
    class Shift(layers.Layer):
        def __init__(self, amount=1.0, **kwargs):
            super().__init__(**kwargs)
            self.amount = amount

        def call(self, x):
            return x + self.amount

        def get_config(self):
            return {**super().get_config(), "amount": self.amount}

    assert saving.get_registered_name(Shift) == "Tests>Shift"
    inputs = ceras.Input((2,))
    model = ceras.Model(inputs, Shift(0.5)(inputs))
    model.save(tmp_path / "r.keras")
    restored = saving.load_model(tmp_path / "r.keras")
    np.testing.assert_allclose(_np(restored(np.zeros((1, 2), "float32"))), [[0.5, 0.5]])


def test_to_json_and_model_from_json(rng):
    model = _functional()
    restored = ceras.models.model_from_json(model.to_json())
    restored.set_weights(model.get_weights())
    x = rng.normal(size=(2, 4)).astype("float32")
    np.testing.assert_allclose(_np(restored(x)), _np(model(x)), rtol=1e-6)


# -- interop with real Keras -------------------------------------------------

def _keras_functional(keras):
    inputs = keras.Input((4,), name="features")
    x = keras.layers.Dense(8, activation="relu")(inputs)
    x = keras.layers.Dropout(0.1)(x)
    return keras.Model(inputs, keras.layers.Dense(3, activation="softmax")(x))


@pytest.mark.oracle
def test_keras_reads_ceras_archive(keras_oracle, tmp_path, rng):
    keras = keras_oracle
    model = _functional()
    model.save(tmp_path / "c.keras")
    theirs = keras.saving.load_model(tmp_path / "c.keras")
    x = rng.normal(size=(3, 4)).astype("float32")
    np.testing.assert_allclose(keras.ops.convert_to_numpy(theirs(x)), _np(model(x)), rtol=1e-5)


@pytest.mark.oracle
def test_ceras_reads_keras_archive_and_weights(keras_oracle, tmp_path, rng):
    keras = keras_oracle
    theirs = _keras_functional(keras)
    theirs.save(tmp_path / "k.keras")
    theirs.save_weights(tmp_path / "k.weights.h5")
    x = rng.normal(size=(3, 4)).astype("float32")
    ours = saving.load_model(tmp_path / "k.keras")
    np.testing.assert_allclose(_np(ours(x)), keras.ops.convert_to_numpy(theirs(x)), rtol=1e-5)
    fresh = _functional()
    fresh.load_weights(tmp_path / "k.weights.h5")
    np.testing.assert_allclose(_np(fresh(x)), keras.ops.convert_to_numpy(theirs(x)), rtol=1e-5)


@pytest.mark.oracle
def test_subclassed_weight_paths_match_keras(keras_oracle, tmp_path, rng):
    keras = keras_oracle
    import h5py

    def build(lib):
        class Block(lib.layers.Layer):
            def __init__(self, **kwargs):
                super().__init__(**kwargs)
                self.inner = lib.layers.Dense(2)
                self.stack = [lib.layers.Dense(2), lib.layers.Dense(3)]

            def call(self, x):
                return self.stack[1](self.stack[0](self.inner(x)))

        class Net(lib.Model):
            def __init__(self):
                super().__init__()
                self.first = lib.layers.Dense(3)
                self.block = Block()

            def call(self, x):
                return self.block(self.first(x))

        net = Net()
        net(np.ones((1, 4), "float32"))
        return net

    keras.utils.clear_session()
    ours, theirs = build(ceras), build(keras)
    ours.save_weights(tmp_path / "o.weights.h5")
    theirs.save_weights(tmp_path / "t.weights.h5")

    def datasets(path):
        names = []
        with h5py.File(path) as f:
            f.visititems(lambda n, o: names.append((n, o.shape))
                         if isinstance(o, h5py.Dataset) else None)
        return names

    def shape_only(entries):
        return sorted(s for _, s in entries)

    assert len(datasets(tmp_path / "o.weights.h5")) == len(datasets(tmp_path / "t.weights.h5"))
    assert shape_only(datasets(tmp_path / "o.weights.h5")) == \
        shape_only(datasets(tmp_path / "t.weights.h5"))
    theirs.load_weights(tmp_path / "o.weights.h5")
    x = rng.normal(size=(2, 4)).astype("float32")
    np.testing.assert_allclose(keras.ops.convert_to_numpy(theirs(x)), _np(ours(x)), rtol=1e-5)


def test_adapted_lookup_vocabulary_travels_as_an_asset(tmp_path):
    lookup = layers.IntegerLookup()
    lookup.adapt(np.array([5, 7, 7, 9, 9, 9]))
    inputs = ceras.Input((3,), dtype="int64")
    model = ceras.Model(inputs, lookup(inputs))
    model.save(tmp_path / "lookup.keras")
    with zipfile.ZipFile(tmp_path / "lookup.keras") as archive:
        assert "assets/layers/integer_lookup/vocabulary.txt" in archive.namelist()
    restored = saving.load_model(tmp_path / "lookup.keras")
    x = np.array([[5, 9, 1]])
    np.testing.assert_array_equal(_np(restored(x)), _np(model(x)))
    assert restored.layers[1].get_vocabulary() == lookup.get_vocabulary()
