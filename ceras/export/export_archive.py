"""ExportArchive: Keras's builder of TensorFlow SavedModel artifacts.

A SavedModel is a TensorFlow artifact, and ceras runs without TensorFlow, so the
class exists for imports to resolve and says what to use instead.
"""

_MESSAGE = (
    "ExportArchive writes TensorFlow SavedModel artifacts, which need TensorFlow; ceras "
    "runs on PyTorch without TensorFlow. Export with model.export(filepath, format='onnx') "
    "(ONNX Runtime and most serving stacks) or format='torch' (a torch.export .pt2 file) "
    "instead.")


class ExportArchive:
    """Not available in ceras: a TensorFlow SavedModel builder (see the message)."""

    def __init__(self):
        raise ValueError(_MESSAGE)
