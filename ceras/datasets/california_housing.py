"""California housing prices: 8 features per block group, median house value target."""
import numpy as np

from ceras.datasets._tabular import load_split


def load_data(version="large", path="california_housing.npz", test_split=0.2, seed=113):
    """Returns ``(x_train, y_train), (x_test, y_test)``. ``version="small"`` keeps the
    first 600 samples, as Keras does."""
    if version not in ("small", "large"):
        raise ValueError(f'version must be "small" or "large", received {version!r}')
    (x_train, y_train), (x_test, y_test) = load_split(
        "california_housing.npz", path, test_split, seed)
    if version == "small":
        x = np.concatenate([x_train, x_test])[:600]
        y = np.concatenate([y_train, y_test])[:600]
        cut = int(600 * (1 - test_split))
        return (x[:cut], y[:cut]), (x[cut:], y[cut:])
    return (x_train, y_train), (x_test, y_test)
