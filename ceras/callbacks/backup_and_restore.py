"""BackupAndRestore: resume an interrupted ``fit`` where it stopped."""
import json
import os
import random
import shutil

import numpy as np

from ceras.callbacks.callback import Callback


class BackupAndRestore(Callback):
    """Back up the training state to ``backup_dir`` during ``fit``; when ``fit`` is
    started again after a crash, restore it and continue from the last backup.

    The backup holds the model's variables (weights and random-seed state), the
    optimizer's variables, the epoch and batch reached, and the NumPy / Python
    random states that order the batches, so that a resumed run ends with the
    same weights as an uninterrupted one. It is deleted when training finishes.

    Args:
        backup_dir: directory for the backup files.
        save_freq: "epoch" (default) backs up at the end of each epoch; an integer
            N backs up every N batches, so a crash mid-epoch loses little.
        double_checkpoint: keep the previous backup too, and fall back to it when
            the latest cannot be read (default False).
        delete_checkpoint: delete the backup when training ends (default True).

    Example:
        >>> callback = BackupAndRestore(backup_dir="/tmp/backup", save_freq=100)
        >>> model.fit(x, y, epochs=10, callbacks=[callback])  # crashes at epoch 4
        >>> model.fit(x, y, epochs=10, callbacks=[callback])  # resumes at epoch 4
    """

    def __init__(self, backup_dir, save_freq="epoch", double_checkpoint=False,
                 delete_checkpoint=True):
        super().__init__()
        if not backup_dir:
            raise ValueError(
                f"BackupAndRestore expects a non-empty backup_dir, received {backup_dir!r}")
        if save_freq != "epoch" and (not isinstance(save_freq, int) or isinstance(
                save_freq, bool) or save_freq <= 0):
            raise ValueError(
                "Invalid value for argument `save_freq`. Received: save_freq="
                f"{save_freq}. Expected either 'epoch' or a positive integer value.")
        self.backup_dir = os.fspath(backup_dir)
        self.save_freq = save_freq
        self.double_checkpoint = double_checkpoint
        self.delete_checkpoint = delete_checkpoint
        self._weights_path = os.path.join(self.backup_dir, "latest.weights.npz")
        self._metadata_path = os.path.join(self.backup_dir, "training_metadata.json")
        self._current_epoch = 0
        self._batches_seen_since_last_saving = 0
        self._last_batch_seen = -1
        self._epoch_begin_np_state = None

    # -- restoring -----------------------------------------------------------
    def on_train_begin(self, logs=None):
        if not self.model.built:
            raise ValueError(
                "To use the BackupAndRestore callback, your model must be built before "
                "you call `fit()`: build it (e.g. give it an Input) or call it on data.")
        for suffix in ("", ".bkp") if self.double_checkpoint else ("",):
            try:
                if self._restore(suffix):
                    return
            except (OSError, ValueError, KeyError):
                if not self.double_checkpoint or suffix:
                    raise

    def _restore(self, suffix):
        weights_path = self._weights_path + suffix
        metadata_path = self._metadata_path + suffix
        if not (os.path.exists(weights_path) and os.path.exists(metadata_path)):
            return False
        with open(metadata_path) as f:
            metadata = json.load(f)
        model = self.model
        optimizer = model.optimizer
        if optimizer is not None and not getattr(optimizer, "built", True):
            optimizer.build(model.trainable_variables)
        with np.load(weights_path) as data:
            _assign_all(model.variables, data, "model")
            if optimizer is not None:
                _assign_all(optimizer.variables, data, "optimizer")
            np_state = ("MT19937", data["np_keys"], int(metadata["np_pos"]),
                        int(metadata["np_has_gauss"]), float(metadata["np_cached_gaussian"]))
        np.random.set_state(np_state)
        version, internal, gauss = metadata["py_random"]
        random.setstate((version, tuple(internal), gauss))
        self._current_epoch = metadata["epoch"]
        model._initial_epoch = metadata["epoch"]
        model._initial_step = metadata["batch"]
        return True

    # -- saving --------------------------------------------------------------
    def on_epoch_begin(self, epoch, logs=None):
        self._current_epoch = epoch
        self._last_batch_seen = -1
        # The batch order of this epoch is drawn from NumPy's state as it is now:
        # a mid-epoch backup stores this state, so a resumed run draws the same order.
        self._epoch_begin_np_state = np.random.get_state()

    def on_train_batch_end(self, batch, logs=None):
        if self.save_freq == "epoch":
            return
        self._batches_seen_since_last_saving += batch - self._last_batch_seen
        self._last_batch_seen = batch
        if self._batches_seen_since_last_saving >= self.save_freq:
            self._batches_seen_since_last_saving = 0
            self._save(self._current_epoch, batch + 1, self._epoch_begin_np_state)

    def on_epoch_end(self, epoch, logs=None):
        self._current_epoch = epoch + 1
        self._batches_seen_since_last_saving = 0
        if self.save_freq == "epoch":
            self._save(epoch + 1, 0, np.random.get_state())

    def _save(self, epoch, batch, np_state):
        os.makedirs(self.backup_dir, exist_ok=True)
        if self.double_checkpoint and os.path.exists(self._weights_path):
            shutil.copyfile(self._weights_path, self._weights_path + ".bkp")
            shutil.copyfile(self._metadata_path, self._metadata_path + ".bkp")
        arrays = {f"model_{i}": v.numpy() for i, v in enumerate(self.model.variables)}
        optimizer = self.model.optimizer
        if optimizer is not None:
            arrays.update({f"optimizer_{i}": np.asarray(v.numpy())
                           for i, v in enumerate(optimizer.variables)})
        _, keys, pos, has_gauss, cached = np_state
        arrays["np_keys"] = keys
        version, internal, gauss = random.getstate()
        metadata = {"epoch": epoch, "batch": batch, "np_pos": int(pos),
                    "np_has_gauss": int(has_gauss), "np_cached_gaussian": float(cached),
                    "py_random": [version, list(internal), gauss]}
        # Write then rename: a crash while saving leaves the previous backup whole.
        tmp = os.path.join(self.backup_dir, "tmp.weights.npz")
        np.savez(tmp, **arrays)
        os.replace(tmp, self._weights_path)
        with open(self._metadata_path + ".tmp", "w") as f:
            json.dump(metadata, f)
        os.replace(self._metadata_path + ".tmp", self._metadata_path)

    def on_train_end(self, logs=None):
        if self.delete_checkpoint and os.path.exists(self.backup_dir):
            shutil.rmtree(self.backup_dir, ignore_errors=True)


def _assign_all(variables, data, prefix):
    count = sum(1 for k in data.files if k.startswith(prefix + "_"))
    if count != len(variables):
        raise ValueError(
            f"BackupAndRestore: the backup holds {count} {prefix} variables, but the "
            f"{prefix} has {len(variables)}; was it made by a different model?")
    for i, variable in enumerate(variables):
        variable.assign(data[f"{prefix}_{i}"])
