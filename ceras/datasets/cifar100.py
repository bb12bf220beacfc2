"""CIFAR-100: 32x32 colour images in 100 fine (or 20 coarse) classes."""
import numpy as np

from ceras.backend import image_data_format
from ceras.datasets.cifar import channels_last, join, load_batch
from ceras.utils.file_utils import get_file

ORIGIN = "https://www.cs.toronto.edu/~kriz/cifar-100-python.tar.gz"


def load_data(label_mode="fine"):
    """Returns ``(x_train, y_train), (x_test, y_test)``; ``label_mode`` "fine" or "coarse"."""
    if label_mode not in ("fine", "coarse"):
        raise ValueError(f'label_mode must be "fine" or "coarse", received {label_mode!r}')
    root = get_file("cifar-100-python.tar.gz", origin=ORIGIN, extract=True)
    folder = join(root, "cifar-100-python")
    key = label_mode + "_labels"
    x_train, y_train = load_batch(join(folder, "train"), label_key=key)
    x_test, y_test = load_batch(join(folder, "test"), label_key=key)
    if image_data_format() == "channels_last":
        x_train, x_test = channels_last(x_train), channels_last(x_test)
    return ((x_train, np.asarray(y_train).reshape(-1, 1)),
            (x_test, np.asarray(y_test).reshape(-1, 1)))
