"""VGG16/VGG19 match Keras's architecture and load Keras's weight files."""
import numpy as np
import pytest

from ceras import applications
from tests.applications.parity import assert_same_architecture, randomize, save_legacy_h5


@pytest.mark.oracle
@pytest.mark.parametrize("fn", ["VGG16", "VGG19"])
@pytest.mark.parametrize("top", [True, False])
def test_vgg_architecture_matches_keras(keras_oracle, fn, top):
    kwargs = dict(weights=None, include_top=top, input_shape=(32, 32, 3), classes=5,
                  pooling=None if top else "avg")
    keras_oracle.utils.clear_session()
    keras_model = getattr(keras_oracle.applications, fn)(**kwargs)
    model = getattr(applications, fn)(**kwargs)
    assert_same_architecture(model, keras_model)
    assert [l.name for l in model.layers] == [l.name for l in keras_model.layers]


@pytest.mark.oracle
@pytest.mark.parametrize("fmt", ["weights.h5", "h5"])
def test_vgg16_loads_keras_weights_and_predicts_the_same(keras_oracle, tmp_path, fmt):
    keras_model = keras_oracle.applications.VGG16(
        weights=None, include_top=False, input_shape=(32, 32, 3), pooling="avg")
    randomize(keras_model)
    path = tmp_path / f"vgg16.{fmt}"
    if fmt == "h5":
        save_legacy_h5(keras_model, path)
    else:
        keras_model.save_weights(str(path))
    x = np.random.default_rng(2).uniform(0, 255, (2, 32, 32, 3)).astype("float32")
    x = applications.vgg16.preprocess_input(x)

    model = applications.VGG16(weights=str(path), include_top=False, input_shape=(32, 32, 3),
                               pooling="avg")

    # Deep float32 conv stacks (activations ~1e5): libraries differ in the 4th digit.
    np.testing.assert_allclose(np.asarray(model.predict(x, verbose=0)),
                               keras_model.predict(x, verbose=0), rtol=1e-3, atol=1e-4)
