"""SwapEMAWeights: evaluate and save with the optimizer's moving-average weights."""
from ceras.callbacks.callback import Callback


class SwapEMAWeights(Callback):
    """Swap the model's weights with the optimizer's exponential moving average
    (``use_ema=True``) during evaluation and prediction, and, with
    ``swap_on_epoch=True``, at epoch ends too (so ModelCheckpoint placed after it
    saves the EMA weights).

    Args:
        swap_on_epoch: also swap at the end of each epoch and back at the start of
            the next one (default False).

    Example:
        >>> model.compile(optimizer=ceras.optimizers.SGD(use_ema=True), loss="mse")
        >>> model.fit(x, y, validation_data=(xv, yv), callbacks=[SwapEMAWeights()])
    """

    def __init__(self, swap_on_epoch=False):
        super().__init__()
        self.swap_on_epoch = swap_on_epoch
        self._ema_weights_in_model = False

    def _averages(self):
        optimizer = self.model.optimizer
        if optimizer is None or not getattr(optimizer, "use_ema", False):
            raise ValueError(
                "SwapEMAWeights must be used when `use_ema=True` is set on the optimizer. "
                f"Received: use_ema={getattr(optimizer, 'use_ema', None)}")
        averages = getattr(optimizer, "_model_variables_moving_average", None)
        if not averages:
            return None  # the optimizer has not started: nothing to swap yet
        return averages

    def _swap(self):
        averages = self._averages()
        if averages is None:
            return False
        for variable, average in zip(self.model.trainable_variables, averages):
            current = variable.numpy()
            variable.assign(average.numpy())
            average.assign(current)
        return True

    def _swap_in(self):
        if not self._ema_weights_in_model and self._swap():
            self._ema_weights_in_model = True

    def _swap_out(self):
        if self._ema_weights_in_model:
            self._swap()
            self._ema_weights_in_model = False

    def on_epoch_begin(self, epoch, logs=None):
        if self.swap_on_epoch:
            self._swap_out()

    def on_epoch_end(self, epoch, logs=None):
        if self.swap_on_epoch:
            self._swap_in()

    def on_train_end(self, logs=None):
        # Leave the trained weights in place; the optimizer finalizes EMA itself.
        self._swap_out()

    def on_test_begin(self, logs=None):
        self._swap_in()

    def on_test_end(self, logs=None):
        if not self.swap_on_epoch:
            self._swap_out()

    def on_predict_begin(self, logs=None):
        self._swap_in()

    def on_predict_end(self, logs=None):
        if not self.swap_on_epoch:
            self._swap_out()
