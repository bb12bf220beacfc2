"""PyDataset: a dataset of batches by index, optionally loaded in parallel."""


class PyDataset:
    """Base class for datasets that produce batch ``index`` on demand.

    Subclasses implement ``__getitem__(index)`` (returning ``x``, ``(x, y)`` or
    ``(x, y, sample_weight)``) and ``__len__`` (the number of batches), and may
    override ``on_epoch_begin`` / ``on_epoch_end``. An infinite dataset defines
    ``num_batches`` returning None instead of ``__len__``.

    Batches are loaded ahead of the training step by ``workers`` threads (or
    processes with ``use_multiprocessing=True``; the dataset must then be
    picklable where processes are spawned rather than forked), holding at most
    ``max_queue_size`` batches in flight.

    Args:
        workers: number of workers loading batches in parallel (default 1: load in
            the training thread).
        use_multiprocessing: use processes instead of threads (default False).
        max_queue_size: batches prepared ahead (default 10).

    Example:
        >>> class Squares(PyDataset):
        ...     def __init__(self, x, batch_size, **kwargs):
        ...         super().__init__(**kwargs)
        ...         self.x, self.batch_size = x, batch_size
        ...     def __len__(self):
        ...         return math.ceil(len(self.x) / self.batch_size)
        ...     def __getitem__(self, i):
        ...         b = self.x[i * self.batch_size:(i + 1) * self.batch_size]
        ...         return b, b ** 2
    """

    def __init__(self, workers=1, use_multiprocessing=False, max_queue_size=10):
        self._workers = workers
        self._use_multiprocessing = use_multiprocessing
        self._max_queue_size = max_queue_size

    def _check_init(self):
        if "_workers" not in self.__dict__:
            # A subclass that forgot super().__init__(): use the defaults.
            self._workers = 1
            self._use_multiprocessing = False
            self._max_queue_size = 10

    @property
    def workers(self):
        self._check_init()
        return self._workers

    @workers.setter
    def workers(self, value):
        self._workers = value

    @property
    def use_multiprocessing(self):
        self._check_init()
        return self._use_multiprocessing

    @use_multiprocessing.setter
    def use_multiprocessing(self, value):
        self._use_multiprocessing = value

    @property
    def max_queue_size(self):
        self._check_init()
        return self._max_queue_size

    @max_queue_size.setter
    def max_queue_size(self, value):
        self._max_queue_size = value

    def __getitem__(self, index):
        raise NotImplementedError(
            f"{type(self).__name__} must implement __getitem__(index), returning batch "
            "number `index`.")

    @property
    def num_batches(self):
        """The number of batches (``len(self)``), or None for an infinite dataset."""
        if hasattr(self, "__len__"):
            return len(self)
        raise NotImplementedError(
            f"{type(self).__name__} must implement __len__ (the number of batches) or a "
            "`num_batches` property (None for an infinite dataset).")

    def on_epoch_begin(self):
        """Called at the start of every pass over the data."""

    def on_epoch_end(self):
        """Called at the end of every pass over the data."""
