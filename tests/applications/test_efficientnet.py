"""EfficientNet matches Keras's architecture and loads Keras's weight files."""
import numpy as np
import pytest

from ceras import applications
from tests.applications.parity import assert_same_architecture, randomize, save_legacy_h5


@pytest.mark.oracle
@pytest.mark.parametrize("fn", [
    "EfficientNetB0",
    *[pytest.param(f"EfficientNetB{i}", marks=pytest.mark.slow) for i in (1, 2, 3, 4, 5, 6, 7)]])
def test_efficientnet_architecture_matches_keras(keras_oracle, fn):
    kwargs = dict(weights=None, include_top=False, input_shape=(32, 32, 3), pooling="avg")
    keras_oracle.utils.clear_session()
    keras_model = getattr(keras_oracle.applications, fn)(**kwargs)
    model = getattr(applications, fn)(**kwargs)
    assert_same_architecture(model, keras_model)


@pytest.mark.oracle
def test_efficientnet_b0_loads_keras_h5_weights_and_predicts_the_same(keras_oracle, tmp_path):
    keras_model = keras_oracle.applications.EfficientNetB0(
        weights=None, input_shape=(32, 32, 3), classes=10)
    randomize(keras_model)
    path = save_legacy_h5(keras_model, tmp_path / "efficientnetb0.h5")
    x = np.random.default_rng(6).uniform(0, 255, (2, 32, 32, 3)).astype("float32")

    model = applications.EfficientNetB0(weights=path, input_shape=(32, 32, 3), classes=10)

    np.testing.assert_allclose(np.asarray(model.predict(x, verbose=0)),
                               keras_model.predict(x, verbose=0), atol=1e-4)


def test_efficientnet_preprocess_input_is_identity():
    x = np.arange(12.0).reshape(1, 2, 2, 3)
    assert applications.efficientnet.preprocess_input(x) is x


def test_efficientnet_rejects_zero_repeats():
    args = [dict(applications.efficientnet.DEFAULT_BLOCKS_ARGS[0], repeats=0)]
    with pytest.raises(ValueError, match="repeats in `EfficientNet` must be > 0. Received: "
                                         "repeats=0"):
        applications.efficientnet.EfficientNet(1.0, 1.0, 224, blocks_args=args, weights=None)
