"""preprocess_input, decode_predictions and input/weights validation of ceras.applications."""
import json

import numpy as np
import pytest

from ceras import applications, ops
from ceras.applications import imagenet_utils


@pytest.mark.oracle
@pytest.mark.parametrize("mode", ["caffe", "tf", "torch"])
@pytest.mark.parametrize("data_format", ["channels_last", "channels_first"])
def test_preprocess_input_matches_keras(keras_oracle, rng, mode, data_format):
    x = rng.uniform(0, 255, (2, 3, 5, 3)).astype("float32")
    expected = keras_oracle.applications.imagenet_utils.preprocess_input(
        x.copy(), data_format=data_format, mode=mode)
    np.testing.assert_allclose(
        imagenet_utils.preprocess_input(x.copy(), data_format=data_format, mode=mode),
        expected, rtol=1e-6, atol=1e-5)
    from_tensor = imagenet_utils.preprocess_input(
        ops.convert_to_tensor(x), data_format=data_format, mode=mode)
    np.testing.assert_allclose(ops.convert_to_numpy(from_tensor), expected, rtol=1e-6,
                               atol=1e-5)


@pytest.mark.oracle
def test_preprocess_input_single_image_and_integers(keras_oracle, rng):
    x = rng.integers(0, 256, (4, 4, 3)).astype("uint8")
    expected = keras_oracle.applications.resnet.preprocess_input(x.copy())
    np.testing.assert_allclose(applications.resnet.preprocess_input(x.copy()), expected,
                               atol=1e-5)


@pytest.mark.oracle
def test_module_preprocessing_modes_match_keras(keras_oracle, rng):
    x = rng.uniform(0, 255, (1, 2, 2, 3)).astype("float32")
    for module in ["resnet", "resnet50", "resnet_v2", "vgg16", "vgg19"]:
        np.testing.assert_allclose(
            getattr(applications, module).preprocess_input(x.copy()),
            getattr(keras_oracle.applications, module).preprocess_input(x.copy()), atol=1e-5)


def test_preprocess_input_rejects_unknown_mode():
    with pytest.raises(ValueError, match="mode to be one of .* Received: mode=keras"):
        imagenet_utils.preprocess_input(np.zeros((1, 2, 2, 3)), mode="keras")


def test_decode_predictions_with_local_class_index(tmp_path, monkeypatch):
    index = {str(i): [f"n{i:08d}", f"class_{i}"] for i in range(1000)}
    source = tmp_path / "imagenet_class_index.json"
    source.write_text(json.dumps(index))
    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(imagenet_utils, "CLASS_INDEX", None)
    monkeypatch.setattr(imagenet_utils, "CLASS_INDEX_PATH", source.as_uri())
    monkeypatch.setattr(imagenet_utils, "CLASS_INDEX_HASH", None)
    preds = np.zeros((2, 1000), "float32")
    preds[0, [7, 3, 999]] = [0.5, 0.3, 0.2]
    preds[1, 42] = 1.0

    decoded = applications.resnet50.decode_predictions(preds, top=3)

    assert [d[:2] for d in decoded[0]] == [
        ("n00000007", "class_7"), ("n00000003", "class_3"), ("n00000999", "class_999")]
    np.testing.assert_allclose([d[2] for d in decoded[0]], [0.5, 0.3, 0.2])
    assert decoded[1][0][:2] == ("n00000042", "class_42")
    assert (tmp_path / "cache" / "models" / "imagenet_class_index.json").exists()


def test_decode_predictions_rejects_wrong_shape():
    with pytest.raises(ValueError, match=r"shape \(samples, 1000\).*\(2, 10\)"):
        imagenet_utils.decode_predictions(np.zeros((2, 10)))


@pytest.mark.oracle
def test_download_constants_are_keras(keras_oracle):
    from keras.src.applications import imagenet_utils as k_utils
    from keras.src.applications import resnet as k_resnet

    assert imagenet_utils.CLASS_INDEX_PATH == k_utils.CLASS_INDEX_PATH
    assert applications.resnet.BASE_WEIGHTS_PATH == k_resnet.BASE_WEIGHTS_PATH
    for key, hashes in applications.resnet.WEIGHTS_HASHES.items():
        assert hashes == k_resnet.WEIGHTS_HASHES[key]


def test_imagenet_weights_with_other_classes_is_rejected():
    with pytest.raises(ValueError, match=r"weights='imagenet'.*include_top=True.*classes=10"):
        applications.ResNet50(weights="imagenet", classes=10)


def test_unknown_weights_path_is_rejected():
    with pytest.raises(ValueError, match="`weights` argument should be.*no_such_file.h5"):
        applications.VGG16(weights="no_such_file.h5")


def test_input_shape_too_small_is_rejected():
    with pytest.raises(ValueError, match=r"at least 32x32; Received: input_shape=\(16, 16, 3\)"):
        applications.VGG19(weights=None, include_top=False, input_shape=(16, 16, 3))


def test_top_needs_static_input_shape():
    with pytest.raises(ValueError, match=r"static `input_shape`.*\(None, None, 3\)"):
        applications.ResNet50(weights=None, input_shape=(None, None, 3))


def test_imagenet_top_needs_default_input_shape():
    with pytest.raises(ValueError, match=r"should be \(224, 224, 3\).*\(64, 64, 3\)"):
        imagenet_utils.obtain_input_shape((64, 64, 3), 224, 32, "channels_last", True,
                                          "imagenet")


def test_input_shape_needs_three_dimensions():
    with pytest.raises(ValueError, match="tuple of three integers.*input_shape=\\(32, 32\\)"):
        imagenet_utils.obtain_input_shape((32, 32), 224, 32, "channels_last", False)


def test_imagenet_weights_need_three_channels():
    with pytest.raises(ValueError, match="must have 3 channels.*\\(64, 64, 1\\)"):
        imagenet_utils.obtain_input_shape((64, 64, 1), 224, 32, "channels_last", False,
                                          "imagenet")


def test_pretrained_classifier_activation_is_checked(tmp_path):
    path = tmp_path / "w.weights.h5"
    path.write_bytes(b"")
    with pytest.raises(ValueError, match="classifier_activation=relu"):
        imagenet_utils.validate_activation("relu", str(path))
    imagenet_utils.validate_activation("softmax", "imagenet")
    imagenet_utils.validate_activation(None, "imagenet")
    imagenet_utils.validate_activation("relu", None)
