"""A model of this package's layers saved by real Keras (.keras) loads in ceras with the
same predictions, and the other way round: configs and weight order line up."""
import numpy as np
import pytest

import ceras


def _build(lib):
    L = lib.layers
    inputs = lib.Input((8, 8, 3))
    x = L.Conv2D(4, 3, padding="same", groups=1)(inputs)
    x = L.BatchNormalization()(x)
    x = L.PReLU(shared_axes=[1, 2])(x)
    x = L.SeparableConv2D(6, 3, depth_multiplier=2)(x)
    x = L.DepthwiseConv2D(2, strides=2)(x)
    x = L.Conv2DTranspose(4, 2, strides=2)(x)
    x = L.ZeroPadding2D(1)(x)
    x = L.Cropping2D(((1, 0), (0, 1)))(x)
    x = L.UpSampling2D(2)(x)
    x = L.MaxPooling2D(2)(x)
    x = L.GroupNormalization(groups=2)(x)
    a = L.GlobalAveragePooling2D()(x)
    b = L.GlobalMaxPooling2D()(x)
    x = L.Concatenate()([L.Average()([a, b]), L.Multiply()([a, b])])
    x = L.LayerNormalization()(x)
    x = L.RepeatVector(3)(x)
    x = L.Conv1D(5, 2, padding="causal")(x)
    x = L.Permute((2, 1))(x)
    x = L.Flatten()(x)
    x = L.SpectralNormalization(L.Dense(4))(x)
    outputs = L.Softmax()(x)
    return lib.Model(inputs, outputs)


@pytest.mark.oracle
@pytest.mark.slow
def test_keras_saved_model_loads_in_ceras_and_back(keras_oracle, tmp_path, rng):
    keras = keras_oracle
    x = rng.normal(size=(2, 8, 8, 3)).astype("float32")
    theirs = _build(keras)
    theirs.layers[2].moving_mean.assign(rng.normal(size=(4,)).astype("float32"))
    expected = keras.ops.convert_to_numpy(theirs(x))
    theirs.save(tmp_path / "keras.keras")

    ours = ceras.saving.load_model(tmp_path / "keras.keras")
    np.testing.assert_allclose(ceras.ops.convert_to_numpy(ours(x)), expected, rtol=1e-5,
                               atol=1e-6)
    assert sorted(type(layer).__name__ for layer in ours.layers) == sorted(
        type(layer).__name__ for layer in theirs.layers)

    ours.save(tmp_path / "ceras.keras")
    back = keras.saving.load_model(tmp_path / "ceras.keras")
    np.testing.assert_allclose(keras.ops.convert_to_numpy(back(x)), expected, rtol=1e-5,
                               atol=1e-6)
