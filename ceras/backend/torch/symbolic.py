"""Shape and dtype inference: run a function on fake tensors (no memory, no compute)."""
import torch
from torch._subclasses.fake_tensor import FakeTensorMode
from torch.fx.experimental.symbolic_shapes import ShapeEnv

from ceras.backend.common import global_state, tree
from ceras.backend.common.keras_tensor import KerasTensor
from ceras.backend.torch.core import dtype_name, to_backend_dtype


_STAND_INS = (97, 113)
_FAKE_MODE = None


def _fake_mode():
    global _FAKE_MODE
    if _FAKE_MODE is None:
        # A shape environment lets value-dependent ops (nonzero, unique, boolean masks)
        # trace: their unknown sizes come back as symbols, which become None dims.
        _FAKE_MODE = FakeTensorMode(allow_non_fake_inputs=True, shape_env=ShapeEnv())
    return _FAKE_MODE


def compute_output_spec(fn, *args, **kwargs):
    """Run ``fn`` on stand-in tensors to learn its output shapes and dtypes.

    KerasTensors become fake tensors (no memory, no compute). Unknown (None) dims
    are traced twice, with two different sizes: dims that change are None.
    """
    has_none = any(
        isinstance(x, KerasTensor) and None in x.shape for x in tree.flatten((args, kwargs)))
    first = _trace(fn, args, kwargs, _STAND_INS[0])
    if not has_none:
        return tree.map_structure(_to_keras_tensor, first)
    second = _trace(fn, args, kwargs, _STAND_INS[1])
    return tree.map_structure(_merge_specs, first, second)


def _trace(fn, args, kwargs, size):
    mode = _fake_mode()

    def to_fake(x):
        if isinstance(x, KerasTensor):
            shape = tuple(size if d is None else d for d in x.shape)
            return torch.empty(shape, dtype=to_backend_dtype(x.dtype))
        return x

    with global_state.SymbolicScope(), mode:
        fargs = tree.map_structure(to_fake, args)
        fkwargs = tree.map_structure(to_fake, kwargs)
        out = fn(*fargs, **fkwargs)
        return tree.map_structure(
            lambda t: _Spec(tuple(d if isinstance(d, int) else None for d in t.shape),
                            dtype_name(t.dtype)) if isinstance(t, torch.Tensor)
            else t, out)


class _Spec:
    __slots__ = ("shape", "dtype")

    def __init__(self, shape, dtype):
        self.shape, self.dtype = shape, dtype


def _to_keras_tensor(spec):
    return KerasTensor(spec.shape, dtype=spec.dtype) if isinstance(spec, _Spec) else spec


def _merge_specs(a, b):
    if isinstance(a, _Spec):
        shape = tuple(d1 if d1 == d2 else None for d1, d2 in zip(a.shape, b.shape))
        return KerasTensor(shape, dtype=a.dtype)
    return a
