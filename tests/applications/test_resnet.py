"""ResNet and ResNetV2 match Keras's architecture and load Keras's weight files."""
import numpy as np
import pytest

from ceras import applications
from tests.applications.parity import assert_same_architecture, randomize, save_legacy_h5


def _build_both(keras, fn, **kwargs):
    keras.utils.clear_session()
    keras_model = getattr(keras.applications, fn)(**kwargs)
    return getattr(applications, fn)(**kwargs), keras_model


@pytest.mark.oracle
@pytest.mark.parametrize("fn", ["ResNet50", "ResNet50V2"])
def test_resnet_architecture_matches_keras(keras_oracle, fn):
    ceras_model, keras_model = _build_both(
        keras_oracle, fn, weights=None, include_top=False, input_shape=(32, 32, 3),
        pooling="max")
    assert_same_architecture(ceras_model, keras_model)


@pytest.mark.oracle
@pytest.mark.slow
@pytest.mark.parametrize("fn", ["ResNet101", "ResNet152", "ResNet101V2", "ResNet152V2"])
def test_deeper_resnet_architecture_matches_keras(keras_oracle, fn):
    ceras_model, keras_model = _build_both(
        keras_oracle, fn, weights=None, include_top=True, classes=7, input_shape=(32, 32, 3))
    assert_same_architecture(ceras_model, keras_model)


@pytest.mark.oracle
@pytest.mark.parametrize("fn", ["ResNet50", "ResNet50V2"])
def test_resnet_loads_keras_h5_weights_and_predicts_the_same(keras_oracle, tmp_path, fn):
    keras_model = getattr(keras_oracle.applications, fn)(
        weights=None, input_shape=(32, 32, 3), classes=10)
    randomize(keras_model)
    path = save_legacy_h5(keras_model, tmp_path / f"{fn}.h5")
    x = np.random.default_rng(1).uniform(-1, 1, (2, 32, 32, 3)).astype("float32")

    model = getattr(applications, fn)(weights=path, input_shape=(32, 32, 3), classes=10)

    np.testing.assert_allclose(np.asarray(model.predict(x, verbose=0)),
                               keras_model.predict(x, verbose=0), atol=1e-4)


@pytest.mark.oracle
def test_resnet_loads_keras_weights_h5_file(keras_oracle, tmp_path):
    # Keras 3's .weights.h5 keys layers by their position in the model's layer list.
    keras_model = keras_oracle.applications.ResNet50V2(
        weights=None, include_top=False, input_shape=(32, 32, 3), pooling="avg")
    randomize(keras_model, seed=5)
    path = tmp_path / "resnet50v2.weights.h5"
    keras_model.save_weights(str(path))
    x = np.random.default_rng(11).uniform(-1, 1, (1, 32, 32, 3)).astype("float32")

    model = applications.ResNet50V2(weights=str(path), include_top=False,
                                    input_shape=(32, 32, 3), pooling="avg")

    np.testing.assert_allclose(np.asarray(model.predict(x, verbose=0)),
                               keras_model.predict(x, verbose=0), rtol=1e-4, atol=1e-4)


@pytest.mark.oracle
def test_resnet_with_input_tensor_and_no_top_matches_keras(keras_oracle):
    from ceras import layers

    inputs = layers.Input((40, 40, 3))
    model = applications.ResNet50V2(weights=None, include_top=False, input_tensor=inputs)
    keras_model = keras_oracle.applications.ResNet50V2(
        weights=None, include_top=False, input_tensor=keras_oracle.Input((40, 40, 3)))
    assert model.inputs[0] is inputs
    assert tuple(model.output.shape) == tuple(keras_model.output.shape) == (None, 2, 2, 2048)


@pytest.mark.oracle
def test_resnet_layer_order_matches_keras(keras_oracle):
    ceras_model, keras_model = _build_both(
        keras_oracle, "ResNet50", weights=None, include_top=False, input_shape=(32, 32, 3))
    assert [l.name for l in ceras_model.layers] == [l.name for l in keras_model.layers]
