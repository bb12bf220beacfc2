"""PyDatasetAdapter: a ``ceras.utils.PyDataset`` (or a Keras one)."""
import itertools

import numpy as np

from ceras.backend import tree

from ceras.trainers.data_adapters import data_adapter_utils as utils
from ceras.trainers.data_adapters.data_adapter import DataAdapter, convert_batch
from ceras.trainers.data_adapters.ordered_enqueuer import OrderedEnqueuer


def can_handle(x):
    from ceras.utils.py_dataset import PyDataset  # noqa: PLC0415 - utils sits above

    if isinstance(x, PyDataset):
        return True
    # Keras's own PyDataset (and Sequence) work the same way.
    return any(cls.__name__ in ("PyDataset", "Sequence") and "keras" in cls.__module__
               for cls in type(x).__mro__)


class PyDatasetAdapter(DataAdapter):
    """Batches ``dataset[i]`` for i in each pass, in order or shuffled.

    Args:
        dataset: the PyDataset.
        shuffle: shuffle the order of the batches at every pass (the content of a
            batch is the dataset's business).
    """

    def __init__(self, dataset, shuffle=False):
        self._dataset = dataset
        self._shuffle = bool(shuffle)
        self.num_batches = dataset.num_batches
        if self.num_batches == 0:
            raise ValueError(
                f"The PyDataset {type(dataset).__name__} has no batches (len() is 0).")
        workers = getattr(dataset, "workers", 1) or 1
        multiprocessing = bool(getattr(dataset, "use_multiprocessing", False))
        self._enqueuer = None
        if workers > 1 or multiprocessing:
            self._enqueuer = OrderedEnqueuer(
                dataset, workers=workers, use_multiprocessing=multiprocessing,
                max_queue_size=getattr(dataset, "max_queue_size", 10))
        # Read batch 0 now: a dataset returning a wrong structure fails before training.
        self._first = dataset[0]
        try:
            x, y, _ = utils.unpack_x_y_sample_weight(self._first)
        except ValueError as e:
            raise ValueError(f"The PyDataset returned an invalid batch 0: {e}") from None
        utils.check_lengths(x, y)
        leaves = [v for v in tree.flatten(x) if hasattr(v, "shape") and len(v.shape)]
        self.batch_size = int(leaves[0].shape[0]) if leaves else None

    def peek(self):
        return convert_batch(self._first) if self._first is not None else None

    def on_epoch_begin(self):
        self._dataset.on_epoch_begin()

    def on_epoch_end(self):
        self._dataset.on_epoch_end()

    def _indices(self):
        if self.num_batches is None:
            return itertools.count()
        if self._shuffle:
            return np.random.permutation(self.num_batches).tolist()
        return range(self.num_batches)

    def _inline(self, indices):
        infinite = self.num_batches is None
        for index in indices:
            if index == 0 and self._first is not None:
                batch, self._first = self._first, None
                yield batch
                continue
            try:
                batch = self._dataset[index]
            except IndexError:
                if infinite:
                    return
                raise
            yield batch

    def get_iterator(self):
        indices = self._indices()
        if self._enqueuer is None:
            source = self._inline(indices)
        else:
            self._first = None
            source = self._enqueuer.iterate(indices,
                                            stop_on_index_error=self.num_batches is None)
        for batch in source:
            yield convert_batch(batch)

    def close(self):
        if self._enqueuer is not None:
            self._enqueuer.close()
