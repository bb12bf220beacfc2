"""LossFunctionWrapper: a Loss made from a function ``fn(y_true, y_pred, **kwargs)``."""
from ceras.losses.loss import Loss, squeeze_or_expand_to_same_rank
from ceras.losses.serialization import deserialize_object, serialize_object


class LossFunctionWrapper(Loss):
    """Wrap ``fn(y_true, y_pred, **kwargs)`` (per-sample losses) as a Loss.

    Args:
        fn: the loss function.
        reduction, name, dtype: as for ``Loss``.
        **kwargs: passed to ``fn`` on every call (and saved in the config).

    Example:

    >>> loss = LossFunctionWrapper(huber, delta=2.0)
    """

    _keras_private_path = ("keras.src.losses.losses", "LossFunctionWrapper")

    def __init__(self, fn, reduction="sum_over_batch_size", name=None, dtype=None,
                 **kwargs):
        super().__init__(name=name, reduction=reduction, dtype=dtype)
        self.fn = fn
        self._fn_kwargs = kwargs

    def call(self, y_true, y_pred):
        if hasattr(y_true, "shape") and hasattr(y_pred, "shape"):
            y_true, y_pred = squeeze_or_expand_to_same_rank(y_true, y_pred)
        return self.fn(y_true, y_pred, **self._fn_kwargs)

    def get_config(self):
        config = super().get_config()
        config["fn"] = serialize_object(self.fn)
        config.update(serialize_object(self._fn_kwargs))
        return config

    @classmethod
    def from_config(cls, config):
        config = dict(config)
        if isinstance(config.get("fn"), (dict, str)):
            config["fn"] = deserialize_object(config["fn"], "loss")
        return cls(**config)

    def __repr__(self):
        return f"<LossFunctionWrapper({self.fn}, kwargs={self._fn_kwargs})>"
