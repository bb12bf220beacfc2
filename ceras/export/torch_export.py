"""export_torch: a model's inference function as a torch.export ExportedProgram."""
import os

from ceras import backend
from ceras.export.export_utils import get_input_signature


def export_torch(model, filepath, input_signature=None, verbose=None, **kwargs):
    """Write the model's forward pass (``training=False``) as a ``.pt2``
    ExportedProgram, loadable with ``torch.export.load(path).module()``.

    Free dims (None) are traced with size 1 and fixed, as in Keras, unless
    ``dynamic_shapes`` is given. ``kwargs`` go to ``torch.export.export``
    (``strict``, ``dynamic_shapes``, ``preserve_module_call_signature`` ...).
    """
    filepath = os.fspath(filepath)
    if not filepath.endswith(".pt2"):
        raise ValueError(
            f"The torch export format writes a .pt2 file; the filepath must end with '.pt2', "
            f"received filepath={filepath!r}")
    exporter = getattr(backend, "export", None)
    if exporter is None:
        raise ValueError(
            f"The torch export format needs the torch backend; the active backend is "
            f"{backend.backend()}.")
    signature = get_input_signature(model, input_signature)
    exporter.export_torch(model, signature, filepath, **kwargs)
    if verbose is None or verbose:
        print(f"Saved PyTorch ExportedProgram at '{filepath}'.")
    return filepath
