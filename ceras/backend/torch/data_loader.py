"""torch.utils.data support for the data adapters (any backend may use it)."""
import torch
from torch.utils import data as torch_data


def is_data_loader(x):
    return isinstance(x, torch_data.DataLoader)


def is_dataset(x):
    return isinstance(x, torch_data.Dataset)


def make_data_loader(dataset, batch_size=None, shuffle=False):
    """A DataLoader over ``dataset`` (default batch size 32; the last batch kept).

    Shuffling draws from torch's global generator, which ``set_random_seed`` seeds.
    """
    batch_size = batch_size or 32
    if isinstance(dataset, torch_data.IterableDataset):
        return torch_data.DataLoader(dataset, batch_size=batch_size)
    return torch_data.DataLoader(dataset, batch_size=batch_size, shuffle=bool(shuffle),
                                 drop_last=False)


def is_torch_tensor(x):
    return isinstance(x, torch.Tensor)
