"""GeneratorDataAdapter: a Python generator (or any iterator) of batches."""
from ceras.backend import tree
from ceras.trainers.data_adapters import data_adapter_utils as utils
from ceras.trainers.data_adapters.data_adapter import DataAdapter, convert_batch


def can_handle(x):
    return hasattr(x, "__next__") and hasattr(x, "__iter__") and not utils.is_array(x)


def _arity(batch):
    return len(batch) if isinstance(batch, (tuple, list)) else 1


class GeneratorDataAdapter(DataAdapter):
    """Batches from a generator yielding ``x``, ``(x,)``, ``(x, y)`` or
    ``(x, y, sample_weight)``.

    The first batch is read when the adapter is made, so a generator yielding a
    wrong structure fails before training starts. A generator runs only once:
    with ``steps_per_epoch`` it is shared by all epochs, and when it runs out,
    training stops with a warning.
    """

    restartable = False

    def __init__(self, generator):
        self._generator = generator
        try:
            self._first = next(generator)
        except StopIteration:
            raise ValueError(
                "The generator given as `x` yielded no data: it is empty or already "
                "exhausted.") from None
        self._check(self._first, 0)
        self._first_arity = _arity(self._first)
        x, y, _ = utils.unpack_x_y_sample_weight(self._first)
        utils.check_lengths(x, y)
        leaves = [v for v in tree.flatten(x) if hasattr(v, "shape") and len(v.shape)]
        self.batch_size = int(leaves[0].shape[0]) if leaves else None

    def _check(self, batch, index):
        try:
            utils.unpack_x_y_sample_weight(batch)
        except ValueError as e:
            raise ValueError(f"The generator yielded an invalid batch (batch {index}): {e}") \
                from None

    def peek(self):
        return convert_batch(self._first) if self._first is not None else None

    def get_iterator(self):
        index = 0
        if self._first is not None:
            first, self._first = self._first, None
            yield convert_batch(first)
            index = 1
        for batch in self._generator:
            if _arity(batch) != self._first_arity:
                self._check(batch, index)
                raise ValueError(
                    f"The generator yielded batches of different structures: batch 0 had "
                    f"{self._first_arity} element(s) and batch {index} has {_arity(batch)}. "
                    "Every batch must be `x`, `(x, y)` or `(x, y, sample_weight)`, the same "
                    "each time.")
            index += 1
            yield convert_batch(batch)
