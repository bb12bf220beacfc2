"""SummaryWriter: TensorBoard event files written with the `tensorboard` package.

The records are those TensorFlow's ``tf.summary`` writes (tensor summaries tagged
with the plugin that displays them), so TensorBoard shows a ceras run as it
shows a Keras one; no TensorFlow is needed. The `tensorboard` package is an
optional dependency: ``pip install ceras[tensorboard]``.
"""
import io
import time

import numpy as np


def _require_tensorboard():
    try:
        import tensorboard  # noqa: F401, PLC0415 - optional dependency
    except ImportError as e:
        raise ImportError(
            "The TensorBoard callback writes event files with the `tensorboard` package, "
            "which is not installed. Install it with `pip install tensorboard` (or "
            "`pip install ceras[tensorboard]`).") from e


class SummaryWriter:
    """Writes scalar, histogram, image and text-tensor summaries to one event file
    in ``logdir`` (created on first use)."""

    def __init__(self, logdir):
        _require_tensorboard()
        from tensorboard.compat.proto import event_pb2, summary_pb2  # noqa: PLC0415
        from tensorboard.summary.writer.event_file_writer import (  # noqa: PLC0415
            EventFileWriter,
        )

        self.logdir = logdir
        self._event_pb2 = event_pb2
        self._summary_pb2 = summary_pb2
        self._writer = EventFileWriter(logdir)

    def _write(self, summary, step):
        event = self._event_pb2.Event(step=int(step), wall_time=time.time(), summary=summary)
        self._writer.add_event(event)

    def scalar(self, tag, value, step):
        """A float32 scalar for the scalars dashboard (as ``tf.summary.scalar``)."""
        from tensorboard.util import tensor_util  # noqa: PLC0415

        metadata = self._summary_pb2.SummaryMetadata(
            plugin_data=self._summary_pb2.SummaryMetadata.PluginData(plugin_name="scalars"),
            data_class=self._summary_pb2.DATA_CLASS_SCALAR)
        summary = self._summary_pb2.Summary()
        summary.value.add(tag=tag, metadata=metadata,
                          tensor=tensor_util.make_tensor_proto(np.float32(value)))
        self._write(summary, step)

    def histogram(self, tag, values, step, buckets=None):
        """A histogram of ``values`` for the histograms / distributions dashboards."""
        from tensorboard.plugins.histogram.summary_v2 import histogram_pb  # noqa: PLC0415

        values = np.asarray(values, dtype="float64").reshape(-1)
        self._write(histogram_pb(tag, values, buckets=buckets), step)

    def image(self, tag, images, step, max_outputs=3):
        """Images (N, H, W, C) with C in 1, 3, 4 for the images dashboard; floats
        are min-max scaled to 0..255. PNG encoding uses Pillow."""
        try:
            from PIL import Image  # noqa: PLC0415 - optional dependency
        except ImportError as e:
            raise ImportError(
                "Writing images to TensorBoard needs Pillow: `pip install pillow`.") from e
        from tensorboard.plugins.image import metadata as image_metadata  # noqa: PLC0415
        from tensorboard.util import tensor_util  # noqa: PLC0415

        images = np.asarray(images)
        if images.dtype != np.uint8:
            low, high = float(images.min()), float(images.max())
            scale = 255.0 / (high - low) if high > low else 0.0
            images = ((images - low) * scale).round().astype(np.uint8)
        encoded = []
        for picture in images[:max_outputs]:
            buffer = io.BytesIO()
            channels = picture.shape[-1]
            picture = picture[..., 0] if channels == 1 else picture
            Image.fromarray(picture).save(buffer, format="PNG")
            encoded.append(buffer.getvalue())
        height, width = images.shape[1:3]
        tensor = tensor_util.make_tensor_proto(
            np.array([str(width).encode(), str(height).encode()] + encoded, dtype=object))
        summary = self._summary_pb2.Summary()
        summary.value.add(tag=tag, tensor=tensor,
                          metadata=image_metadata.create_summary_metadata(
                              display_name=tag, description=""))
        self._write(summary, step)

    def keras_model(self, tag, model_json, step=0):
        """The model's JSON config, which TensorBoard's graph dashboard draws as a
        conceptual graph (the record ``keras.callbacks.TensorBoard`` writes)."""
        from tensorboard.util import tensor_util  # noqa: PLC0415

        metadata = self._summary_pb2.SummaryMetadata(
            plugin_data=self._summary_pb2.SummaryMetadata.PluginData(
                plugin_name="graph_keras_model", content=b"1"))
        summary = self._summary_pb2.Summary()
        summary.value.add(tag=tag, metadata=metadata, tensor=tensor_util.make_tensor_proto(
            np.array(model_json.encode(), dtype=object)))
        self._write(summary, step)

    def flush(self):
        self._writer.flush()

    def close(self):
        self._writer.close()
