"""CIFAR-10: 50,000 training and 10,000 test 32x32 colour images in 10 classes."""
import numpy as np

from ceras.backend import image_data_format
from ceras.datasets.cifar import channels_last, join, load_batch
from ceras.utils.file_utils import get_file

ORIGIN = "https://www.cs.toronto.edu/~kriz/cifar-10-python.tar.gz"


def load_data():
    """Returns ``(x_train, y_train), (x_test, y_test)``; images channels_last unless the
    image data format is channels_first; labels shaped (N, 1)."""
    root = get_file("cifar-10-batches-py.tar.gz", origin=ORIGIN, extract=True)
    folder = join(root, "cifar-10-batches-py")
    parts = [load_batch(join(folder, f"data_batch_{i}")) for i in range(1, 6)]
    x_train = np.concatenate([p[0] for p in parts])
    y_train = np.concatenate([p[1] for p in parts]).reshape(-1, 1)
    x_test, y_test = load_batch(join(folder, "test_batch"))
    y_test = np.asarray(y_test).reshape(-1, 1)
    if image_data_format() == "channels_last":
        x_train, x_test = channels_last(x_train), channels_last(x_test)
    return (x_train, y_train.astype("uint8")), (x_test, y_test.astype("uint8"))
