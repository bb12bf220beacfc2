"""ceras.utils helpers against NumPy expectations and real Keras."""
import hashlib
import io
import os
import tarfile
import zipfile

import numpy as np
import pytest

import ceras
from ceras import layers, utils


def test_to_categorical_and_errors():
    np.testing.assert_array_equal(utils.to_categorical([0, 2, 1], 3),
                                  [[1, 0, 0], [0, 0, 1], [0, 1, 0]])
    assert utils.to_categorical(np.zeros((2, 3, 1), "int64"), 4).shape == (2, 3, 4)
    with pytest.raises(ValueError, match=r"labels must be in \[0, 2\), received values in "
                                         r"\[0, 5\]"):
        utils.to_categorical([0, 5], 2)


@pytest.mark.oracle
def test_numeric_utils_match_keras(keras_oracle, rng):
    kutils = keras_oracle.utils
    labels = rng.integers(0, 5, size=(7,))
    np.testing.assert_array_equal(utils.to_categorical(labels, 5),
                                  kutils.to_categorical(labels, 5))
    x = rng.normal(size=(4, 3)).astype("float32")
    np.testing.assert_allclose(utils.normalize(x), keras_oracle.ops.convert_to_numpy(
        kutils.normalize(x)), rtol=1e-6)
    seqs = [[1, 2, 3], [4], [5, 6, 7, 8, 9]]
    for kwargs in ({}, {"maxlen": 3, "padding": "post"}, {"maxlen": 2, "truncating": "post",
                                                           "value": -1}):
        np.testing.assert_array_equal(utils.pad_sequences(seqs, **kwargs),
                                      kutils.pad_sequences(seqs, **kwargs))


def test_pad_sequences_rejects_bad_padding():
    with pytest.raises(ValueError, match='padding must be "pre" or "post", received \'mid\''):
        utils.pad_sequences([[1]], padding="mid")


def test_get_file_downloads_verifies_and_caches(tmp_path):
    source = tmp_path / "src" / "data.bin"
    source.parent.mkdir()
    source.write_bytes(b"payload" * 100)
    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    cache = tmp_path / "cache"
    path = utils.get_file("data.bin", origin=source.as_uri(), file_hash=digest,
                          cache_dir=str(cache))
    assert open(path, "rb").read() == source.read_bytes()
    source.unlink()  # a second call must use the cache
    assert utils.get_file("data.bin", origin="file:///nonexistent", file_hash=digest,
                          cache_dir=str(cache)) == path
    with pytest.raises(ValueError, match="wrong hash"):
        other = tmp_path / "other.bin"
        other.write_bytes(b"x")
        utils.get_file("other.bin", origin=other.as_uri(), file_hash="0" * 64,
                       cache_dir=str(cache))


def test_get_file_extracts_tar_and_refuses_traversal(tmp_path):
    archive = tmp_path / "pkg.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        data = b"hello"
        info = tarfile.TarInfo("pkg/readme.txt")
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    out = utils.get_file(origin=archive.as_uri(), extract=True, cache_dir=str(tmp_path / "c"))
    assert open(os.path.join(out, "pkg", "readme.txt")).read() == "hello"
    evil = tmp_path / "evil.zip"
    with zipfile.ZipFile(evil, "w") as z:
        z.writestr("../../escape.txt", "x")
    with pytest.raises(ValueError, match="would land outside"):
        utils.get_file(origin=evil.as_uri(), extract=True, cache_dir=str(tmp_path / "c"))
    assert not (tmp_path / "escape.txt").exists()


def test_pack_unpack_and_split_dataset():
    assert utils.unpack_x_y_sample_weight((1, 2)) == (1, 2, None)
    assert utils.pack_x_y_sample_weight(1, 2, 3) == (1, 2, 3)
    x, y = np.arange(10), np.arange(10) * 2
    (lx, ly), (rx, ry) = utils.split_dataset((x, y), left_size=0.7)
    np.testing.assert_array_equal(lx, np.arange(7))
    np.testing.assert_array_equal(ry, np.arange(7, 10) * 2)
    with pytest.raises(ValueError, match="same length"):
        utils.split_dataset((x, y[:5]), left_size=2)


def test_timeseries_windows_match_manual_slicing():
    data = np.arange(20)
    batches = utils.timeseries_dataset_from_array(data, data + 100, sequence_length=4,
                                                  sequence_stride=2, sampling_rate=2,
                                                  batch_size=3)
    windows = np.concatenate([b[0] for b in batches])
    targets = np.concatenate([b[1] for b in batches])
    starts = np.arange(0, 20 - 6, 2)
    np.testing.assert_array_equal(windows, [data[s:s + 7:2] for s in starts])
    np.testing.assert_array_equal(targets, starts + 100)


def test_get_source_inputs_and_config():
    a, b = ceras.Input((2,)), ceras.Input((2,))
    out = layers.Dense(1)(layers.Add()([a, b]))
    sources = utils.get_source_inputs(out)
    assert len(sources) == 2 and sources[0] is a and sources[1] is b
    config = utils.Config(lr=0.1)
    config.epochs = 3
    assert config.as_dict() == {"lr": 0.1, "epochs": 3}
    config.freeze()
    with pytest.raises(ValueError, match="frozen"):
        config.lr = 1.0


def test_backend_and_config_namespaces():
    assert ceras.backend.backend() == os.environ.get("CERAS_BACKEND", "torch")
    assert ceras.config.floatx() == "float32"
    ceras.config.set_epsilon(1e-5)
    try:
        assert ceras.backend.epsilon() == 1e-5
    finally:
        ceras.config.set_epsilon(1e-7)
    with pytest.raises(ValueError, match=r"data_format must be one of.*received 'nhwc'"):
        ceras.config.set_image_data_format("nhwc")
    assert ceras.backend.is_int_dtype("int8") and not ceras.backend.is_float_dtype("int8")
    assert ceras.backend.result_type("int8", "uint8") == "int16"


def test_dtype_policy_mixed_float16():
    policy = ceras.dtype_policies.get("mixed_float16")
    assert (policy.compute_dtype, policy.variable_dtype) == ("float16", "float32")
    layer = layers.Dense(2, dtype="mixed_float16")
    y = layer(np.ones((1, 3), "float32"))
    assert layer.kernel.dtype == "float32"
    assert ceras.ops.dtype(y) == "float16"
    with pytest.raises(ValueError, match="Cannot convert 'fp8x'"):
        ceras.dtype_policies.DTypePolicy("fp8x")


def test_unknown_backend_is_refused_at_import():
    import subprocess
    import sys

    env = dict(os.environ, CERAS_BACKEND="tensorflow")
    result = subprocess.run([sys.executable, "-c", "import ceras"], env=env,
                            capture_output=True, text=True)
    assert result.returncode != 0
    assert "CERAS_BACKEND must be one of ('torch', 'jax'), received 'tensorflow'" in \
        result.stderr
