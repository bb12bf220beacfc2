"""Data helpers: (x, y, sample_weight) packing, dataset splitting, time-series windows."""
import json

import numpy as np

from ceras.backend import KerasTensor, tree
from ceras.trainers.data_adapters.data_adapter_utils import (  # noqa: F401 - public here
    pack_x_y_sample_weight, unpack_x_y_sample_weight,
)


def get_source_inputs(tensor):
    """The Input tensors a symbolic tensor was computed from."""
    if not isinstance(tensor, KerasTensor) or tensor._keras_history is None:
        return [tensor]
    history = tensor._keras_history
    node = history.operation._inbound_nodes[history.node_index]
    if node.is_input:
        return [tensor]
    sources = []
    for parent in node.input_tensors:
        for source in get_source_inputs(parent):
            if not any(source is s for s in sources):
                sources.append(source)
    return sources


def split_dataset(dataset, left_size=None, right_size=None, shuffle=False, seed=None):
    """Split arrays (or a tuple/dict of arrays, or a list of samples) into two parts.

    Sizes are fractions (float in (0, 1)) or counts (int); one may be None.
    """
    arrays = dataset if isinstance(dataset, (tuple, dict)) else (dataset,)
    flat = [np.asarray(a) for a in tree.flatten(arrays)]
    total = len(flat[0])
    if any(len(a) != total for a in flat):
        raise ValueError(
            f"split_dataset: all arrays must have the same length, received lengths "
            f"{[len(a) for a in flat]}"
        )

    def count(size, name):
        if size is None:
            return None
        if isinstance(size, float):
            if not 0 < size < 1:
                raise ValueError(f"split_dataset: {name} as a fraction must be in (0, 1), "
                                 f"received {size}")
            return int(round(size * total))
        if isinstance(size, int) and 0 <= size <= total:
            return size
        raise ValueError(f"split_dataset: {name} must be a float fraction or an int count in "
                         f"[0, {total}], received {size!r}")

    left, right = count(left_size, "left_size"), count(right_size, "right_size")
    if left is None and right is None:
        raise ValueError("split_dataset: pass left_size and/or right_size")
    left = total - right if left is None else left
    right = total - left if right is None else right
    if left + right > total:
        raise ValueError(f"split_dataset: left_size + right_size = {left + right} exceeds the "
                         f"dataset size {total}")
    order = np.arange(total)
    if shuffle:
        np.random.default_rng(seed).shuffle(order)
    left_idx, right_idx = order[:left], order[left:left + right]

    def take(idx):
        parts = [a[idx] for a in flat]
        packed = tree.pack_sequence_as(arrays, parts)
        return packed if isinstance(dataset, (tuple, dict)) else packed[0]

    return take(left_idx), take(right_idx)


def timeseries_dataset_from_array(data, targets, sequence_length, sequence_stride=1,
                                  sampling_rate=1, batch_size=128, shuffle=False, seed=None,
                                  start_index=None, end_index=None):
    """Sliding windows over ``data``: a list of ``(windows, targets)`` batches (or just
    windows when ``targets`` is None), which fit() accepts like any generator.

    Window ``i`` is ``data[start + i*stride : ... : sampling_rate]`` of length
    ``sequence_length``; its target is ``targets[start + i*stride]``.
    """
    data = np.asarray(data)
    start = start_index or 0
    end = len(data) if end_index is None else end_index
    span = (sequence_length - 1) * sampling_rate
    if sequence_length < 1 or sampling_rate < 1 or sequence_stride < 1:
        raise ValueError(
            "timeseries_dataset_from_array: sequence_length, sampling_rate and sequence_stride "
            f"must be >= 1, received {sequence_length}, {sampling_rate}, {sequence_stride}"
        )
    starts = np.arange(start, end - span, sequence_stride)
    if targets is not None:
        targets = np.asarray(targets)
        starts = starts[starts < len(targets)]
    if shuffle:
        np.random.default_rng(seed).shuffle(starts)
    offsets = np.arange(sequence_length) * sampling_rate
    batches = []
    for i in range(0, len(starts), batch_size or len(starts) or 1):
        chunk = starts[i:i + (batch_size or len(starts))]
        windows = data[chunk[:, None] + offsets[None, :]]
        batches.append(windows if targets is None else (windows, targets[chunk]))
    return batches


class Config:
    """A dict-like bag of settings with attribute access (``config.learning_rate``),
    which can be frozen."""

    def __init__(self, **kwargs):
        object.__setattr__(self, "_config", dict(kwargs))
        object.__setattr__(self, "_frozen", False)

    def freeze(self):
        object.__setattr__(self, "_frozen", True)

    def unfreeze(self):
        object.__setattr__(self, "_frozen", False)

    @property
    def frozen(self):
        return self._frozen

    def _check(self):
        if self._frozen:
            raise ValueError("Cannot change a frozen Config; call unfreeze() first")

    def __getattr__(self, name):
        try:
            return self._config[name]
        except KeyError:
            raise AttributeError(f"Unknown Config field {name!r}") from None

    def __setattr__(self, name, value):
        self._check()
        self._config[name] = value

    def __getitem__(self, key):
        return self._config[key]

    def __setitem__(self, key, value):
        self._check()
        self._config[key] = value

    def __delitem__(self, key):
        self._check()
        del self._config[key]

    def __contains__(self, key):
        return key in self._config

    def __iter__(self):
        return iter(self._config)

    def __len__(self):
        return len(self._config)

    def keys(self):
        return self._config.keys()

    def values(self):
        return self._config.values()

    def items(self):
        return self._config.items()

    def get(self, key, default=None):
        return self._config.get(key, default)

    def update(self, *args, **kwargs):
        self._check()
        self._config.update(*args, **kwargs)

    def pop(self, *args):
        self._check()
        return self._config.pop(*args)

    def as_dict(self):
        return dict(self._config)

    def to_json(self):
        return json.dumps(self._config)

    def __repr__(self):
        return f"Config({self._config})"
