"""TensorBoard: write training logs (and weights) as TensorBoard event files."""
import os
import time
import warnings

import numpy as np

from ceras import backend
from ceras.callbacks.callback import Callback
from ceras.callbacks.tensorboard_writer import SummaryWriter, _require_tensorboard


def _to_float(value):
    return float(np.asarray(backend.convert_to_numpy(value) if backend.is_tensor(value)
                            else value))


def _parse_profile_batch(profile_batch):
    message = ("`profile_batch` must be a non-negative integer or a 2-tuple of positive "
               f"integers (start, stop); received profile_batch={profile_batch!r}")
    if isinstance(profile_batch, str):  # Keras 2's "start,stop" form
        try:
            profile_batch = [int(p) for p in profile_batch.split(",")]
        except ValueError:
            raise ValueError(message) from None
        if len(profile_batch) == 1:
            profile_batch = profile_batch[0]
    if isinstance(profile_batch, int) and not isinstance(profile_batch, bool):
        start = stop = profile_batch
    elif isinstance(profile_batch, (list, tuple)) and len(profile_batch) == 2 and all(
            isinstance(p, int) for p in profile_batch):
        start, stop = profile_batch
    else:
        raise ValueError(message)
    if start < 0 or stop < start:
        raise ValueError(message)
    return start, stop


