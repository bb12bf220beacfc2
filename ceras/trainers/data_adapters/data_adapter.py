"""DataAdapter: the interface between one kind of data source and the epoch iterator."""
import numpy as np

from ceras import backend
from ceras.backend import tree


class DataAdapter:
    """Turns a data source into batches of backend tensors, packed as Keras packs
    them: ``x``, ``(x, y)`` or ``(x, y, sample_weight)``.

    Subclasses set ``num_batches`` (None when unknown), ``batch_size`` and
    ``restartable`` (whether ``get_iterator`` can start a new pass; a Python
    generator cannot), and implement ``get_iterator``.
    """

    num_batches = None
    batch_size = None
    restartable = True

    def get_iterator(self):
        """An iterator over one pass of batches."""
        raise NotImplementedError

    @property
    def has_partial_batch(self):
        return None

    @property
    def partial_batch_size(self):
        return None

    def peek(self):
        """The first batch without consuming it, or None when that is not possible."""
        return None

    def on_epoch_begin(self):
        """Called before each pass."""

    def on_epoch_end(self):
        """Called after each complete pass."""

    def close(self):
        """Release workers and files at the end of fit / evaluate / predict."""


def convert_leaf(value):
    """One array of a batch as a backend tensor (floats in ``floatx``); strings and
    other values no backend can hold stay NumPy arrays."""
    if value is None:
        return None
    if backend.is_tensor(value):
        if backend.standardize_dtype(value.dtype) == "float64":
            return backend.cast(value, backend.floatx())
        return value
    if not isinstance(value, np.ndarray):
        if hasattr(value, "to_numpy"):  # pandas
            value = value.to_numpy()
        value = np.asarray(value)
    if value.dtype.kind in "USOV":
        return value
    if value.dtype == np.float64:
        value = value.astype(backend.floatx())
    elif not value.flags.writeable or not value.flags.c_contiguous:
        value = np.ascontiguousarray(value).copy()  # e.g. a pandas view
    fast = _HOST_CONVERT.get(backend.backend(), _UNSET)
    if fast is _UNSET:
        fast = _HOST_CONVERT[backend.backend()] = getattr(
            getattr(backend, "trainer", None), "host_array_to_tensor", None)
    if fast is not None and backend.get_device() == "cpu":
        return fast(value)
    return backend.convert_to_tensor(value)


_UNSET = object()
_HOST_CONVERT = {}


def convert_batch(batch):
    """Every array of a (nested) batch through ``convert_leaf``."""
    if isinstance(batch, tuple) and len(batch) == 2 and not isinstance(batch[0], (
            tuple, list, dict)) and not isinstance(batch[1], (tuple, list, dict)):
        return convert_leaf(batch[0]), convert_leaf(batch[1])  # the common (x, y)
    if isinstance(batch, list):
        batch = tuple(batch)
    return tree.map_structure(convert_leaf, batch)
