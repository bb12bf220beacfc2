"""LambdaCallback: a callback made of plain functions."""
from ceras.callbacks.callback import Callback


class LambdaCallback(Callback):
    """A callback whose hooks are the functions given.

    Args:
        on_epoch_begin, on_epoch_end: ``fn(epoch, logs)``.
        on_train_begin, on_train_end: ``fn(logs)``.
        on_train_batch_begin, on_train_batch_end: ``fn(batch, logs)``.
        **kwargs: any other hook by name (``on_test_begin``, ``on_predict_batch_end``...).

    Example:
        >>> LambdaCallback(on_epoch_end=lambda epoch, logs: print(epoch, logs["loss"]))
    """

    def __init__(self, on_epoch_begin=None, on_epoch_end=None, on_train_begin=None,
                 on_train_end=None, on_train_batch_begin=None, on_train_batch_end=None,
                 **kwargs):
        super().__init__()
        hooks = dict(kwargs)
        hooks.update({"on_epoch_begin": on_epoch_begin, "on_epoch_end": on_epoch_end,
                      "on_train_begin": on_train_begin, "on_train_end": on_train_end,
                      "on_train_batch_begin": on_train_batch_begin,
                      "on_train_batch_end": on_train_batch_end})
        for name, fn in hooks.items():
            if fn is None:
                continue
            if not name.startswith("on_") or not hasattr(Callback, name):
                raise ValueError(
                    f"LambdaCallback received an unknown hook {name!r}; hooks are the "
                    "Callback methods named on_*.")
            setattr(self, name, fn)
