"""OrderedEnqueuer: load dataset items ahead, in threads or processes, and hand
them back in order.

At most ``max_queue_size`` items are in flight. A pass that is abandoned early
(``steps_per_epoch``, ``stop_training``, an exception) cancels what is pending,
and ``close`` stops the workers without waiting on them, so nothing hangs.
"""
import collections
import concurrent.futures
import multiprocessing

_END = object()
# The dataset of the current process pool, set in each worker by its initializer.
_WORKER_DATASET = None


def _init_worker(dataset):
    global _WORKER_DATASET
    _WORKER_DATASET = dataset


def _fetch(index):
    return _WORKER_DATASET[index]


def _context():
    methods = multiprocessing.get_all_start_methods()
    # fork shares the dataset without pickling it; elsewhere it must be picklable.
    return multiprocessing.get_context("fork" if "fork" in methods else None)


class OrderedEnqueuer:
    """Items ``dataset[i]`` for the indices given, loaded by ``workers`` workers.

    Args:
        dataset: anything indexable.
        workers: number of threads or processes.
        use_multiprocessing: processes instead of threads. A new pool starts for
            every pass, so processes see the dataset as ``on_epoch_end`` left it.
        max_queue_size: items loaded ahead of the consumer.
    """

    def __init__(self, dataset, workers=1, use_multiprocessing=False, max_queue_size=10):
        self.dataset = dataset
        self.workers = max(int(workers), 1)
        self.use_multiprocessing = use_multiprocessing
        self.max_queue_size = max(int(max_queue_size or 1), 1)
        self._threads = None
        self._pool = None

    def _start(self):
        if self.use_multiprocessing:
            self._pool = _context().Pool(self.workers, initializer=_init_worker,
                                         initargs=(self.dataset,))
            pool = self._pool
            return lambda i: pool.apply_async(_fetch, (i,)), lambda r: r.get()
        if self._threads is None:
            self._threads = concurrent.futures.ThreadPoolExecutor(
                self.workers, thread_name_prefix="ceras_py_dataset")
        threads, dataset = self._threads, self.dataset
        return lambda i: threads.submit(dataset.__getitem__, i), lambda f: f.result()

    def iterate(self, indices, stop_on_index_error=False):
        """Yield ``dataset[i]`` for each of ``indices``, in order."""
        submit, result = self._start()
        pending = collections.deque()
        indices = iter(indices)
        try:
            for index in indices:
                pending.append(submit(index))
                if len(pending) >= self.max_queue_size:
                    break
            while pending:
                try:
                    value = result(pending.popleft())
                except IndexError:
                    if stop_on_index_error:
                        return
                    raise
                # Refill only once a result is out: at most max_queue_size in flight.
                following = next(indices, _END)
                if following is not _END:
                    pending.append(submit(following))
                yield value
        finally:
            for item in pending:
                if hasattr(item, "cancel"):
                    item.cancel()
            if self.use_multiprocessing:
                self._stop_pool()

    def _stop_pool(self):
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None

    def close(self):
        self._stop_pool()
        if self._threads is not None:
            self._threads.shutdown(wait=False, cancel_futures=True)
            self._threads = None
