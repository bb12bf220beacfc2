"""Shared loader of the small regression datasets stored as x / y arrays."""
import numpy as np

from ceras.datasets._download import fetch, load_npz


def load_split(fname, path, test_split, seed):
    if not 0 <= test_split < 1:
        raise ValueError(f"test_split must be in [0, 1), received test_split={test_split}")
    data = load_npz(fetch(path))
    x, y = data["x"], data["y"]
    order = np.random.RandomState(seed).permutation(len(x))
    x, y = x[order], y[order]
    cut = int(len(x) * (1 - test_split))
    return (x[:cut], y[:cut]), (x[cut:], y[cut:])
