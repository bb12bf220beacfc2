"""export_model: the formats of ``Model.export``."""
from ceras.export.onnx import export_onnx
from ceras.export.torch_export import export_torch

FORMATS = ("tf_saved_model", "onnx", "openvino", "litert", "torch")
_NEEDS = {
    "tf_saved_model": "TensorFlow (a TensorFlow SavedModel)",
    "litert": "TensorFlow Lite's converter (or litert-torch)",
    "openvino": "OpenVINO's model converter",
}


def export_model(model, filepath, format="tf_saved_model", verbose=None,
                 input_signature=None, **kwargs):
    """Export ``model`` for inference in ``format`` ("onnx" or "torch"; Keras's
    "tf_saved_model", "litert" and "openvino" formats are not available in ceras)."""
    if format not in FORMATS:
        raise ValueError(
            f"Unrecognized format={format!r}. Supported formats are: {list(FORMATS)}.")
    if format in _NEEDS:
        raise ValueError(
            f"format={format!r} needs {_NEEDS[format]}, which ceras does not use. Export "
            "with format='onnx' (an ONNX file) or format='torch' (a torch.export .pt2 file) "
            "instead.")
    if format == "onnx":
        return export_onnx(model, filepath, verbose=verbose, input_signature=input_signature,
                           **kwargs)
    return export_torch(model, filepath, input_signature=input_signature, verbose=verbose,
                        **kwargs)
