"""ArrayDataAdapter: NumPy arrays, backend tensors, pandas objects, and lists or
dicts of them.

Each array is converted to a backend tensor once, on the host, when the adapter
is made; a batch is then a slice (or, when shuffling, a row gather) of those
tensors, with no per-batch conversion.
"""
import math

import numpy as np

from ceras import backend
from ceras.backend import tree
from ceras.trainers.data_adapters import data_adapter_utils as utils
from ceras.trainers.data_adapters.data_adapter import DataAdapter, convert_leaf


def can_handle(x, y=None, sample_weight=None):
    for part in (x, y, sample_weight):
        if part is None:
            continue
        if utils.is_scalar_list(part):
            continue
        for leaf in tree.flatten(part):
            if leaf is not None and not utils.is_array(leaf) and not utils.is_scalar_list(leaf):
                return False
    return True


def standardize_arrays(x):
    """Pandas objects and lists of numbers become NumPy arrays; the structure stays."""
    if x is None:
        return None
    if utils.is_scalar_list(x):
        return np.asarray(x)
    if utils.is_pandas(x):
        return x.to_numpy()
    if isinstance(x, dict):
        return {k: standardize_arrays(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return type(x)(standardize_arrays(v) for v in x)
    return x


def _packer(structure):
    """A fast function from the flat list of sliced leaves to the packed batch."""
    if not tree.is_nested(structure):
        return lambda flat: flat[0]
    if isinstance(structure, tuple) and all(not tree.is_nested(s) for s in structure):
        return tuple
    return lambda flat: tree.pack_sequence_as(structure, flat)


def _take(x, rows):
    return x[rows]


class _Absent:
    """A missing entry of the data (a None target): every slice of it is None."""

    def __getitem__(self, index):
        return None


_ABSENT = _Absent()


class ArrayDataAdapter(DataAdapter):
    """Batches of in-memory arrays.

    Args:
        x, y, sample_weight: arrays or structures of arrays, all with the same
            number of samples.
        batch_size: samples per batch (default 32, or enough to cover the data in
            ``steps`` batches when ``steps`` is given). The last batch may be smaller.
        steps: number of batches per epoch, when given instead of ``batch_size``.
        shuffle: True shuffles the samples every pass, "batch" shuffles the order
            of batch-sized chunks, False keeps the order.
        class_weight: dict of class index to weight, folded into sample weights.
    """

    def __init__(self, x, y=None, sample_weight=None, batch_size=None, steps=None,
                 shuffle=False, class_weight=None):
        if shuffle not in (True, False, "batch"):
            raise ValueError(
                f"`shuffle` must be True, False or 'batch', received shuffle={shuffle!r}")
        x, y, sample_weight = (standardize_arrays(v) for v in (x, y, sample_weight))
        sample_weight = utils.standardize_class_weight(y, sample_weight, class_weight)
        sample_weight = utils.broadcast_sample_weight(y, sample_weight)
        self._num_samples = utils.check_lengths(x, y, sample_weight)
        if self._num_samples == 0:
            raise ValueError(
                "Expected at least one sample in `x`; received arrays with 0 samples.")
        if not batch_size:
            batch_size = int(math.ceil(self._num_samples / steps)) if steps else 32
        self.batch_size = int(batch_size)
        self.num_batches = int(math.ceil(self._num_samples / self.batch_size))
        self._shuffle = shuffle
        packed = utils.pack_x_y_sample_weight(x, y, sample_weight)
        # Whole arrays become tensors once, on the host; the step moves each batch to
        # the accelerator (a dataset need not fit in its memory).
        with backend.device_scope("cpu"):
            self._leaves = [_ABSENT if v is None else convert_leaf(v)
                            for v in tree.flatten(packed)]
        self._pack = _packer(packed)
        self._tensor_leaves = [backend.is_tensor(v) for v in self._leaves]

    @property
    def has_partial_batch(self):
        return self._num_samples % self.batch_size != 0

    @property
    def partial_batch_size(self):
        return self._num_samples % self.batch_size or None

    def peek(self):
        """The first batch, without starting a pass."""
        return self._pack([leaf[0:self.batch_size] for leaf in self._leaves])

    def _order(self):
        n, size = self._num_samples, self.batch_size
        if self._shuffle is True:
            return np.random.permutation(n)
        if self._shuffle == "batch":
            full = n // size
            chunks = np.random.permutation(full)
            order = (chunks[:, None] * size + np.arange(size)[None, :]).reshape(-1)
            return np.concatenate([order, np.arange(full * size, n)])
        return None

    def get_iterator(self):
        leaves, pack, tensor_leaves = self._leaves, self._pack, self._tensor_leaves
        n, size = self._num_samples, self.batch_size
        order = self._order()  # drawn when the pass starts, from NumPy's global RNG
        if order is None:
            for start in range(0, n, size):
                stop = start + size
                yield pack([leaf[start:stop] for leaf in leaves])
            return
        with backend.device_scope("cpu"):
            index = backend.convert_to_tensor(order)
        take = getattr(getattr(backend, "trainer", None), "take_rows", None)
        # Host tensors gather with the backend's row gather; NumPy leaves (strings)
        # and device tensors index directly.
        gathers = [take if is_tensor and take is not None and _on_host(leaf) else _take
                   for leaf, is_tensor in zip(leaves, tensor_leaves)]
        for start in range(0, n, size):
            rows = index[start:start + size]
            rows_np = order[start:start + size]
            yield pack([gather(leaf, rows if is_tensor else rows_np)
                        for leaf, gather, is_tensor in zip(leaves, gathers, tensor_leaves)])


def _on_host(x):
    device = getattr(x, "device", None)
    return str(device).startswith("cpu") if device is not None else False
