"""Data adapters: one per kind of data source, chosen by ``get_data_adapter``."""
from ceras import backend
from ceras.trainers.data_adapters import (
    array_data_adapter, generator_data_adapter, py_dataset_adapter,
    torch_data_loader_adapter,
)
from ceras.trainers.data_adapters.array_data_adapter import ArrayDataAdapter
from ceras.trainers.data_adapters.data_adapter import DataAdapter
from ceras.trainers.data_adapters.data_adapter_utils import (  # noqa: F401
    class_weight_to_sample_weights, pack_x_y_sample_weight, train_validation_split,
    unpack_x_y_sample_weight,
)
from ceras.trainers.data_adapters.generator_data_adapter import GeneratorDataAdapter
from ceras.trainers.data_adapters.py_dataset_adapter import PyDatasetAdapter
from ceras.trainers.data_adapters.torch_data_loader_adapter import TorchDataLoaderAdapter


def _reject_targets(kind, y, sample_weight):
    for name, value in (("y", y), ("sample_weight", sample_weight)):
        if value is not None:
            raise ValueError(
                f"When providing `x` as a {kind}, `{name}` should not be passed. Instead, "
                f"the {'targets' if name == 'y' else 'sample weights'} should be included "
                f"as part of the {kind}.")


def get_data_adapter(x, y=None, sample_weight=None, batch_size=None, steps_per_epoch=None,
                     shuffle=False, class_weight=None):
    """The adapter for ``x`` (and ``y`` / ``sample_weight`` when ``x`` is arrays)."""
    if isinstance(x, DataAdapter):
        return x
    if x is None:
        raise ValueError(
            "No input data: `x` is None. Pass arrays (with `y`), a generator, a PyDataset "
            "or a torch DataLoader.")
    if array_data_adapter.can_handle(x, y, sample_weight):
        return ArrayDataAdapter(x, y, sample_weight=sample_weight, batch_size=batch_size,
                                steps=steps_per_epoch, shuffle=shuffle,
                                class_weight=class_weight)
    if py_dataset_adapter.can_handle(x):
        _reject_targets("PyDataset", y, sample_weight)
        adapter = PyDatasetAdapter(x, shuffle=shuffle)
    elif torch_data_loader_adapter.can_handle(x):
        _reject_targets("torch DataLoader or Dataset", y, sample_weight)
        adapter = TorchDataLoaderAdapter(x, batch_size=batch_size, shuffle=shuffle)
    elif generator_data_adapter.can_handle(x):
        _reject_targets("generator", y, sample_weight)
        adapter = GeneratorDataAdapter(x)
    else:
        raise ValueError(
            f"Unrecognized data type: x={_short(x)} (of type {type(x).__name__}). Expected "
            "NumPy arrays, backend tensors, pandas objects, lists or dicts of them, a "
            "Python generator, a ceras.utils.PyDataset, or a torch DataLoader / Dataset.")
    if class_weight is not None:
        adapter = ClassWeightAdapter(adapter, class_weight)
    return adapter


def _short(x):
    text = repr(x)
    return text if len(text) < 200 else text[:200] + "..."


class ClassWeightAdapter(DataAdapter):
    """Adds per-sample weights from ``class_weight`` to each ``(x, y)`` batch."""

    def __init__(self, adapter, class_weight):
        self._adapter = adapter
        self._class_weight = class_weight
        self.num_batches = adapter.num_batches
        self.batch_size = adapter.batch_size
        self.restartable = adapter.restartable

    def on_epoch_begin(self):
        self._adapter.on_epoch_begin()

    def on_epoch_end(self):
        self._adapter.on_epoch_end()

    def close(self):
        self._adapter.close()

    def get_iterator(self):
        for batch in self._adapter.get_iterator():
            x, y, sample_weight = unpack_x_y_sample_weight(batch)
            if sample_weight is not None:
                raise ValueError(
                    "You cannot `class_weight` and `sample_weight` at the same time.")
            if y is None or isinstance(y, (list, tuple, dict)):
                raise ValueError(
                    "`class_weight` is only supported for Models with a single output, "
                    "and needs batches of (x, y).")
            weights = class_weight_to_sample_weights(y, self._class_weight)
            yield x, y, backend.convert_to_tensor(weights)


__all__ = [
    "ArrayDataAdapter", "DataAdapter", "GeneratorDataAdapter", "PyDatasetAdapter",
    "TorchDataLoaderAdapter", "get_data_adapter", "pack_x_y_sample_weight",
    "train_validation_split", "unpack_x_y_sample_weight",
]
