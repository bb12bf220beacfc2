"""Model export on torch: ONNX (``torch.onnx.export``) and ExportedProgram
(``torch.export``). The model-level logic (formats, signatures) is in ceras/export."""
import contextlib
import logging
import warnings

import torch

from ceras.backend.common import tree
from ceras.backend.torch.core import to_backend_dtype


class _FlatInputs(torch.nn.Module):
    """The model as a module of flat tensor arguments, called in inference mode."""

    def __init__(self, model, signature):
        super().__init__()
        self.model = model
        self.signature = signature

    def forward(self, *flat):
        args = tree.pack_sequence_as(self.signature, list(flat))
        return self.model(*args, training=False)


def _sample(spec, free_size):
    shape = tuple(free_size if d is None else d for d in spec.shape)
    return torch.ones(shape, dtype=to_backend_dtype(spec.dtype))


def _dynamic_shapes(flat_specs):
    batch = torch.export.Dim("batch")
    shapes = []
    for i, spec in enumerate(flat_specs):
        dims = {j: batch if j == 0 else torch.export.Dim(f"dim_{i}_{j}")
                for j, d in enumerate(spec.shape) if d is None}
        shapes.append(dims or None)
    # forward(*flat) has one (variadic) parameter: its shapes are a tuple in a tuple.
    return (tuple(shapes),) if any(shapes) else None


@contextlib.contextmanager
def _quiet_exporter():
    # The exporter logs a warning per torchvision op it cannot register.
    logger = logging.getLogger("torch.onnx._internal.exporter._registration")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


def export_onnx(model, signature, filepath, input_names, opset_version=None, verbose=False):
    """Write ``model`` called on ``signature`` (a list of positional-argument
    structures of InputSpec) as an ONNX file; None dims stay dynamic."""
    flat_specs = tree.flatten(signature)
    module = _FlatInputs(model, signature).eval()
    dynamic = _dynamic_shapes(flat_specs)
    # torch.export fixes dims of size 1 to constants: trace free dims with size 2.
    sample = tuple(_sample(s, 2) for s in flat_specs)
    with torch.no_grad(), warnings.catch_warnings(), _quiet_exporter():
        warnings.filterwarnings("ignore", category=FutureWarning)
        warnings.filterwarnings("ignore", category=DeprecationWarning)
        warnings.filterwarnings("ignore", message=".*The axis name.*")
        try:
            program = torch.onnx.export(
                module, sample, input_names=input_names, dynamic_shapes=dynamic,
                opset_version=opset_version, dynamo=True, verbose=verbose)
            program.optimize()
            program.save(filepath)
            return
        except Exception as e:  # noqa: BLE001 - the TorchScript exporter may still work
            error = e
        warnings.warn(
            "The torch.export-based ONNX exporter failed; exporting with the TorchScript "
            f"exporter instead. The error was: {type(error).__name__}: {error}",
            stacklevel=3)
        dynamic_axes = {}
        for name, spec in zip(input_names, flat_specs):
            axes = {j: "batch" if j == 0 else f"{name}_dim_{j}"
                    for j, d in enumerate(spec.shape) if d is None}
            if axes:
                dynamic_axes[name] = axes
        torch.onnx.export(module, sample, filepath, input_names=input_names,
                          dynamic_axes=dynamic_axes or None, opset_version=opset_version,
                          dynamo=False, verbose=False)


def export_torch(model, signature, filepath, **kwargs):
    """Write ``model`` as a ``torch.export`` ExportedProgram (``.pt2``). Free dims are
    traced with size 1 (static) unless ``dynamic_shapes`` is given, as in Keras."""
    flat_specs = tree.flatten(signature)
    module = _FlatInputs(model, signature).eval()
    free = 2 if kwargs.get("dynamic_shapes") is not None else 1
    sample = tuple(_sample(s, free) for s in flat_specs)
    with torch.no_grad():
        try:
            program = torch.export.export(module, sample, **kwargs)
        except Exception as e:
            raise RuntimeError(
                f'Exporting model "{model.name}" with torch.export failed (unsupported op, '
                f"data-dependent control flow or shape constraints): {e}") from e
    torch.export.save(program, filepath)
