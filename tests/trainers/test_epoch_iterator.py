"""EpochIterator: passes, steps_per_epoch across passes, steps_per_execution groups."""
import numpy as np
import pytest

from ceras.trainers.epoch_iterator import EpochIterator


def _values(batches):
    return [int(b[0][0]) if not isinstance(b, tuple) else int(b[0][0][0]) for b in batches]


def test_one_pass_per_epoch_keeps_the_partial_batch():
    x = np.arange(10, dtype="float32").reshape(10, 1)
    iterator = EpochIterator(x, x, batch_size=4)
    assert iterator.num_batches == 3
    steps = [(step, tuple(batch[0].shape)) for step, batch in iterator.enumerate_epoch()]
    assert steps == [(0, (4, 1)), (1, (4, 1)), (2, (2, 1))]


def test_steps_per_epoch_continues_then_restarts_passes():
    x = np.arange(6, dtype="float32").reshape(6, 1)
    iterator = EpochIterator(x, batch_size=2, steps_per_epoch=2)
    epochs = [_values(b for _, b in iterator.enumerate_epoch()) for _ in range(3)]
    assert epochs == [[0, 2], [4, 0], [2, 4]]


def test_steps_per_execution_groups_batches():
    x = np.arange(10, dtype="float32").reshape(10, 1)
    iterator = EpochIterator(x, batch_size=2, steps_per_execution=2)
    groups = [(step, len(group)) for step, group in iterator.enumerate_epoch()]
    assert groups == [(1, 2), (3, 2), (4, 1)]


def test_invalid_steps_per_epoch():
    with pytest.raises(ValueError, match="`steps_per_epoch` must be a positive integer or "
                                         "None, received steps_per_epoch=0"):
        EpochIterator(np.ones((2, 1)), steps_per_epoch=0)
