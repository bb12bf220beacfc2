"""MobileNet and MobileNetV2 match Keras's architecture and load Keras's weight files."""
import numpy as np
import pytest

from ceras import applications
from tests.applications.parity import assert_same_architecture, randomize, save_legacy_h5


@pytest.mark.oracle
@pytest.mark.parametrize("alpha, shape, top", [
    (1.0, (32, 32, 3), False), (0.35, (96, 96, 3), True), (1.4, (33, 47, 3), False)])
def test_mobilenet_v2_architecture_matches_keras(keras_oracle, alpha, shape, top):
    kwargs = dict(weights=None, alpha=alpha, input_shape=shape, include_top=top, classes=6,
                  pooling="avg")
    keras_oracle.utils.clear_session()
    keras_model = keras_oracle.applications.MobileNetV2(**kwargs)
    model = applications.MobileNetV2(**kwargs)
    assert_same_architecture(model, keras_model)


@pytest.mark.oracle
def test_mobilenet_v2_loads_keras_h5_weights_and_predicts_the_same(keras_oracle, tmp_path):
    keras_model = keras_oracle.applications.MobileNetV2(
        weights=None, alpha=0.5, input_shape=(35, 35, 3), classes=10)
    randomize(keras_model)
    path = save_legacy_h5(keras_model, tmp_path / "mobilenet_v2.h5")
    x = np.random.default_rng(3).uniform(-1, 1, (2, 35, 35, 3)).astype("float32")

    model = applications.MobileNetV2(weights=path, alpha=0.5, input_shape=(35, 35, 3),
                                     classes=10)

    np.testing.assert_allclose(np.asarray(model.predict(x, verbose=0)),
                               keras_model.predict(x, verbose=0), atol=1e-4)


def test_mobilenet_v2_imagenet_alpha_is_checked():
    with pytest.raises(ValueError, match=r"alpha must be one of.*Received `alpha=0.6`"):
        applications.MobileNetV2(alpha=0.6, include_top=False)


def test_mobilenet_v2_input_tensor_width_must_match_input_shape():
    from ceras import layers

    with pytest.raises(ValueError, match=r"width of `input_tensor`.*\(64, 48, 3\)"):
        applications.MobileNetV2(weights=None, input_tensor=layers.Input((64, 64, 3)),
                                 input_shape=(64, 48, 3), include_top=False)


@pytest.mark.oracle
@pytest.mark.parametrize("alpha, multiplier, shape, top", [
    (1.0, 1, (32, 32, 3), False), (0.25, 2, (128, 128, 3), True), (0.75, 1, (45, 33, 3), True)])
def test_mobilenet_architecture_matches_keras(keras_oracle, alpha, multiplier, shape, top):
    kwargs = dict(weights=None, alpha=alpha, depth_multiplier=multiplier, input_shape=shape,
                  include_top=top, classes=6, pooling="max")
    keras_oracle.utils.clear_session()
    keras_model = keras_oracle.applications.MobileNet(**kwargs)
    model = applications.MobileNet(**kwargs)
    assert_same_architecture(model, keras_model)
    assert [l.name for l in model.layers] == [l.name for l in keras_model.layers]


@pytest.mark.oracle
def test_mobilenet_loads_keras_weights_and_predicts_the_same(keras_oracle, tmp_path):
    keras_model = keras_oracle.applications.MobileNet(
        weights=None, alpha=0.25, input_shape=(32, 32, 3), classes=10)
    randomize(keras_model)
    path = tmp_path / "mobilenet.weights.h5"
    keras_model.save_weights(str(path))
    x = np.random.default_rng(4).uniform(-1, 1, (2, 32, 32, 3)).astype("float32")

    model = applications.MobileNet(weights=str(path), alpha=0.25, input_shape=(32, 32, 3),
                                   classes=10)

    np.testing.assert_allclose(np.asarray(model.predict(x, verbose=0)),
                               keras_model.predict(x, verbose=0), atol=1e-4)


def test_mobilenet_imagenet_arguments_are_checked():
    with pytest.raises(ValueError, match="depth multiplier must be 1. Received depth_mult"):
        applications.MobileNet(depth_multiplier=2, include_top=False)
    with pytest.raises(ValueError, match="alpha can be one of.*Received alpha=0.6"):
        applications.MobileNet(alpha=0.6, include_top=False)


@pytest.mark.oracle
@pytest.mark.parametrize("fn, alpha, minimalistic, top", [
    ("MobileNetV3Small", 1.0, False, True), ("MobileNetV3Large", 0.75, False, False),
    ("MobileNetV3Small", 1.25, True, True)])
def test_mobilenet_v3_architecture_matches_keras(keras_oracle, fn, alpha, minimalistic, top):
    kwargs = dict(weights=None, alpha=alpha, minimalistic=minimalistic, include_top=top,
                  input_shape=(32, 32, 3), classes=5, pooling="avg")
    keras_oracle.utils.clear_session()
    keras_model = getattr(keras_oracle.applications, fn)(**kwargs)
    model = getattr(applications, fn)(**kwargs)
    assert_same_architecture(model, keras_model)


@pytest.mark.oracle
def test_mobilenet_v3_small_loads_keras_h5_weights_and_predicts_the_same(keras_oracle,
                                                                         tmp_path):
    keras_model = keras_oracle.applications.MobileNetV3Small(
        weights=None, input_shape=(32, 32, 3), classes=10)
    randomize(keras_model)
    path = save_legacy_h5(keras_model, tmp_path / "mobilenet_v3.h5")
    x = np.random.default_rng(8).uniform(0, 255, (2, 32, 32, 3)).astype("float32")

    model = applications.MobileNetV3Small(weights=path, input_shape=(32, 32, 3), classes=10)

    np.testing.assert_allclose(np.asarray(model.predict(x, verbose=0)),
                               keras_model.predict(x, verbose=0), atol=1e-4)


def test_mobilenet_v3_input_size_and_alpha_are_checked():
    with pytest.raises(ValueError, match=r"at least 32x32; Received `input_shape=\(16, 40, 3\)"):
        applications.MobileNetV3Large(weights=None, input_shape=(16, 40, 3))
    with pytest.raises(ValueError, match="alpha can be one of.*alpha=0.5, minimalistic=False"):
        applications.MobileNetV3Small(alpha=0.5)
