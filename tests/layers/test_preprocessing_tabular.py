"""Normalization, Discretization, Rescaling, CategoryEncoding and Pipeline:
parity with Keras 3 (oracle), adapt on arrays / lists / batched iterables,
configs and errors."""
import types

import numpy as np
import pytest

import ceras
from ceras import layers

X = np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [0.0, 1.0, 9.0]], dtype="float32")


def _np(x):
    return np.asarray(ceras.ops.convert_to_numpy(x))


def _config_without_name(layer):
    config = layer.get_config()
    config.pop("name", None)
    return config


# -- Normalization -----------------------------------------------------------------------

@pytest.mark.oracle
@pytest.mark.parametrize("axis,shape", [(-1, (6, 3)), (None, (6, 3)), (1, (4, 3, 2)),
                                        ((1, 2), (4, 3, 2)), (0, (3, 5))])
def test_normalization_adapt_matches_keras(keras_oracle, axis, shape):
    data = np.random.default_rng(0).normal(2.0, 3.0, size=shape).astype("float32")
    ours, theirs = layers.Normalization(axis=axis), keras_oracle.layers.Normalization(axis=axis)
    ours.adapt(data)
    theirs.adapt(data)
    for a, b in zip(ours.get_weights(), theirs.get_weights()):
        np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(_np(ours(data)), _np(theirs(data)), rtol=1e-5, atol=1e-5)
    assert [w.name for w in ours.weights] == [w.name for w in theirs.weights]


@pytest.mark.oracle
@pytest.mark.parametrize("invert", [False, True])
@pytest.mark.parametrize("mean,variance,axis", [([1.0, 2.0, 3.0], [1.0, 4.0, 9.0], -1),
                                                (2.0, 4.0, -1), ([1, 2, 3], [1, 1, 1], 0)])
def test_normalization_given_statistics_match_keras(keras_oracle, mean, variance, axis, invert):
    kwargs = dict(mean=mean, variance=variance, axis=axis, invert=invert)
    ours, theirs = layers.Normalization(**kwargs), keras_oracle.layers.Normalization(**kwargs)
    np.testing.assert_allclose(_np(ours(X)), _np(theirs(X)), rtol=1e-6)
    assert ours.weights == []
    assert _config_without_name(ours) == _config_without_name(theirs)


def test_normalization_adapt_on_lists_and_batched_iterables_equals_numpy():
    data = np.random.default_rng(1).normal(size=(50, 4)).astype("float32")
    from_list = layers.Normalization()
    from_list.adapt(data.tolist())
    batches = layers.Normalization()
    batches.adapt(data[i:i + 7] for i in range(0, 50, 7))
    tuples = layers.Normalization()
    tuples.adapt([(data[:20], None), (data[20:], None)].__iter__())
    for layer in (from_list, batches, tuples):
        np.testing.assert_allclose(_np(layer.mean)[0], data.mean(0), rtol=1e-5, atol=1e-6)
        np.testing.assert_allclose(_np(layer.variance)[0], data.var(0), rtol=1e-5)


def test_normalization_adapt_steps_and_batch_size():
    data = np.arange(20, dtype="float32").reshape(10, 2)
    layer = layers.Normalization()
    layer.adapt(data, batch_size=2, steps=2)
    np.testing.assert_allclose(_np(layer.mean)[0], data[:4].mean(0))


def test_normalization_adapt_indexable_dataset():
    # Anything with __len__ and __getitem__ returning batches, as a PyDataset.
    data = np.random.default_rng(2).normal(size=(12, 3)).astype("float32")

    class Batches:
        def __len__(self):
            return 3

        def __getitem__(self, i):
            return data[4 * i:4 * i + 4], np.zeros(4)

    layer = layers.Normalization()
    layer.adapt(Batches())
    np.testing.assert_allclose(_np(layer.mean)[0], data.mean(0), rtol=1e-5, atol=1e-6)


def test_normalization_symbolic_and_unadapted_identity():
    inputs = layers.Input((3,))
    layer = layers.Normalization()
    assert layer(inputs).shape == (None, 3)
    np.testing.assert_allclose(_np(layer(X)), X)  # mean 0, variance 1 until adapted


def test_normalization_config_round_trip():
    layer = layers.Normalization(axis=(1, 2), invert=True)
    clone = layers.Normalization.from_config(layer.get_config())
    assert _config_without_name(clone) == _config_without_name(layer)


@pytest.mark.parametrize("kwargs,match", [
    (dict(mean=[1.0]), "both `mean` and `variance`"),
    (dict(axis="a"), "expects axis to be an int"),
])
def test_normalization_invalid_arguments(kwargs, match):
    with pytest.raises((ValueError, TypeError), match=match):
        layers.Normalization(**kwargs)


