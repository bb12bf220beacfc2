"""DenseNet matches Keras's architecture and loads Keras's weight files."""
import numpy as np
import pytest

from ceras import applications
from tests.applications.parity import assert_same_architecture, randomize, save_legacy_h5


@pytest.mark.oracle
@pytest.mark.parametrize("fn", [
    "DenseNet121", pytest.param("DenseNet169", marks=pytest.mark.slow),
    pytest.param("DenseNet201", marks=pytest.mark.slow)])
def test_densenet_architecture_matches_keras(keras_oracle, fn):
    kwargs = dict(weights=None, include_top=True, input_shape=(32, 32, 3), classes=4)
    keras_oracle.utils.clear_session()
    keras_model = getattr(keras_oracle.applications, fn)(**kwargs)
    model = getattr(applications, fn)(**kwargs)
    assert_same_architecture(model, keras_model)


@pytest.mark.oracle
@pytest.mark.slow
def test_densenet121_loads_keras_h5_weights_and_predicts_the_same(keras_oracle, tmp_path):
    keras_model = keras_oracle.applications.DenseNet121(
        weights=None, include_top=False, input_shape=(32, 32, 3), pooling="avg")
    randomize(keras_model)
    path = save_legacy_h5(keras_model, tmp_path / "densenet121.h5")
    x = np.random.default_rng(5).uniform(-1, 1, (2, 32, 32, 3)).astype("float32")

    model = applications.DenseNet121(weights=path, include_top=False, input_shape=(32, 32, 3),
                                     pooling="avg")

    np.testing.assert_allclose(np.asarray(model.predict(x, verbose=0)),
                               keras_model.predict(x, verbose=0), rtol=1e-4, atol=1e-4)
