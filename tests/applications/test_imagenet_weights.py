"""weights="imagenet" downloads Keras's file (URL and hash as Keras) and loads it; the
download is replaced by a local file written from the Keras model."""
import numpy as np
import pytest

from ceras import applications
from ceras.applications import imagenet_utils
from tests.applications.parity import randomize, save_legacy_h5


@pytest.mark.oracle
@pytest.mark.parametrize("fn, file_name, origin, file_hash", [
    ("VGG16", "vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5",
     "https://storage.googleapis.com/tensorflow/keras-applications/vgg16/"
     "vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5", "6d6bbae143d832006294945121d1f1fc"),
    ("ResNet50", "resnet50_weights_tf_dim_ordering_tf_kernels_notop.h5",
     "https://storage.googleapis.com/tensorflow/keras-applications/resnet/"
     "resnet50_weights_tf_dim_ordering_tf_kernels_notop.h5",
     "4d473c1dd8becc155b73f8504c6f6626"),
])
def test_imagenet_weights_are_fetched_with_keras_url_and_loaded(
        keras_oracle, tmp_path, monkeypatch, fn, file_name, origin, file_hash):
    keras_model = getattr(keras_oracle.applications, fn)(
        weights=None, include_top=False, input_shape=(32, 32, 3))
    randomize(keras_model)
    local = save_legacy_h5(keras_model, tmp_path / file_name)
    calls = []

    def fake_get_file(fname, origin, cache_subdir, file_hash):
        calls.append((fname, origin, cache_subdir, file_hash))
        return local

    monkeypatch.setattr(imagenet_utils, "get_file", fake_get_file)
    model = getattr(applications, fn)(weights="imagenet", include_top=False,
                                      input_shape=(32, 32, 3))

    assert calls == [(file_name, origin, "models", file_hash)]
    x = np.random.default_rng(7).uniform(-1, 1, (1, 32, 32, 3)).astype("float32")
    # Deep float32 conv stacks (activations ~1e5): libraries differ in the 4th digit.
    np.testing.assert_allclose(np.asarray(model.predict(x, verbose=0)),
                               keras_model.predict(x, verbose=0), rtol=1e-3, atol=1e-4)
