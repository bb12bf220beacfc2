"""CallbackList: calls a list of callbacks, skipping those that ignore a hook.

fit / evaluate / predict call a hook per batch; most callbacks implement none of
the batch hooks, so the list works out once which callbacks override each hook
and calls only those.
"""
from ceras.callbacks.callback import Callback
from ceras.callbacks.history import History
from ceras.callbacks.progbar_logger import ProgbarLogger

_HOOKS = (
    "on_epoch_begin", "on_epoch_end", "on_train_batch_begin", "on_train_batch_end",
    "on_test_batch_begin", "on_test_batch_end", "on_predict_batch_begin",
    "on_predict_batch_end", "on_train_begin", "on_train_end", "on_test_begin", "on_test_end",
    "on_predict_begin", "on_predict_end",
)
# A hook that, in the base class, only forwards to a Keras 2 alias.
_ALIASES = {"on_train_batch_begin": "on_batch_begin", "on_train_batch_end": "on_batch_end"}


def _overrides(callback, hook):
    cls = type(callback)
    if getattr(cls, hook, None) is not getattr(Callback, hook) or hook in vars(callback):
        return True
    alias = _ALIASES.get(hook)
    return alias is not None and (getattr(cls, alias) is not getattr(Callback, alias)
                                  or alias in vars(callback))


class CallbackList(Callback):
    """A container of callbacks, called together.

    Args:
        callbacks: list of Callback instances.
        add_history: append a ``History`` when none is given.
        add_progbar: append a ``ProgbarLogger`` when none is given.
        model: the model the callbacks act on.
        **params: passed to every callback's ``set_params`` (verbose, epochs, steps).
    """

    def __init__(self, callbacks=None, add_history=False, add_progbar=False, model=None,
                 **params):
        super().__init__()
        if callbacks is not None and not isinstance(callbacks, (list, tuple)):
            callbacks = [callbacks]
        self.callbacks = list(callbacks or [])
        for cb in self.callbacks:
            if not isinstance(cb, Callback):
                raise TypeError(
                    "`callbacks` must be a list of ceras.callbacks.Callback instances; "
                    f"received {cb!r} of type {type(cb).__name__}")
        self._history = next((cb for cb in self.callbacks if isinstance(cb, History)), None)
        self._progbar = next((cb for cb in self.callbacks if isinstance(cb, ProgbarLogger)),
                             None)
        if self._history is None and add_history:
            self._history = History()
            self.callbacks.append(self._history)
        if self._progbar is None and add_progbar:
            self._progbar = ProgbarLogger()
            self.callbacks.append(self._progbar)
        self._dispatch()
        if model is not None:
            self.set_model(model)
        if params:
            self.set_params(params)

    def _dispatch(self):
        self._by_hook = {hook: [getattr(cb, hook) for cb in self.callbacks
                                if _overrides(cb, hook)] for hook in _HOOKS}
        for hook in _HOOKS:
            # An instance attribute shadows the generic method: the call is one loop.
            setattr(self, f"_{hook}", self._by_hook[hook])

    def append(self, callback):
        self.callbacks.append(callback)
        self._dispatch()

    def set_params(self, params):
        self.params = params
        for cb in self.callbacks:
            cb.set_params(params)

    def set_model(self, model):
        self._model = model
        if self._history is not None:
            model.history = self._history
        for cb in self.callbacks:
            cb.set_model(model)

    def has_hook(self, hook):
        """Whether any callback implements ``hook`` (e.g. "on_train_batch_end")."""
        return bool(self._by_hook[hook])

    def __iter__(self):
        return iter(self.callbacks)

    def on_epoch_begin(self, epoch, logs=None):
        for fn in self._on_epoch_begin:
            fn(epoch, logs)

    def on_epoch_end(self, epoch, logs=None):
        for fn in self._on_epoch_end:
            fn(epoch, logs)

    def on_train_batch_begin(self, batch, logs=None):
        for fn in self._on_train_batch_begin:
            fn(batch, logs)

    def on_train_batch_end(self, batch, logs=None):
        for fn in self._on_train_batch_end:
            fn(batch, logs)

    def on_test_batch_begin(self, batch, logs=None):
        for fn in self._on_test_batch_begin:
            fn(batch, logs)

    def on_test_batch_end(self, batch, logs=None):
        for fn in self._on_test_batch_end:
            fn(batch, logs)

    def on_predict_batch_begin(self, batch, logs=None):
        for fn in self._on_predict_batch_begin:
            fn(batch, logs)

    def on_predict_batch_end(self, batch, logs=None):
        for fn in self._on_predict_batch_end:
            fn(batch, logs)

    def on_train_begin(self, logs=None):
        for fn in self._on_train_begin:
            fn(logs)

    def on_train_end(self, logs=None):
        for fn in self._on_train_end:
            fn(logs)

    def on_test_begin(self, logs=None):
        for fn in self._on_test_begin:
            fn(logs)

    def on_test_end(self, logs=None):
        for fn in self._on_test_end:
            fn(logs)

    def on_predict_begin(self, logs=None):
        for fn in self._on_predict_begin:
            fn(logs)

    def on_predict_end(self, logs=None):
        for fn in self._on_predict_end:
            fn(logs)
