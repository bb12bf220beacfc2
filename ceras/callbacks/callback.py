"""Callback: the base class of objects that act at points of fit / evaluate / predict."""


class Callback:
    """Base class of callbacks: override the hooks you need.

    A callback sees ``self.model`` (the model being trained) and ``self.params``
    (``verbose``, ``epochs``, ``steps``). Epoch-level ``logs`` hold Python floats;
    batch-level ``logs`` hold the running values as tensors and are computed only
    when read, so a callback that ignores them costs nothing.

    Example:
        >>> class PrintLoss(Callback):
        ...     def on_epoch_end(self, epoch, logs=None):
        ...         print(epoch, logs["loss"])
    """

    def __init__(self):
        self.params = None
        self._model = None

    def set_params(self, params):
        self.params = params

    def set_model(self, model):
        self._model = model

    @property
    def model(self):
        return self._model

    # Keras 2 names, called by the train-batch hooks below.
    def on_batch_begin(self, batch, logs=None):
        """Called at the start of a training batch (alias of on_train_batch_begin)."""

    def on_batch_end(self, batch, logs=None):
        """Called at the end of a training batch (alias of on_train_batch_end)."""

    def on_epoch_begin(self, epoch, logs=None):
        """Called at the start of an epoch (fit only)."""

    def on_epoch_end(self, epoch, logs=None):
        """Called at the end of an epoch with its metrics (``val_`` ones included)."""

    def on_train_batch_begin(self, batch, logs=None):
        self.on_batch_begin(batch, logs=logs)

    def on_train_batch_end(self, batch, logs=None):
        self.on_batch_end(batch, logs=logs)

    def on_test_batch_begin(self, batch, logs=None):
        """Called at the start of a batch in evaluate (and validation in fit)."""

    def on_test_batch_end(self, batch, logs=None):
        """Called at the end of a batch in evaluate (and validation in fit)."""

    def on_predict_batch_begin(self, batch, logs=None):
        """Called at the start of a batch in predict."""

    def on_predict_batch_end(self, batch, logs=None):
        """Called at the end of a batch in predict; ``logs["outputs"]`` holds it."""

    def on_train_begin(self, logs=None):
        """Called at the start of fit."""

    def on_train_end(self, logs=None):
        """Called at the end of fit with the last epoch's logs."""

    def on_test_begin(self, logs=None):
        """Called at the start of evaluate (and of each validation in fit)."""

    def on_test_end(self, logs=None):
        """Called at the end of evaluate with its results."""

    def on_predict_begin(self, logs=None):
        """Called at the start of predict."""

    def on_predict_end(self, logs=None):
        """Called at the end of predict."""
