"""Small models and data shared by the callback tests."""
import numpy as np

import ceras
from ceras import layers


def regression_data(n=64, seed=0):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 3)).astype("float32")
    y = (x @ np.array([1.0, -1.0, 0.5], "float32")).astype("float32")
    return x, y


def linear_model(learning_rate=0.05, optimizer=None):
    model = ceras.Sequential([ceras.Input((3,)), layers.Dense(1, kernel_initializer="zeros")])
    model.compile(optimizer or ceras.optimizers.SGD(learning_rate), "mse")
    return model


class ScriptedLogs(ceras.callbacks.Callback):
    """Overwrites the epoch logs' ``key`` with scripted values (placed first)."""

    def __init__(self, key, values):
        super().__init__()
        self.key, self.values = key, list(values)

    def on_epoch_end(self, epoch, logs=None):
        logs[self.key] = self.values[epoch]
