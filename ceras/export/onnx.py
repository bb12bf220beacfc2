"""export_onnx: a model's inference function as an ONNX file."""
import os

from ceras import backend
from ceras.export.export_utils import get_input_signature, input_names


def export_onnx(model, filepath, verbose=None, input_signature=None, opset_version=None,
                **kwargs):
    """Write the model's forward pass (``training=False``) as an ONNX model, runnable
    with ONNX Runtime without ceras or the model's code.

    Needs the `onnx` and `onnxscript` packages (``pip install ceras[onnx]``; add
    `onnxruntime` to run the file). Free dims (None, such as the batch) stay
    dynamic in the ONNX graph.

    Args:
        filepath: path of the ``.onnx`` file.
        verbose: print where the file was written (default True).
        input_signature: the model's inputs, as a list with one entry per
            positional argument of the call, each a (structure of) InputSpec,
            KerasTensor or tensor; read from the model when None.
        opset_version: the ONNX opset (default: the exporter's).

    Example:
        >>> model.export("model.onnx", format="onnx")
        >>> session = onnxruntime.InferenceSession("model.onnx")
        >>> session.run(None, {session.get_inputs()[0].name: x})[0]
    """
    if kwargs:
        raise ValueError(f"export_onnx() received unexpected keyword arguments: {sorted(kwargs)}")
    exporter = getattr(backend, "export", None)
    if exporter is None:
        raise ValueError(
            f"ONNX export needs the torch backend; the active backend is {backend.backend()}.")
    signature = get_input_signature(model, input_signature)
    filepath = os.fspath(filepath)
    exporter.export_onnx(model, signature, filepath, input_names(signature),
                         opset_version=opset_version)
    if verbose is None or verbose:
        print(f"Saved artifact at '{filepath}'.")
    return filepath
