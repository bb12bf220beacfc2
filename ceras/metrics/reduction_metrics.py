"""Sum, Mean and MeanMetricWrapper: running (weighted) sums and means on the device."""
import math

from ceras import ops
from ceras.losses.loss import apply_mask, squeeze_or_expand_to_same_rank
from ceras.losses.serialization import deserialize_object, serialize_object
from ceras.metrics.metric import Metric


def reduce_to_samplewise_values(values, sample_weight, reduce_fn, dtype):
    """Weight ``values`` and reduce them to one value per sample (axis 0).

    Axes of ``values`` beyond those of ``sample_weight`` are reduced with
    ``reduce_fn`` first; returns ``(values, sample_weight)`` with the weight
    reduced the same way (None when no weight was given).
    """
    mask = getattr(values, "_keras_mask", None)
    values = ops.cast(values, dtype)
    if sample_weight is not None:
        sample_weight = ops.convert_to_tensor(sample_weight, dtype=dtype)
        if mask is not None:
            sample_weight = apply_mask(sample_weight, mask, dtype=dtype, reduction="sum")
        values, sample_weight = squeeze_or_expand_to_same_rank(values, sample_weight)
        weight_ndim, values_ndim = len(sample_weight.shape), len(values.shape)
        if values_ndim > weight_ndim:
            values = reduce_fn(values, axis=tuple(range(weight_ndim, values_ndim)))
        sample_weight = ops.broadcast_to(sample_weight, ops.shape(values))
        values = values * sample_weight
        if weight_ndim > 1:
            sample_weight = reduce_fn(sample_weight, axis=tuple(range(1, weight_ndim)))
    if len(values.shape) > 1:
        values = reduce_fn(values, axis=tuple(range(1, len(values.shape))))
    return values, sample_weight


class Sum(Metric):
    """Running (weighted) sum of the values given to ``update_state``.

    Example:

    >>> m = Sum()
    >>> m.update_state([1, 3, 5, 7])
    >>> float(m.result())
    16.0
    """

    def __init__(self, name="sum", dtype=None):
        super().__init__(name=name, dtype=dtype)
        self.total = self.add_variable(shape=(), initializer="zeros", dtype=self.dtype,
                                       name="total")

    def update_state(self, values, sample_weight=None):
        if sample_weight is None and getattr(values, "_keras_mask", None) is None:
            self.total.assign_add(ops.sum(ops.cast(values, self._dtype)))
            return
        values, _ = reduce_to_samplewise_values(values, sample_weight, ops.sum, self._dtype)
        self.total.assign_add(ops.sum(values))

    def result(self):
        # A copy: the result must not change when later batches update `total` in place.
        return ops.copy(ops.cast(self.total.value, self._dtype))


class Mean(Metric):
    """Running (weighted) mean: per-sample values (averaged over all but the first
    axis) summed into ``total``, their number (or weight) into ``count``.

    Example:

    >>> m = Mean()
    >>> m.update_state([1, 3, 5, 7], sample_weight=[1, 1, 0, 0])
    >>> float(m.result())
    2.0
    """

    def __init__(self, name="mean", dtype=None):
        super().__init__(name=name, dtype=dtype)
        self.total = self.add_variable(shape=(), initializer="zeros", dtype=self.dtype,
                                       name="total")
        self.count = self.add_variable(shape=(), initializer="zeros", dtype=self.dtype,
                                       name="count")

    def update_state(self, values, sample_weight=None):
        if sample_weight is None:
            self._update_unweighted(values)
            return
        values, sample_weight = reduce_to_samplewise_values(values, sample_weight, ops.mean,
                                                            self._dtype)
        self.total.assign_add(ops.sum(values))
        self.count.assign_add(ops.sum(sample_weight))

    def _update_unweighted(self, values):
        # The per-batch fast path: one sum and two in-place adds. Averaging over the
        # non-batch axes then summing equals the sum divided by their size.
        values = ops.cast(values, self._dtype)
        shape = tuple(values.shape)
        if not shape:
            self.total.assign_add(values)
            self.count.assign(self.count.value + 1)
            return
        per_sample = math.prod(shape[1:])
        total = ops.sum(values)
        if per_sample != 1:
            total = total / per_sample
        self.total.assign_add(total)
        self.count.assign(self.count.value + shape[0])

    def result(self):
        return ops.divide_no_nan(self.total.value, ops.cast(self.count.value, self._dtype))


class MeanMetricWrapper(Mean):
    """The running mean of ``fn(y_true, y_pred, **kwargs)`` (per-sample values).

    Args:
        fn: the metric function, e.g. ``ceras.metrics.binary_accuracy``.
        name, dtype: as for ``Metric``.
        **kwargs: passed to ``fn`` on every update (and saved in the config).

    Example:

    >>> m = MeanMetricWrapper(mean_squared_error)
    >>> m.update_state([[0., 1.]], [[1., 1.]])
    """

    def __init__(self, fn, name=None, dtype=None, **kwargs):
        super().__init__(name=name, dtype=dtype)
        self._fn = fn
        self._fn_kwargs = kwargs

    def update_state(self, y_true, y_pred, sample_weight=None):
        mask = getattr(y_pred, "_keras_mask", None)
        values = self._fn(y_true, y_pred, **self._fn_kwargs)
        if mask is not None:
            sample_weight = apply_mask(sample_weight, mask, dtype=self._dtype,
                                       reduction="sum")
        if sample_weight is None:
            self._update_unweighted(values)
        else:
            Mean.update_state(self, values, sample_weight=sample_weight)

    def get_config(self):
        config = {"name": self.name, "dtype": self.dtype, "fn": serialize_object(self._fn)}
        config.update(serialize_object(self._fn_kwargs))
        return config

    @classmethod
    def from_config(cls, config):
        config = dict(config)
        if isinstance(config.get("fn"), (dict, str)):
            config["fn"] = deserialize_object(config["fn"], "metric")
        return cls(**config)

