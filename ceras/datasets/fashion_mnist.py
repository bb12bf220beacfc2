"""Fashion-MNIST: 28x28 grayscale images of 10 clothing classes."""
from ceras.datasets._download import ORIGIN, fetch, read_idx_gz

_FILES = ("train-labels-idx1-ubyte.gz", "train-images-idx3-ubyte.gz",
          "t10k-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz")


def load_data():
    """Returns ``(x_train, y_train), (x_test, y_test)`` as uint8 NumPy arrays."""
    paths = [fetch(name, origin=ORIGIN + "fashion-mnist/" + name,
                   cache_subdir="datasets/fashion-mnist") for name in _FILES]
    y_train, x_train, y_test, x_test = (read_idx_gz(p) for p in paths)
    return (x_train, y_train), (x_test, y_test)
