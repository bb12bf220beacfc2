"""The input signature of an exported model: the positional arguments of its call,
as ``InputSpec`` structures (shape with None for free dims, dtype, name)."""
from ceras import backend
from ceras.backend import KerasTensor, tree
from ceras.layers.input_spec import InputSpec
from ceras.models.functional import Functional
from ceras.models.model import Model
from ceras.models.sequential import Sequential


def make_input_spec(x):
    """An ``InputSpec`` (shape, dtype, name) from an InputSpec, a KerasTensor, or a
    tensor / array (whose first dim becomes the free batch dim)."""
    if isinstance(x, InputSpec):
        if x.shape is None or x.dtype is None:
            raise ValueError(
                f"An InputSpec of an export signature needs a shape and a dtype; received {x}")
        return x
    if isinstance(x, KerasTensor):
        return InputSpec(shape=(None,) + tuple(x.shape)[1:], dtype=x.dtype, name=x.name)
    if hasattr(x, "shape") and hasattr(x, "dtype"):
        return InputSpec(shape=(None,) + tuple(x.shape)[1:],
                         dtype=backend.standardize_dtype(x.dtype))
    raise TypeError(
        "An export input signature holds InputSpec, KerasTensor or tensor objects; received "
        f"{x!r} of type {type(x).__name__}")


def get_input_signature(model, input_signature=None):
    """A list of the model call's positional arguments, each a structure of InputSpec.

    Args:
        input_signature: None to read it from the model (a Functional / Sequential
            model's inputs, or the shapes of a subclassed model's first call), or a
            spec / list of specs given by the user (Keras's form: a list with one
            entry per positional argument).
    """
    if not isinstance(model, Model):
        raise TypeError(f"Export needs a ceras Model; received {model!r} of type "
                        f"{type(model).__name__}")
    if input_signature is not None:
        if not isinstance(input_signature, (list, tuple)):
            input_signature = [input_signature]
        return [tree.map_structure(make_input_spec, arg) for arg in input_signature]
    if not model.built:
        raise ValueError(
            f'Model "{model.name}" has not been built yet, so its inputs are unknown: call it '
            "on data (or pass `input_signature`) before exporting it.")
    if isinstance(model, (Functional, Sequential)) and model.input is not None:
        return [tree.map_structure(make_input_spec, model.input)]
    shapes = getattr(model, "_build_shapes", None)
    if shapes is None:
        raise ValueError(
            f'Model "{model.name}" has never been called, so its input shapes are unknown: '
            "call it on data once (or pass `input_signature`) before exporting it.")
    return [_specs_from_shapes(shapes, model.compute_dtype)]


def _specs_from_shapes(shapes, dtype):
    if isinstance(shapes, (tuple, list)) and all(d is None or isinstance(d, int)
                                                 for d in shapes):
        return InputSpec(shape=(None,) + tuple(shapes)[1:], dtype=dtype)
    if isinstance(shapes, dict):
        return {k: _specs_from_shapes(v, dtype) for k, v in shapes.items()}
    return type(shapes)(_specs_from_shapes(s, dtype) for s in shapes)


def input_names(input_signature):
    """The ONNX names of the flat inputs: each spec's name, else ``input_<i>``."""
    flat = tree.flatten(input_signature)
    names = [getattr(spec, "name", None) or f"input_{i}" for i, spec in enumerate(flat)]
    if len(set(names)) != len(names):
        names = [f"input_{i}" for i in range(len(flat))]
    return names
