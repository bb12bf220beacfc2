"""EpochIterator: the batches of each epoch, from any data adapter.

Without ``steps_per_epoch`` an epoch is one pass over the data. With it, every
epoch has exactly that many steps: passes continue across epoch boundaries and
a new pass starts (reshuffled) when one ends, so a finite dataset never runs
out. Only a one-shot source (a Python generator) can run out; then training
stops with a warning.
"""
import warnings

from ceras.trainers import data_adapters


class EpochIterator:
    """Args:
        x, y, sample_weight, batch_size, shuffle, class_weight: as for ``fit``.
        steps_per_epoch: steps per epoch (default: one pass).
        steps_per_execution: batches handed to each call of the step function;
            with more than 1, ``enumerate_epoch`` yields lists of batches.
    """

    def __init__(self, x, y=None, sample_weight=None, batch_size=None, steps_per_epoch=None,
                 shuffle=False, class_weight=None, steps_per_execution=1):
        if steps_per_epoch is not None and (not isinstance(steps_per_epoch, int) or
                                            steps_per_epoch <= 0):
            raise ValueError(
                "`steps_per_epoch` must be a positive integer or None, received "
                f"steps_per_epoch={steps_per_epoch!r}")
        self.data_adapter = data_adapters.get_data_adapter(
            x, y, sample_weight=sample_weight, batch_size=batch_size,
            steps_per_epoch=steps_per_epoch, shuffle=shuffle, class_weight=class_weight)
        self.steps_per_epoch = steps_per_epoch
        self.steps_per_execution = max(int(steps_per_execution or 1), 1)
        self._iterator = None
        self._pass_started = False
        self.out_of_data = False

    @property
    def num_batches(self):
        """Steps per epoch, when known."""
        return self.steps_per_epoch or self.data_adapter.num_batches

    def _next_pass(self):
        adapter = self.data_adapter
        adapter.on_epoch_begin()
        self._iterator = iter(adapter.get_iterator())

    def _batches(self):
        """One epoch of (step, batch)."""
        if self.steps_per_epoch is None:
            self._next_pass()
            step = -1
            for step, batch in enumerate(self._iterator):
                yield step, batch
            self._iterator = None
            self.data_adapter.on_epoch_end()
            if step < 0 and not self.data_adapter.restartable:
                self._ran_out()
            return
        step = 0
        restarted = False
        while step < self.steps_per_epoch:
            if self._iterator is None:
                if self._pass_started and not self.data_adapter.restartable:
                    self._ran_out()
                    return
                self._next_pass()
                self._pass_started = True
                restarted = True
            try:
                batch = next(self._iterator)
            except StopIteration:
                self._iterator = None
                self.data_adapter.on_epoch_end()
                if restarted:  # a new pass yielded nothing: the data is empty
                    self._ran_out()
                    return
                continue
            restarted = False
            yield step, batch
            step += 1

    def _ran_out(self):
        self.out_of_data = True
        warnings.warn(
            "Your input ran out of data; interrupting training. Make sure that your "
            "dataset or generator can generate at least `steps_per_epoch * epochs` "
            "batches.", stacklevel=4)

    def enumerate_epoch(self):
        """Yield ``(step, batch)``; with ``steps_per_execution`` N > 1, ``(step,
        [batches])`` where step is the index of the last batch of the group."""
        if self.steps_per_execution == 1:
            yield from self._batches()
            return
        group = []
        step = -1
        for step, batch in self._batches():
            group.append(batch)
            if len(group) == self.steps_per_execution:
                yield step, group
                group = []
        if group:
            yield step, group

    def close(self):
        """End a pass left open (steps_per_epoch) and release the adapter's workers."""
        if self._iterator is not None and hasattr(self._iterator, "close"):
            self._iterator.close()
        self._iterator = None
        self.data_adapter.close()
