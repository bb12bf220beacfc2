"""MNIST handwritten digits: 60,000 train and 10,000 test 28x28 uint8 images."""
from ceras.datasets._download import fetch, load_npz


def load_data(path="mnist.npz"):
    """Returns ``(x_train, y_train), (x_test, y_test)`` as uint8 NumPy arrays."""
    data = load_npz(fetch(path))
    return (data["x_train"], data["y_train"]), (data["x_test"], data["y_test"])