def test_normalization_errors_name_layer():
    layer = layers.Normalization(name="norm")
    layer.adapt(X[:, :2])
    with pytest.raises(ValueError, match=r'"norm" was built for input shape \(3, 2\).*\(3, 3\)'):
        layer.adapt(X)
    fixed = layers.Normalization(mean=1.0, variance=1.0, name="fixed")
    with pytest.raises(ValueError, match='"fixed" was given `mean` and `variance`'):
        fixed.adapt(X)
    with pytest.raises(ValueError, match=r"axis in \[-2, 2\).*axis=\(3,\)"):
        layers.Normalization(axis=3)(X)


# -- Discretization ----------------------------------------------------------------------

def _keras_discretization_without_tf(keras):
    # Keras's adapt only checks isinstance(data, tf.data.Dataset); give it a stand-in.
    from keras.src.layers.preprocessing import discretization
    discretization.tf = types.SimpleNamespace(
        data=types.SimpleNamespace(Dataset=type("Dataset", (), {})))


@pytest.mark.oracle
@pytest.mark.parametrize("num_bins,epsilon,size", [(4, 0.01, 1000), (5, 0.1, 1000),
                                                   (3, 0.001, 500), (10, 0.01, 37),
                                                   (4, 0.01, 20)])
def test_discretization_adapt_matches_keras(keras_oracle, num_bins, epsilon, size):
    _keras_discretization_without_tf(keras_oracle)
    data = np.random.default_rng(size).normal(size=(size,)).astype("float32")
    ours = layers.Discretization(num_bins=num_bins, epsilon=epsilon)
    theirs = keras_oracle.layers.Discretization(num_bins=num_bins, epsilon=epsilon)
    ours.adapt(data)
    theirs.adapt(data)
    np.testing.assert_allclose(ours.bin_boundaries, list(theirs.bin_boundaries), rtol=1e-6)
    np.testing.assert_array_equal(_np(ours(data)), _np(theirs(data)))
    assert _config_without_name(ours) == _config_without_name(theirs)


@pytest.mark.oracle
@pytest.mark.parametrize("output_mode", ["int", "one_hot", "multi_hot", "count"])
@pytest.mark.parametrize("data", [np.array([[-1.0, 0.0, 0.5, 1.0, 1.5, 2.0, 3.0]]),
                                  np.array([0.5, 2.5]), np.array([[0.5], [1.5]]),
                                  np.array([[1, 2]])])
def test_discretization_boundaries_match_keras(keras_oracle, output_mode, data):
    kwargs = dict(bin_boundaries=[0.0, 1.0, 2.0], output_mode=output_mode)
    ours = layers.Discretization(**kwargs)
    theirs = keras_oracle.layers.Discretization(**kwargs)
    expected = _np(theirs(data))
    got = _np(ours(data))
    np.testing.assert_array_equal(got, expected)
    assert got.dtype == expected.dtype
    assert ours.compute_output_shape((None, 7)) == theirs.compute_output_shape((None, 7))


def test_discretization_adapt_batches_and_round_trip():
    data = np.arange(20.0)
    layer = layers.Discretization(num_bins=4)
    layer.adapt(iter([data[:10], data[10:]]))
    assert len(layer.bin_boundaries) == 3
    clone = layers.Discretization.from_config(layer.get_config())
    assert clone.bin_boundaries == layer.bin_boundaries
    np.testing.assert_array_equal(_np(clone(data)), _np(layer(data)))


@pytest.mark.parametrize("kwargs,match", [
    ({}, "either `num_bins` or `bin_boundaries`"),
    (dict(bin_boundaries=[1.0], num_bins=3), "only one of `num_bins` and `bin_boundaries`"),
    (dict(bin_boundaries=[1.0], output_mode="foo"), "output_mode to be one of"),
    (dict(num_bins=0), "num_bins to be a positive integer"),
    (dict(bin_boundaries=[1.0], sparse=True), "sparse outputs are not supported"),
])
def test_discretization_invalid_arguments(kwargs, match):
    with pytest.raises(ValueError, match=match):
        layers.Discretization(**kwargs)


def test_discretization_adapt_with_boundaries_errors():
    with pytest.raises(ValueError, match='"d" was created with `bin_boundaries`'):
        layers.Discretization(bin_boundaries=[0.0], name="d").adapt(np.ones(3))


# -- Rescaling ---------------------------------------------------------------------------

@pytest.mark.oracle
@pytest.mark.parametrize("scale,offset", [(1 / 255.0, 0.0), (1 / 127.5, -1), (2, 3),
                                          ([1.0, 2.0, 3.0], 0.0), ([1.0, 2.0, 3.0], [0, 1, 2])])
