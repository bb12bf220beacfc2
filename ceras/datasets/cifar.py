"""Shared reader of the CIFAR python-pickle batches (restricted unpickling)."""
import os

import numpy as np

from ceras.datasets._download import restricted_loads


def load_batch(fpath, label_key="labels"):
    """(images (N, 3, 32, 32) uint8, labels) from one CIFAR batch file."""
    with open(fpath, "rb") as f:
        d = restricted_loads(f.read(), encoding="bytes")
    d = {k.decode("utf8") if isinstance(k, bytes) else k: v for k, v in d.items()}
    data = np.asarray(d["data"], dtype=np.uint8).reshape(-1, 3, 32, 32)
    return data, np.asarray(d[label_key])


def channels_last(x):
    return x.transpose(0, 2, 3, 1)


def join(*parts):
    return os.path.join(*parts)
