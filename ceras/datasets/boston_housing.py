"""Boston housing prices: 13 features per house, median value as target."""
from ceras.datasets._tabular import load_split


def load_data(path="boston_housing.npz", test_split=0.2, seed=113):
    """Returns ``(x_train, y_train), (x_test, y_test)``, shuffled with ``seed``."""
    return load_split("boston_housing.npz", path, test_split, seed)
