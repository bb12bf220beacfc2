"""ModelCheckpoint: save the model or its weights during training."""
import os
import warnings

from ceras.callbacks.callback import Callback
from ceras.callbacks.monitor_utils import resolve_mode


class ModelCheckpoint(Callback):
    """Save the model (``.keras``) or its weights (``.weights.h5``) at the end of
    each epoch, or every ``save_freq`` batches.

    Args:
        filepath: where to save; may hold ``{epoch}``, ``{batch}`` and any log
            key as format fields, e.g. ``"w.{epoch:02d}-{val_loss:.2f}.keras"``.
        monitor: metric that decides the best model (default "val_loss").
        verbose: 1 prints a line per save (default 0).
        save_best_only: save only when ``monitor`` improves (default False).
        save_weights_only: call ``save_weights`` instead of ``save`` (default False).
        mode: "min", "max" or "auto" (from the metric's name; default).
        save_freq: "epoch" (default) or an integer number of batches.
        initial_value_threshold: the value ``monitor`` must beat for a first save
            with ``save_best_only`` (default None).

    Example:
        >>> ModelCheckpoint("best.keras", monitor="val_accuracy", save_best_only=True)
    """

    def __init__(self, filepath, monitor="val_loss", verbose=0, save_best_only=False,
                 save_weights_only=False, mode="auto", save_freq="epoch",
                 initial_value_threshold=None):
        super().__init__()
        self.filepath = os.fspath(filepath)
        self.monitor = monitor
        self.verbose = verbose
        self.save_best_only = save_best_only
        self.save_weights_only = save_weights_only
        self.mode = mode
        self.save_freq = save_freq
        self.best = initial_value_threshold
        self._direction = None
        self._batches_seen_since_last_saving = 0
        self._last_batch_seen = -1
        self._current_epoch = 0
        if save_freq != "epoch" and (not isinstance(save_freq, int) or save_freq <= 0):
            raise ValueError(
                "ModelCheckpoint expects save_freq to be 'epoch' or a positive integer; "
                f"received save_freq={save_freq!r}")
        if save_weights_only:
            if not self.filepath.endswith(".weights.h5"):
                raise ValueError(
                    "When using `save_weights_only=True` in `ModelCheckpoint`, the filepath "
                    "provided must end in `.weights.h5` (Keras weights format). Received: "
                    f"filepath={self.filepath}")
        elif not self.filepath.endswith((".keras", ".h5")):
            raise ValueError(
                "The filepath provided must end in `.keras` (Keras model format). Received: "
                f"filepath={self.filepath}")

    def on_train_begin(self, logs=None):
        if self._direction is None:
            self._direction = resolve_mode("ModelCheckpoint", self.monitor, self.mode,
                                           self.model)

    def on_train_batch_end(self, batch, logs=None):
        if self.save_freq == "epoch":
            return
        # Batch indices restart every epoch (on_epoch_begin resets the last one to -1);
        # with steps_per_execution > 1 one call covers several batches.
        self._batches_seen_since_last_saving += batch - self._last_batch_seen
        self._last_batch_seen = batch
        if self._batches_seen_since_last_saving >= self.save_freq:
            self._batches_seen_since_last_saving = 0
            self._save(self._current_epoch, batch, logs)

    def on_epoch_begin(self, epoch, logs=None):
        self._current_epoch = epoch
        self._last_batch_seen = -1

    def on_epoch_end(self, epoch, logs=None):
        if self.save_freq == "epoch":
            self._save(epoch, None, logs)

    def _improved(self, current):
        if self.best is None:
            return True
        return current < self.best if self._direction == "min" else current > self.best

    def _save(self, epoch, batch, logs):
        logs = {k: _pythonify(v) for k, v in (logs or {}).items()}
        filepath = self._get_file_path(epoch, batch, logs)
        if self.save_best_only:
            current = logs.get(self.monitor)
            if current is None:
                warnings.warn(
                    f"Can save best model only with {self.monitor} available, skipping.",
                    stacklevel=2)
                return
            if not self._improved(current):
                if self.verbose > 0:
                    print(f"\nEpoch {epoch + 1}: {self.monitor} did not improve from "
                          f"{self.best:.5f}")
                return
            if self.verbose > 0:
                previous = "inf" if self.best is None else f"{self.best:.5f}"
                print(f"\nEpoch {epoch + 1}: {self.monitor} improved from {previous} to "
                      f"{current:.5f}, saving model to {filepath}")
            self.best = current
        elif self.verbose > 0:
            print(f"\nEpoch {epoch + 1}: saving model to {filepath}")
        directory = os.path.dirname(filepath)
        if directory:
            os.makedirs(directory, exist_ok=True)
        if self.save_weights_only:
            self.model.save_weights(filepath, overwrite=True)
        else:
            self.model.save(filepath, overwrite=True)

    def _get_file_path(self, epoch, batch, logs):
        try:
            if batch is None or "batch" in logs:
                return self.filepath.format(epoch=epoch + 1, **logs)
            return self.filepath.format(epoch=epoch + 1, batch=batch + 1, **logs)
        except KeyError as e:
            raise KeyError(
                f'Failed to format this callback filepath: "{self.filepath}". Reason: {e}'
            ) from e


def _pythonify(value):
    try:
        return float(value)
    except (TypeError, ValueError):
        return value
