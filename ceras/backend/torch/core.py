"""Tensors, dtypes, devices, Variable and the control-flow ops on torch."""
import contextlib
import os

import numpy as np
import torch

from ceras.backend.common import global_state, tree
from ceras.backend.common.config import floatx
from ceras.backend.common.dtypes import result_type, standardize_dtype
from ceras.backend.common.keras_tensor import KerasTensor
from ceras.backend.common.variable import KerasVariable

SUPPORTS_SPARSE_TENSORS = False
IS_THREAD_SAFE = True

_TORCH_DTYPES = {
    "float16": torch.float16, "float32": torch.float32, "float64": torch.float64,
    "bfloat16": torch.bfloat16, "uint8": torch.uint8, "uint16": torch.uint16,
    "uint32": torch.uint32, "uint64": torch.uint64, "int8": torch.int8, "int16": torch.int16,
    "int32": torch.int32, "int64": torch.int64, "bool": torch.bool,
    "complex64": torch.complex64, "complex128": torch.complex128,
}
_DTYPE_NAMES = {v: k for k, v in _TORCH_DTYPES.items()}


def _default_device():
    requested = os.environ.get("CERAS_DEVICE")
    if requested:
        return torch.device(requested)
    return torch.device("cuda" if torch.cuda.is_available() else "cpu")


_DEVICE = _default_device()


def get_device():
    """The device new tensors are placed on ('cuda' when present, else 'cpu')."""
    return str(_DEVICE)


@contextlib.contextmanager
def device_scope(device_name):
    """Place tensors created inside on ``device_name`` ('cpu', 'cuda', 'gpu:0' ...)."""
    global _DEVICE
    name = str(device_name).lower().replace("gpu", "cuda")
    previous, _DEVICE = _DEVICE, torch.device(name)
    try:
        yield
    finally:
        _DEVICE = previous


def to_backend_dtype(dtype):
    if isinstance(dtype, torch.dtype):
        return dtype
    return _TORCH_DTYPES[standardize_dtype(dtype)]


def dtype_name(torch_dtype):
    return _DTYPE_NAMES[torch_dtype]


def is_tensor(x):
    return isinstance(x, torch.Tensor)


def convert_to_tensor(x, dtype=None, sparse=None, ragged=None):
    """A torch tensor on the current device. Python floats become floatx,
    Python ints int32 (Keras's weak-type defaults); arrays keep their dtype."""
    if isinstance(x, torch.Tensor):
        if dtype is None:
            return x
        target = to_backend_dtype(dtype)
        return x if x.dtype == target else x.to(target)
    if isinstance(x, KerasVariable):
        value = x.value
        if dtype is not None:
            target = to_backend_dtype(dtype)
            if value.dtype != target:
                return value.to(target)
        return value
    if isinstance(x, KerasTensor):
        raise ValueError(
            "A symbolic KerasTensor cannot be converted to a torch tensor: it has no value. "
            f"Received {x}. Call the model on real data instead."
        )
    if dtype is None:
        if isinstance(x, bool):
            dtype = "bool"
        elif isinstance(x, int):
            dtype = "int32"
        elif isinstance(x, float):
            dtype = floatx()
        elif isinstance(x, (list, tuple)):
            dtype = _infer_python_dtype(x)
        elif isinstance(x, np.ndarray) or np.isscalar(x):
            arr = np.asarray(x)
            if arr.dtype.kind in "US" or arr.dtype == object:
                raise TypeError(
                    f"Cannot convert an array of dtype {arr.dtype} to a tensor"
                )
            dtype = standardize_dtype(arr.dtype)
    if isinstance(x, np.ndarray) and x.dtype != object:
        t = torch.from_numpy(np.ascontiguousarray(x) if not x.flags.c_contiguous or
                             not x.flags.writeable else x)
        if dtype is not None:
            t = t.to(to_backend_dtype(dtype))
        return t.to(_DEVICE) if _DEVICE.type != "cpu" else t
    if hasattr(x, "__dlpack__") and not isinstance(x, (list, tuple, np.generic)):
        t = torch.from_dlpack(x)
        return t.to(to_backend_dtype(dtype)) if dtype is not None else t
    if isinstance(x, (list, tuple)):
        x = [convert_to_numpy(v) if isinstance(v, (torch.Tensor, KerasVariable)) else v
             for v in x]
    return torch.as_tensor(np.asarray(x), dtype=to_backend_dtype(dtype), device=_DEVICE) \
        if dtype is not None else torch.as_tensor(np.asarray(x), device=_DEVICE)


def _infer_python_dtype(values):
    leaves = tree.flatten(list(values))
    kinds = set()
    for v in leaves:
        if isinstance(v, (torch.Tensor, KerasVariable, np.ndarray, np.generic)):
            kinds.add(standardize_dtype(v.dtype) if not isinstance(v, torch.Tensor)
                      else dtype_name(v.dtype))
        else:
            kinds.add(type(v))
    if not kinds:
        return floatx()
    return result_type(*[k if isinstance(k, str) else k(0) for k in kinds])


def convert_to_numpy(x):
    if isinstance(x, KerasVariable):
        x = x.value
    if isinstance(x, torch.Tensor):
        x = x.detach()
        if x.device.type != "cpu":
            x = x.cpu()
        if x.dtype == torch.bfloat16:
            return x.float().numpy().astype("bfloat16") if _has_ml_bfloat16() else x.float().numpy()
        return x.numpy()
    if isinstance(x, (list, tuple)):
        return np.array([convert_to_numpy(v) for v in x])
    return np.asarray(x)


def _has_ml_bfloat16():
    try:
        np.dtype("bfloat16")
        return True
    except TypeError:
        return False


def shape(x):
    """The static shape as a tuple of ints (None for unknown symbolic dims)."""
    if isinstance(x, KerasTensor):
        return x.shape
    return tuple(x.shape)


def cast(x, dtype):
    target = to_backend_dtype(dtype)
    if isinstance(x, KerasVariable):
        x = x.value
    if isinstance(x, torch.Tensor):
        return x if x.dtype == target else x.to(target)
    return convert_to_tensor(x, dtype)


def standardize_tensor_dtype(x):
    return dtype_name(x.dtype)


def cast_floating(x, target):
    """Cast ``x`` to torch dtype ``target`` when it is a float tensor of another dtype
    (the layer autocast rule); anything else passes through unchanged."""
    if isinstance(x, torch.Tensor):
        if x.dtype != target and x.is_floating_point():
            return x.to(target)
        return x
    if isinstance(x, np.ndarray):  # arrays enter a layer as tensors, floats autocast
        t = convert_to_tensor(x)
        return t.to(target) if t.is_floating_point() and t.dtype != target else t
    return x


# Split by idea across files; re-exported here so `backend.core.<name>` has them all.
from ceras.backend.torch.variable import Variable  # noqa: E402,F401
from ceras.backend.torch.symbolic import compute_output_spec  # noqa: E402,F401
from ceras.backend.torch.core_control import *  # noqa: E402,F401,F403
from ceras.backend.torch.core_rearrange import rearrange  # noqa: E402,F401
from ceras.backend.torch.core_scan import associative_scan  # noqa: E402,F401
