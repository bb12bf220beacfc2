"""Helpers that let a test run on every backend (``CERAS_BACKEND``).

The oracle (real Keras) runs on torch, so comparisons happen on torch tensors:
``to_torch`` turns what a ceras op returned into one, after checking that it is the
active backend's tensor type.
"""
import numpy as np
import pytest

from ceras import backend

# Skipped on the other backends (see conftest.py): autograd, torch.nn.Module,
# torch tensors as results.
requires_torch = pytest.mark.requires_torch


def to_torch(x):
    """A ceras result as a torch tensor (asserting it is a backend tensor)."""
    import torch  # noqa: PLC0415 - the oracle's tensor type

    if isinstance(x, torch.Tensor):
        return x  # the backend's own type on torch; an oracle value elsewhere
    assert backend.is_tensor(x), type(x)
    array = np.asarray(x)
    if array.dtype.name == "bfloat16":
        return torch.from_numpy(array.astype(np.float32)).to(torch.bfloat16)
    return torch.from_numpy(np.array(array))


def dtype_name(x):
    """The dtype of a tensor as a string ('float32'), on any backend."""
    return backend.standardize_dtype(x.dtype)
