"""LearningRateScheduler: set the learning rate from a function of the epoch."""
import numpy as np

from ceras.callbacks.callback import Callback


class LearningRateScheduler(Callback):
    """At the start of each epoch, set the optimizer's learning rate to
    ``schedule(epoch, lr)`` (or ``schedule(epoch)``).

    Args:
        schedule: function of the epoch index (from 0) and the current rate,
            returning the new rate as a float.
        verbose: 1 prints the new rate each epoch (default 0).

    Example:
        >>> LearningRateScheduler(lambda epoch, lr: lr if epoch < 10 else lr * 0.9)
    """

    def __init__(self, schedule, verbose=0):
        super().__init__()
        self.schedule = schedule
        self.verbose = verbose

    def on_epoch_begin(self, epoch, logs=None):
        optimizer = self.model.optimizer
        if not hasattr(optimizer, "learning_rate"):
            raise ValueError('Optimizer must have a "learning_rate" attribute.')
        try:
            lr = float(optimizer.learning_rate)
            lr = self.schedule(epoch, lr)
        except TypeError:  # a schedule of the epoch only
            lr = self.schedule(epoch)
        if not isinstance(lr, (float, int, np.floating, np.integer)) and not (
                hasattr(lr, "shape") and tuple(lr.shape) == ()):
            raise ValueError(
                f"The output of the `schedule` function should be a float. Got: {lr}")
        optimizer.learning_rate = float(lr)
        if self.verbose > 0:
            print(f"\nEpoch {epoch + 1}: LearningRateScheduler setting learning rate to "
                  f"{float(lr)}.")

    def on_epoch_end(self, epoch, logs=None):
        if logs is not None:
            logs["learning_rate"] = float(self.model.optimizer.learning_rate)
