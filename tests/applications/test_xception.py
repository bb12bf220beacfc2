"""Xception matches Keras's architecture and loads Keras's weight files."""
import numpy as np
import pytest

from ceras import applications
from tests.applications.parity import assert_same_architecture, randomize, save_legacy_h5


@pytest.mark.oracle
def test_xception_architecture_matches_keras(keras_oracle):
    kwargs = dict(weights=None, include_top=True, input_shape=(71, 71, 3), classes=3)
    keras_oracle.utils.clear_session()
    keras_model = keras_oracle.applications.Xception(**kwargs)
    model = applications.Xception(**kwargs)
    assert_same_architecture(model, keras_model)


@pytest.mark.oracle
@pytest.mark.slow
def test_xception_loads_keras_h5_weights_and_predicts_the_same(keras_oracle, tmp_path):
    keras_oracle.utils.clear_session()
    keras_model = keras_oracle.applications.Xception(
        weights=None, include_top=False, input_shape=(71, 71, 3), pooling="avg")
    randomize(keras_model)
    path = save_legacy_h5(keras_model, tmp_path / "xception.h5")
    x = np.random.default_rng(9).uniform(-1, 1, (1, 71, 71, 3)).astype("float32")

    model = applications.Xception(weights=path, include_top=False, input_shape=(71, 71, 3),
                                  pooling="avg")

    np.testing.assert_allclose(np.asarray(model.predict(x, verbose=0)),
                               keras_model.predict(x, verbose=0), rtol=1e-4, atol=1e-4)


def test_xception_minimum_input_size():
    with pytest.raises(ValueError, match=r"at least 71x71; Received: input_shape=\(64, 64, 3\)"):
        applications.Xception(weights=None, include_top=False, input_shape=(64, 64, 3))


@pytest.mark.oracle
@pytest.mark.slow
def test_xception_loads_h5_whose_automatic_names_differ(keras_oracle, tmp_path):
    keras_oracle.utils.clear_session()
    keras_model = keras_oracle.applications.Xception(
        weights=None, include_top=False, input_shape=(71, 71, 3), pooling="max")
    randomize(keras_model, seed=3)
    path = save_legacy_h5(keras_model, tmp_path / "xception.h5")
    # A model built first shifts the automatic names ("conv2d" -> "conv2d_4", ...).
    applications.Xception(weights=None, include_top=False, input_shape=(71, 71, 3))
    x = np.random.default_rng(10).uniform(-1, 1, (1, 71, 71, 3)).astype("float32")

    model = applications.Xception(weights=path, include_top=False, input_shape=(71, 71, 3),
                                  pooling="max")

    assert model.get_layer("conv2d_4") is not None
    np.testing.assert_allclose(np.asarray(model.predict(x, verbose=0)),
                               keras_model.predict(x, verbose=0), rtol=1e-4, atol=1e-4)


@pytest.mark.oracle
def test_legacy_h5_with_other_layers_is_rejected(keras_oracle, tmp_path):
    keras_model = keras_oracle.applications.VGG16(weights=None, include_top=False,
                                                  input_shape=(32, 32, 3))
    path = save_legacy_h5(keras_model, tmp_path / "vgg16.h5")
    with pytest.raises(ValueError, match=r"Cannot load .*vgg16.h5 into model 'xception': the "
                                         r"file has weights for 13 layers"):
        applications.Xception(weights=path, include_top=False, input_shape=(71, 71, 3))