@pytest.mark.parametrize("dtype", ["float32", "int32", "uint8"])
def test_rescaling_matches_keras(keras_oracle, scale, offset, dtype):
    data = (np.arange(24).reshape(2, 4, 3) % 200).astype(dtype)
    ours = layers.Rescaling(scale, offset)
    theirs = keras_oracle.layers.Rescaling(scale, offset)
    expected = _np(theirs(data))
    got = _np(ours(data))
    np.testing.assert_allclose(got, expected, rtol=1e-6)
    assert got.dtype == expected.dtype
    assert _config_without_name(ours) == _config_without_name(theirs)


def test_rescaling_invalid_scale():
    with pytest.raises(ValueError, match=r'"resc" expects scale to be a number.*scale=\'a\''):
        layers.Rescaling("a", name="resc")


# -- CategoryEncoding --------------------------------------------------------------------

@pytest.mark.oracle
@pytest.mark.parametrize("mode", ["one_hot", "multi_hot", "count"])
@pytest.mark.parametrize("data", [np.array([0, 1, 3, 3]), np.array([[0], [3]]),
                                  np.array([[0, 1], [3, 3]]), np.array(2),
                                  np.array([[[0, 1], [2, 2]]])])
def test_category_encoding_matches_keras(keras_oracle, mode, data):
    ours = layers.CategoryEncoding(num_tokens=4, output_mode=mode)
    theirs = keras_oracle.layers.CategoryEncoding(num_tokens=4, output_mode=mode)
    np.testing.assert_array_equal(_np(ours(data)), _np(theirs(data)))
    assert ours.compute_output_shape(data.shape) == tuple(theirs(data).shape)
    assert _config_without_name(ours) == _config_without_name(theirs)


@pytest.mark.oracle
def test_category_encoding_count_weights_and_dtype(keras_oracle):
    data = np.array([[0, 1, 1], [3, 3, 2]])
    weights = np.array([[0.5, 1.0, 2.0], [1.0, 1.0, 3.0]])
    ours = layers.CategoryEncoding(num_tokens=4, output_mode="count")
    theirs = keras_oracle.layers.CategoryEncoding(num_tokens=4, output_mode="count")
    np.testing.assert_allclose(_np(ours(data, count_weights=weights)),
                               _np(theirs(data, count_weights=weights)))
    as_int = layers.CategoryEncoding(num_tokens=4, dtype="int32")
    assert _np(as_int(np.array([[1, 2]]))).dtype == np.int32


@pytest.mark.parametrize("kwargs,match", [
    (dict(num_tokens=None), "num_tokens to be a positive integer"),
    (dict(num_tokens=3, output_mode="foo"), "output_mode to be one of"),
    (dict(num_tokens=3, sparse=True), "sparse outputs are not supported"),
])
def test_category_encoding_invalid_arguments(kwargs, match):
    with pytest.raises(ValueError, match=match):
        layers.CategoryEncoding(**kwargs)


def test_category_encoding_out_of_range_input():
    layer = layers.CategoryEncoding(num_tokens=4, name="enc")
    with pytest.raises(ValueError, match=r'"enc" expects input values in \[0, 4\).*maximum of 4'):
        layer(np.array([4]))


# -- Pipeline ----------------------------------------------------------------------------

@pytest.mark.oracle
def test_pipeline_matches_keras_and_round_trips(keras_oracle):
    ours = layers.Pipeline([layers.Rescaling(2.0, name="r"), layers.CenterCrop(2, 2, name="c")],
                           name="pipe")
    theirs = keras_oracle.layers.Pipeline(
        [keras_oracle.layers.Rescaling(2.0, name="r"),
         keras_oracle.layers.CenterCrop(2, 2, name="c")], name="pipe")
    images = np.arange(2 * 4 * 4 * 1, dtype="float32").reshape(2, 4, 4, 1)
    np.testing.assert_allclose(_np(ours(images)), _np(theirs(images)))
    ours_config, theirs_config = ours.get_config(), theirs.get_config()
    assert ours_config["name"] == theirs_config["name"]
    assert [c["config"] for c in ours_config["layers"]] == \
        [c["config"] for c in theirs_config["layers"]]
    clone = layers.Pipeline.from_config(ours.get_config())
    assert [type(x).__name__ for x in clone.layers] == ["Rescaling", "CenterCrop"]
    assert ours.compute_output_shape((None, 4, 4, 1)) == (None, 2, 2, 1)


def test_pipeline_passes_training_to_random_layers():
    pipe = layers.Pipeline([layers.RandomFlip(seed=1)])
    images = np.random.default_rng(0).uniform(size=(8, 3, 3, 1)).astype("float32")
    np.testing.assert_allclose(_np(pipe(images, training=False)), images)
    assert not np.allclose(_np(pipe(images, training=True)), images)
    with pytest.raises(ValueError, match='"p" expects a list of layers'):
        layers.Pipeline([lambda x: x], name="p")
