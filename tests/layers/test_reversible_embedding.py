"""ReversibleEmbedding: forward lookup and reverse projection, checked against Keras."""
import numpy as np
import pytest

from ceras import layers


def _np(x):
    return x.detach().numpy() if hasattr(x, "detach") else np.asarray(x)


def _pair(keras_oracle, **kwargs):
    theirs = keras_oracle.layers.ReversibleEmbedding(10, 4, name="rev", **kwargs)
    ours = layers.ReversibleEmbedding(10, 4, name="rev", **kwargs)
    theirs.build((None, 3))
    ours.build((None, 3))
    ours.set_weights([_np(w.numpy()) for w in theirs.weights])
    return ours, theirs


@pytest.mark.oracle
@pytest.mark.parametrize("kwargs", [
    dict(), dict(tie_weights=False), dict(logit_soft_cap=0.5),
    dict(tie_weights=False, reverse_dtype="float16"),
])
def test_reversible_embedding_matches_keras(keras_oracle, kwargs):
    ours, theirs = _pair(keras_oracle, **kwargs)
    assert [w.path for w in ours.weights] == [w.path for w in theirs.weights]
    ids = np.array([[1, 2, 9], [0, 4, 4]])
    np.testing.assert_allclose(_np(ours(ids)), _np(theirs(ids)), rtol=1e-6)
    vectors = np.random.default_rng(0).normal(size=(2, 3, 4)).astype("float32") * 10
    out, expected = ours(vectors, reverse=True), theirs(vectors, reverse=True)
    assert str(out.dtype).split(".")[-1] == str(expected.dtype).split(".")[-1]
    np.testing.assert_allclose(_np(out).astype("float32"), _np(expected).astype("float32"),
                               rtol=2e-3, atol=2e-3)


@pytest.mark.oracle
def test_reversible_embedding_tied_reverse_is_transposed_embeddings(keras_oracle):
    ours, _ = _pair(keras_oracle)
    x = np.eye(4, dtype="float32")
    np.testing.assert_allclose(_np(ours(x, reverse=True)), ours.embeddings.numpy().T,
                               rtol=1e-6)


@pytest.mark.oracle
def test_reversible_embedding_config_matches_keras(keras_oracle):
    kwargs = dict(tie_weights=False, reverse_dtype="float32", logit_soft_cap=30.0,
                  mask_zero=True)
    mine = layers.ReversibleEmbedding(10, 4, name="r", **kwargs).get_config()
    ref = keras_oracle.layers.ReversibleEmbedding(10, 4, name="r", **kwargs).get_config()
    assert set(mine) == set(ref)
    assert {k: v for k, v in mine.items() if k != "dtype"} == {
        k: v for k, v in ref.items() if k != "dtype"}


def test_reversible_embedding_round_trip_and_symbolic_shapes():
    layer = layers.ReversibleEmbedding(50, 6, tie_weights=False, logit_soft_cap=5.0)
    clone = layers.ReversibleEmbedding.from_config(layer.get_config())
    assert clone.get_config() == layer.get_config()
    ids = layers.Input((7,), dtype="int32")
    hidden = layer(ids)
    assert tuple(hidden.shape) == (None, 7, 6)
    assert tuple(layer(hidden, reverse=True).shape) == (None, 7, 50)
    assert layer.compute_output_shape((2, 6), reverse=True) == (2, 50)


def test_reversible_embedding_rejects_bad_soft_cap():
    with pytest.raises(ValueError, match="expects logit_soft_cap to be a positive number"):
        layers.ReversibleEmbedding(10, 4, logit_soft_cap=0.0)


# keras.layers.serialize / deserialize (tested here with the layer they were added with).
@pytest.mark.oracle
def test_layers_serialize_matches_keras_and_round_trips(keras_oracle):
    ours = layers.serialize(layers.ReversibleEmbedding(10, 4, tie_weights=False, name="r"))
    theirs = keras_oracle.layers.serialize(
        keras_oracle.layers.ReversibleEmbedding(10, 4, tie_weights=False, name="r"))
    assert {k: v for k, v in ours.items() if k != "config"} == {
        k: v for k, v in theirs.items() if k != "config"}
    rebuilt = layers.deserialize(theirs)
    assert isinstance(rebuilt, layers.ReversibleEmbedding)
    assert rebuilt.get_config() == layers.deserialize(ours).get_config()
    dense = layers.deserialize(layers.serialize(layers.Dense(3, activation="relu")))
    assert isinstance(dense, layers.Dense) and dense.units == 3


def test_layers_deserialize_rejects_non_dicts_and_non_layers():
    with pytest.raises(ValueError, match="expects a config dict made by"):
        layers.deserialize("Dense")
    from ceras import optimizers
    with pytest.raises(ValueError, match="expects the config of a Layer, received the config "
                                         "of SGD"):
        layers.deserialize(layers.serialize(optimizers.SGD()))


@pytest.mark.oracle
def test_keras_saved_model_with_reverse_call_loads_and_agrees(keras_oracle, tmp_path):
    import ceras

    k = keras_oracle
    ids = k.Input((3,), dtype="int32")
    embedding = k.layers.ReversibleEmbedding(10, 4, tie_weights=False)
    model = k.Model(ids, embedding(embedding(ids), reverse=True))
    model.save(tmp_path / "model.keras")
    loaded = ceras.saving.load_model(tmp_path / "model.keras")
    data = np.array([[1, 2, 3], [4, 5, 9]])
    # Float32 matmuls of two libraries: a few ulps apart.
    np.testing.assert_allclose(_np(loaded(data)), _np(model(data)), rtol=1e-5)
