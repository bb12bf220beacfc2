"""Dataset loaders on local files (the real download code, pointed at a local cache
or file:// origins, since tests run offline)."""
import gzip
import io
import os
import pickle
import tarfile

import numpy as np
import pytest

from ceras import datasets
from ceras.datasets import _download


@pytest.fixture
def keras_home(tmp_path, monkeypatch):
    monkeypatch.setenv("KERAS_HOME", str(tmp_path))
    os.makedirs(tmp_path / "datasets")
    return tmp_path / "datasets"


def test_mnist_from_cache(keras_home):
    x = np.arange(2 * 28 * 28, dtype=np.uint8).reshape(2, 28, 28)
    np.savez(keras_home / "mnist.npz", x_train=x, y_train=np.array([3, 4], np.uint8),
             x_test=x[:1], y_test=np.array([5], np.uint8))
    (x_train, y_train), (x_test, y_test) = datasets.mnist.load_data()
    np.testing.assert_array_equal(x_train, x)
    np.testing.assert_array_equal(y_test, [5])


def test_fashion_mnist_idx_files(keras_home):
    folder = keras_home / "fashion-mnist"
    os.makedirs(folder)
    images = np.arange(3 * 4 * 4, dtype=np.uint8).reshape(3, 4, 4)
    labels = np.array([0, 7, 9], np.uint8)

    def write(name, magic, header, payload):
        with gzip.open(folder / name, "wb") as f:
            f.write(magic.to_bytes(4, "big") + b"".join(h.to_bytes(4, "big") for h in header)
                    + payload.tobytes())

    for prefix in ("train", "t10k"):
        write(f"{prefix}-labels-idx1-ubyte.gz", 2049, [3], labels)
        write(f"{prefix}-images-idx3-ubyte.gz", 2051, [3, 4, 4], images)
    (x_train, y_train), _ = datasets.fashion_mnist.load_data()
    np.testing.assert_array_equal(x_train, images)
    np.testing.assert_array_equal(y_train, labels)


def test_boston_housing_split_is_seeded(keras_home):
    x = np.arange(50, dtype="float64").reshape(25, 2)
    y = np.arange(25, dtype="float64")
    np.savez(keras_home / "boston_housing.npz", x=x, y=y)
    (x_train, y_train), (x_test, y_test) = datasets.boston_housing.load_data()
    assert len(x_train) == 20 and len(x_test) == 5
    order = np.random.RandomState(113).permutation(25)
    np.testing.assert_array_equal(y_train, y[order][:20])
    with pytest.raises(ValueError, match=r"test_split must be in \[0, 1\)"):
        datasets.boston_housing.load_data(test_split=1.5)


def test_cifar10_from_local_origin(keras_home, tmp_path, monkeypatch):
    build = tmp_path / "build" / "cifar-10-batches-py"
    os.makedirs(build)
    rng = np.random.default_rng(0)
    for name in [f"data_batch_{i}" for i in range(1, 6)] + ["test_batch"]:
        batch = {b"data": rng.integers(0, 255, size=(2, 3072), dtype=np.uint8),
                 b"labels": [1, 2]}
        with open(build / name, "wb") as f:
            pickle.dump(batch, f)
    archive = tmp_path / "cifar.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(build, arcname="cifar-10-batches-py")
    monkeypatch.setattr(datasets.cifar10, "ORIGIN", archive.as_uri())
    (x_train, y_train), (x_test, y_test) = datasets.cifar10.load_data()
    assert x_train.shape == (10, 32, 32, 3) and y_train.shape == (10, 1)
    assert x_test.shape == (2, 32, 32, 3)


def test_imdb_sequences_indexing(keras_home):
    x_train = np.empty(2, dtype=object)
    x_train[:] = [[5, 6, 7], [8]]
    x_test = np.empty(1, dtype=object)
    x_test[:] = [[9, 10]]
    np.savez(keras_home / "imdb.npz", x_train=x_train, y_train=np.array([0, 1]),
             x_test=x_test, y_test=np.array([1]))
    (xs, ys), (xt, yt) = datasets.imdb.load_data(num_words=12)
    assert sorted(map(len, xs)) == [2, 4]
    assert all(seq[0] == 1 for seq in xs)  # start_char
    assert all(w == 2 or w < 12 for seq in list(xs) + list(xt) for w in seq)  # oov_char


def test_restricted_unpickler_refuses_code():
    class Evil:
        def __reduce__(self):
            return (os.system, ("echo pwned",))

    with pytest.raises(pickle.UnpicklingError, match="not a plain data type"):
        _download.restricted_loads(pickle.dumps(Evil()))
    assert _download.restricted_loads(pickle.dumps({"a": [1, 2]})) == {"a": [1, 2]}
    buffer = io.BytesIO()
    np.save(buffer, np.array([1, 2], "int32"))
    np.testing.assert_array_equal(_download._read_npy_restricted(buffer.getvalue()), [1, 2])
