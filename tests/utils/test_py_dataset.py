"""PyDataset: inline, threaded and multi-process loading; epochs end cleanly."""
import threading
import time

import numpy as np
import pytest

import ceras
from ceras import layers
from ceras.utils.py_dataset import PyDataset


class Batches(PyDataset):
    """Batch i holds the value i; records what was asked for."""

    def __init__(self, n=6, delay=0.0, fail_at=None, **kwargs):
        super().__init__(**kwargs)
        self.n, self.delay, self.fail_at = n, delay, fail_at
        self.requested = []
        self.epoch_ends = 0
        self.lock = threading.Lock()
        self.active = 0
        self.max_active = 0

    def __len__(self):
        return self.n

    def __getitem__(self, index):
        with self.lock:
            self.requested.append(index)
            self.active += 1
            self.max_active = max(self.max_active, self.active)
        try:
            if index == self.fail_at:
                raise KeyError(f"bad batch {index}")
            time.sleep(self.delay)
            x = np.full((4, 1), index, "float32")
            return x, x
        finally:
            with self.lock:
                self.active -= 1

    def on_epoch_end(self):
        self.epoch_ends += 1


class Recorder(ceras.Model):
    def __init__(self):
        super().__init__()
        self.dense = layers.Dense(1)
        self.seen = []

    def call(self, inputs, training=False):
        if training:
            self.seen.append(int(ceras.ops.convert_to_numpy(inputs)[0, 0]))
        return self.dense(inputs)


def _fit(dataset, **kwargs):
    model = Recorder()
    model.compile("sgd", "mse")
    kwargs.setdefault("shuffle", False)
    model.fit(dataset, verbose=0, **kwargs)
    return model.seen


@pytest.mark.parametrize("options", [{}, {"workers": 3}, {"workers": 2, "max_queue_size": 1},
                                     {"workers": 2, "use_multiprocessing": True}])
def test_every_batch_in_order_each_epoch(options):
    dataset = Batches(**options)
    assert _fit(dataset, epochs=3) == list(range(6)) * 3
    if not options.get("use_multiprocessing"):
        assert dataset.epoch_ends == 3


def test_shuffle_changes_the_order_of_batches_only():
    seen = _fit(Batches(n=20), epochs=1, shuffle=True)
    assert sorted(seen) == list(range(20)) and seen != list(range(20))


def test_steps_per_epoch_never_under_runs():
    dataset = Batches(n=4, workers=2)
    seen = _fit(dataset, epochs=3, steps_per_epoch=5)
    assert seen == [0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2]
    seen = _fit(Batches(n=4), epochs=2, steps_per_epoch=3)
    assert seen == [0, 1, 2, 3, 0, 1]


def test_max_queue_size_bounds_the_batches_in_flight():
    dataset = Batches(n=12, delay=0.01, workers=4, max_queue_size=2)
    _fit(dataset, epochs=1)
    assert dataset.max_active <= 2


@pytest.mark.parametrize("options", [{"workers": 2}, {"workers": 2, "use_multiprocessing": True}])
def test_worker_errors_propagate_without_hanging(options):
    dataset = Batches(n=6, fail_at=3, **options)
    start = time.monotonic()
    with pytest.raises(KeyError, match="bad batch 3"):
        _fit(dataset, epochs=1)
    assert time.monotonic() - start < 30


def test_stopping_early_with_slow_workers_returns_promptly():
    dataset = Batches(n=50, delay=0.05, workers=4, max_queue_size=8)

    class StopAt(ceras.callbacks.Callback):
        def on_train_batch_end(self, batch, logs=None):
            if batch == 2:
                self.model.stop_training = True

    start = time.monotonic()
    _fit(dataset, epochs=5, callbacks=[StopAt()])
    assert time.monotonic() - start < 5
    assert len(dataset.requested) <= 3 + 8 + 4


def test_on_epoch_end_changes_reach_worker_processes():
    class Reversing(Batches):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.order = list(range(self.n))

        def __getitem__(self, index):
            return super().__getitem__(self.order[index])

        def on_epoch_end(self):
            self.order.reverse()

    seen = _fit(Reversing(n=4, workers=2, use_multiprocessing=True), epochs=2)
    assert seen == [0, 1, 2, 3, 3, 2, 1, 0]


def test_infinite_dataset_needs_steps_per_epoch():
    class Endless(PyDataset):
        @property
        def num_batches(self):
            return None

        def __getitem__(self, index):
            x = np.full((2, 1), index % 7, "float32")
            return x, x

    assert _fit(Endless(), epochs=2, steps_per_epoch=3) == [0, 1, 2, 3, 4, 5]
    assert _fit(Endless(workers=2), epochs=1, steps_per_epoch=4) == [0, 1, 2, 3]


def test_subclass_without_super_init_gets_defaults():
    class Bare(PyDataset):
        def __init__(self):
            pass

        def __len__(self):
            return 2

        def __getitem__(self, index):
            x = np.full((2, 1), index, "float32")
            return x, x

    dataset = Bare()
    assert (dataset.workers, dataset.use_multiprocessing, dataset.max_queue_size) == (1, False,
                                                                                      10)
    assert _fit(dataset, epochs=1) == [0, 1]


def test_missing_len_and_invalid_batches_are_reported():
    class NoLen(PyDataset):
        def __getitem__(self, index):
            return np.ones((2, 1))

    with pytest.raises(NotImplementedError, match="must implement __len__"):
        NoLen().num_batches

    class Wrong(Batches):
        def __getitem__(self, index):
            return (np.ones((2, 1)),) * 4

    with pytest.raises(ValueError, match=r"The PyDataset returned an invalid batch 0"):
        _fit(Wrong(), epochs=1)


def test_keras_py_dataset_is_accepted(keras_oracle):
    class KerasBatches(keras_oracle.utils.PyDataset):
        def __len__(self):
            return 3

        def __getitem__(self, index):
            x = np.full((2, 1), index, "float32")
            return x, x

    assert _fit(KerasBatches(), epochs=1) == [0, 1, 2]