class TensorBoard(Callback):
    """Log metrics, weight histograms and the model graph for TensorBoard.

    Writes event files under ``log_dir/train`` and ``log_dir/validation``, the
    layout and tags of ``keras.callbacks.TensorBoard``: ``epoch_<metric>`` (and
    ``epoch_learning_rate``) per epoch, ``batch_<metric>`` per batch when
    ``update_freq`` is not "epoch", ``evaluation_<metric>_vs_iterations`` after
    each evaluation, ``<weight path>/histogram`` and ``/image`` per weight. View
    them with ``tensorboard --logdir log_dir``. The files are written with the
    `tensorboard` package (no TensorFlow needed).

    Args:
        log_dir: folder of the event files (default "logs").
        histogram_freq: write weight histograms every this many epochs (0: never).
        write_graph: write the model's config, drawn by TensorBoard's graph
            dashboard as a conceptual graph (Functional and Sequential models).
        write_images: with ``histogram_freq``, also write the weights as images
            (needs Pillow).
        write_steps_per_second: log the training steps per second (per epoch, and
            per batch when ``update_freq`` is not "epoch").
        update_freq: "epoch" (default), "batch" (every batch) or an integer N
            (every N batches) for the batch-level ``batch_<metric>`` scalars.
        profile_batch: a batch number, or a (start, stop) pair of batch numbers,
            to profile with ``torch.profiler`` (0: no profiling; torch backend
            only). The trace is written to ``log_dir/train`` as
            ``*.pt.trace.json``.
        embeddings_freq: save the weights every this many epochs (0: never) to
            ``log_dir/train/keras_embedding.ckpt-<epoch>.weights.h5``, with a
            projector config naming the Embedding layers.
        embeddings_metadata: a metadata file path for every Embedding layer, or a
            dict of layer name to path.

    Example:
        >>> model.fit(x, y, epochs=5, callbacks=[TensorBoard("logs", histogram_freq=1)])
    """

    def __init__(self, log_dir="logs", histogram_freq=0, write_graph=True,
                 write_images=False, write_steps_per_second=False, update_freq="epoch",
                 profile_batch=0, embeddings_freq=0, embeddings_metadata=None):
        super().__init__()
        _require_tensorboard()
        self.log_dir = os.fspath(log_dir)
        self.histogram_freq = histogram_freq
        self.write_graph = write_graph
        self.write_images = write_images
        self.write_steps_per_second = write_steps_per_second
        if update_freq == "batch":
            update_freq = 1
        if update_freq != "epoch" and (not isinstance(update_freq, int) or update_freq < 1):
            raise ValueError(
                '`update_freq` must be "epoch", "batch" or a positive integer; received '
                f"update_freq={update_freq!r}")
        self.update_freq = update_freq
        self.embeddings_freq = embeddings_freq
        self.embeddings_metadata = embeddings_metadata
        self._start_batch, self._stop_batch = _parse_profile_batch(profile_batch)
        if self._start_batch and backend.backend() != "torch":
            raise ValueError(
                f"`profile_batch` needs the torch backend; the {backend.backend()} backend "
                f"has no profiler. Received profile_batch={profile_batch!r} (use 0).")
        self._profiling = False
        self._batch_trace = None
        self._writers = {}
        self._global_train_batch = 0
        self._global_test_batch = 0
        self._batch_start_time = 0.0
        self._epoch_start_time = 0.0
        self._epoch_start_iterations = 0

    # -- writers -------------------------------------------------------------
    def set_model(self, model):
        super().set_model(model)
        self._train_dir = os.path.join(self.log_dir, "train")
        self._val_dir = os.path.join(self.log_dir, "validation")
        self._close_writers()
        if self.write_graph:
            self._write_model_config()
        if self.embeddings_freq:
            self._configure_embeddings()

    def _writer(self, which):
        if which not in self._writers:
            folder = self._train_dir if which == "train" else self._val_dir
            self._writers[which] = SummaryWriter(folder)
        return self._writers[which]

    def _close_writers(self):
        for writer in self._writers.values():
            writer.close()
        self._writers = {}

    def _write_model_config(self):
        # As Keras: only graph models have a config TensorBoard can draw.
        if type(self.model).__name__ not in ("Functional", "Sequential"):
            return
        try:
            model_json = self.model.to_json()
        except Exception as e:  # noqa: BLE001 - a failed config must not stop training
            warnings.warn(f"TensorBoard: the model could not be written as JSON and is "
                          f"left out of the graph dashboard: {e}", stacklevel=2)
            return
        self._writer("train").keras_model("keras", model_json, step=0)

    def _configure_embeddings(self):
        from google.protobuf import text_format  # noqa: PLC0415 - tensorboard's dependency
        from tensorboard.plugins.projector import projector_config_pb2  # noqa: PLC0415

        from ceras.layers.core.embedding import Embedding  # noqa: PLC0415

        metadata = self.embeddings_metadata
        unused = dict(metadata) if isinstance(metadata, dict) else {}
        config = projector_config_pb2.ProjectorConfig()
        for layer in self.model.layers:
            if not isinstance(layer, Embedding):
                continue
            embedding = config.embeddings.add()
            embedding.tensor_name = layer.embeddings.path
            if isinstance(metadata, str):
                embedding.metadata_path = metadata
            elif layer.name in unused:
                embedding.metadata_path = unused.pop(layer.name)
        if unused:
            raise ValueError(
                "TensorBoard: `embeddings_metadata` names layers that are not Embedding "
                f"layers of the model: {sorted(unused)}")
        os.makedirs(self.log_dir, exist_ok=True)
        with open(os.path.join(self.log_dir, "projector_config.pbtxt"), "w") as f:
            f.write(text_format.MessageToString(config))

    # -- training ------------------------------------------------------------
    def on_train_begin(self, logs=None):
        self._global_train_batch = 0

    def on_train_end(self, logs=None):
        if self._profiling:
            self._stop_profiler(save=True)
        self._close_writers()

    def on_epoch_begin(self, epoch, logs=None):
        if self.write_steps_per_second:
            self._epoch_start_time = time.time()
            self._epoch_start_iterations = self._iterations()

    def on_train_batch_begin(self, batch, logs=None):
        self._global_train_batch += 1
        if self.write_steps_per_second:
            self._batch_start_time = time.time()
        if self._start_batch and self._global_train_batch == self._start_batch:
            self._start_profiler()
        if self._profiling:
            self._batch_trace = backend.tensorboard.start_batch_trace(batch)

    def on_train_batch_end(self, batch, logs=None):
        step = self._global_train_batch
        if self._batch_trace is not None:
            backend.tensorboard.stop_batch_trace(self._batch_trace)
            self._batch_trace = None
        if self._profiling and step >= self._stop_batch:
            self._stop_profiler(save=True)
        if self.update_freq == "epoch" or step % self.update_freq:
            return
        writer = self._writer("train")
        if self.write_steps_per_second:
            elapsed = time.time() - self._batch_start_time
            writer.scalar("batch_steps_per_second", 1.0 / elapsed if elapsed else 0.0, step)
        if isinstance(logs, dict):
            for name, value in logs.items():
                writer.scalar(f"batch_{name}", _to_float(value), step)

    def on_test_batch_begin(self, batch, logs=None):
        self._global_test_batch += 1

    def on_test_end(self, logs=None):
        optimizer = getattr(self.model, "optimizer", None)
        if optimizer is None or not hasattr(optimizer, "iterations") or not logs:
            return
        writer = self._writer("validation")
        step = self._iterations()
        for name, value in logs.items():
            writer.scalar(f"evaluation_{name}_vs_iterations", _to_float(value), step)
        writer.flush()  # evaluate() alone never reaches on_train_end

    def on_epoch_end(self, epoch, logs=None):
        self._log_epoch_metrics(epoch, logs)
        if self.histogram_freq and epoch % self.histogram_freq == 0:
            self._log_weights(epoch)
        if self.embeddings_freq and epoch % self.embeddings_freq == 0:
            path = os.path.join(self._train_dir, f"keras_embedding.ckpt-{epoch}.weights.h5")
            os.makedirs(self._train_dir, exist_ok=True)
            self.model.save_weights(path)
        for writer in self._writers.values():
            writer.flush()

    # -- what is written -------------------------------------------------------
    def _iterations(self):
        optimizer = getattr(self.model, "optimizer", None)
        if optimizer is None or not hasattr(optimizer, "iterations"):
            return 0
        return int(_to_float(optimizer.iterations))

    def _learning_rates(self):
        optimizer = getattr(self.model, "optimizer", None)
        optimizer = getattr(optimizer, "inner_optimizer", optimizer)
        if optimizer is None:
            return {}
        if hasattr(optimizer, "optimizers"):
            return {f"learning_rate_{o.name}": _to_float(o.learning_rate)
                    for o in optimizer.optimizers}
        if hasattr(optimizer, "learning_rate"):
            return {"learning_rate": _to_float(optimizer.learning_rate)}
        return {}

    def _log_epoch_metrics(self, epoch, logs):
        if not logs:
            return
        train_logs = {k: v for k, v in logs.items() if not k.startswith("val_")}
        val_logs = {k[len("val_"):]: v for k, v in logs.items() if k.startswith("val_")}
        train_logs.update(self._learning_rates())
        if self.write_steps_per_second:
            elapsed = time.time() - self._epoch_start_time
            steps = self._iterations() - self._epoch_start_iterations
            train_logs["steps_per_second"] = steps / elapsed if elapsed else 0.0
        for which, values in (("train", train_logs), ("validation", val_logs)):
            if values:
                writer = self._writer(which)
                for name, value in values.items():
                    writer.scalar(f"epoch_{name}", _to_float(value), epoch)

    def _log_weights(self, epoch):
        writer = self._writer("train")
        for layer in self.model.layers:
            for weight in layer.weights:
                name = weight.path.replace(":", "_")
                value = weight.numpy()
                writer.histogram(f"{name}/histogram", value, epoch)
                if self.write_images:
                    image = _weight_as_image(value)
                    if image is not None:
                        writer.image(f"{name}/image", image, epoch)

    # -- profiling -------------------------------------------------------------
    def _start_profiler(self):
        backend.tensorboard.start_trace(self._train_dir)
        self._profiling = True

    def _stop_profiler(self, save):
        self._profiling = False
        backend.tensorboard.stop_trace(save=save)


def _weight_as_image(weight):
    """A weight as a batch of one-channel images (Keras's layout), or None when it
    has no 2-D picture (3-D convolutions ...)."""
    w = np.squeeze(weight)
    if w.ndim == 1:  # a bias: one column
        return w.reshape(1, -1, 1, 1)
    if w.ndim == 2:  # a dense kernel, its long side horizontal
        if w.shape[0] > w.shape[1]:
            w = w.T
        return w.reshape(1, w.shape[0], w.shape[1], 1)
    if w.ndim == 3:  # a 1-D convolution kernel: one image per channel
        if backend.image_data_format() == "channels_last":
            w = np.transpose(w, (2, 0, 1))
        return w.reshape(w.shape[0], w.shape[1], w.shape[2], 1)
    return None
