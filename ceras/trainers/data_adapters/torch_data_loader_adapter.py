"""TorchDataLoaderAdapter: a ``torch.utils.data.DataLoader`` or ``Dataset``."""
from ceras.trainers.data_adapters.data_adapter import DataAdapter, convert_batch


def _torch_data():
    from ceras.backend.torch import data_loader  # noqa: PLC0415 - only when torch data is given

    return data_loader


def _is_torch_object(x):
    return any((cls.__module__ or "").startswith("torch.") for cls in type(x).__mro__)


def can_handle(x):
    if not _is_torch_object(x):
        return False
    data = _torch_data()
    return data.is_data_loader(x) or data.is_dataset(x)


class TorchDataLoaderAdapter(DataAdapter):
    """Batches from a DataLoader (its own batch size and order), or from a Dataset
    wrapped in a DataLoader with ``batch_size`` and ``shuffle``.

    A batch that is a list ``[x, y]`` is read as the tuple ``(x, y)``.
    """

    def __init__(self, x, batch_size=None, shuffle=False):
        data = _torch_data()
        if not data.is_data_loader(x):
            x = data.make_data_loader(x, batch_size=batch_size, shuffle=shuffle)
        self._loader = x
        self.batch_size = x.batch_size
        try:
            self.num_batches = len(x)
        except TypeError:  # an IterableDataset without __len__
            self.num_batches = None

    def get_iterator(self):
        for batch in self._loader:
            yield convert_batch(batch)
