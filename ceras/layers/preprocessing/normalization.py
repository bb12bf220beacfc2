"""Normalization: shift and scale features to zero mean and unit variance."""
import numpy as np

from ceras import backend, ops
from ceras.layers.layer import Layer
from ceras.layers.preprocessing.adapt_data import iterate_batches


class Normalization(Layer):
    """Normalizes inputs feature-wise: ``(x - mean) / sqrt(variance)``.

    The mean and variance come from the constructor, or are learned from data
    with ``adapt()`` (then they are saved as the non-trainable weights ``mean``,
    ``variance`` and ``count``).

    Args:
        axis: int, tuple of ints or None (default -1): the axes that keep
            their own statistics; the others are reduced over. None means one
            mean and variance for the whole input.
        mean: optional mean, broadcastable to the kept axes. Requires `variance`.
        variance: optional variance, broadcastable to the kept axes.
        invert: if True, undo a normalization: ``mean + x * sqrt(variance)``.

    Example:
        >>> layer = Normalization()
        >>> layer.adapt(np.array([[0.0, 10.0], [2.0, 30.0]]))
        >>> layer(np.array([[1.0, 20.0]]))  # [[0.0, 0.0]]
    """

    def __init__(self, axis=-1, mean=None, variance=None, invert=False, **kwargs):
        super().__init__(**kwargs)
        if axis is None:
            axis = ()
        elif isinstance(axis, int) and not isinstance(axis, bool):
            axis = (axis,)
        elif isinstance(axis, (list, tuple)) and all(
                isinstance(a, int) and not isinstance(a, bool) for a in axis):
            axis = tuple(axis)
        else:
            raise TypeError(
                f'Layer "{self.name}" expects axis to be an int, a tuple of ints or None, '
                f"received axis={axis!r}")
        if (mean is None) != (variance is None):
            raise ValueError(
                f'Layer "{self.name}": when setting values directly, both `mean` and '
                f"`variance` must be set, received mean={mean!r} and variance={variance!r}")
        self.axis = axis
        self.input_mean = mean
        self.input_variance = variance
        self.invert = invert
        self.supports_masking = True

    def build(self, input_shape):
        if input_shape is None:
            raise ValueError(f'Layer "{self.name}" needs an input shape to build, received None')
        ndim = len(input_shape)
        for d in self.axis:
            if not -ndim <= d < ndim:
                raise ValueError(
                    f'Layer "{self.name}" expects every axis in [-{ndim}, {ndim}) for inputs of '
                    f"rank {ndim}, received axis={self.axis} for input shape "
                    f"{tuple(input_shape)}")
        keep = sorted(d % ndim for d in self.axis)
        for d in keep:
            if input_shape[d] is None:
                raise ValueError(
                    f'Layer "{self.name}" needs a known size on every kept axis {tuple(keep)}, '
                    f"received input shape {tuple(input_shape)}")
        self._keep_axis = keep
        self._reduce_axis = tuple(d for d in range(ndim) if d not in keep)
        self._stat_shape = tuple(input_shape[d] for d in keep)
        self._broadcast_shape = tuple(input_shape[d] if d in keep else 1 for d in range(ndim))
        self._build_input_shape = tuple(input_shape)
        if self.input_mean is None:
            self.adapt_mean = self.add_weight(name="mean", shape=self._stat_shape,
                                              initializer="zeros", trainable=False)
            self.adapt_variance = self.add_weight(name="variance", shape=self._stat_shape,
                                                  initializer="ones", trainable=False)
            self.count = self.add_weight(name="count", shape=(), dtype="int32",
                                         initializer="zeros", trainable=False)
            self._fixed_stats = None
        else:
            mean = ops.broadcast_to(ops.convert_to_tensor(self.input_mean, self.compute_dtype),
                                    self._stat_shape)
            variance = ops.broadcast_to(
                ops.convert_to_tensor(self.input_variance, self.compute_dtype), self._stat_shape)
            self._fixed_stats = (ops.reshape(mean, self._broadcast_shape),
                                 ops.reshape(variance, self._broadcast_shape))

    @property
    def mean(self):
        return self._statistics()[0] if self.built else None

    @property
    def variance(self):
        return self._statistics()[1] if self.built else None

    def _statistics(self):
        if self._fixed_stats is not None:
            return self._fixed_stats
        return (ops.reshape(self.adapt_mean.value, self._broadcast_shape),
                ops.reshape(self.adapt_variance.value, self._broadcast_shape))

    def adapt(self, data, batch_size=None, steps=None):
        """Compute the mean and variance of ``data`` (an array, list, tensor or an
        iterable of batches) over the reduced axes, replacing earlier ones."""
        if self.input_mean is not None:
            raise ValueError(
                f'Layer "{self.name}" was given `mean` and `variance` in its constructor, so it '
                "cannot be adapted; create it without them to learn them from data")
        total = mean = m2 = None
        for batch in iterate_batches(data, self.name, batch_size, steps):
            batch = batch.astype(np.float64)
            if not self.built:
                self.build(batch.shape)
            elif any(batch.shape[d] != self._build_input_shape[d] for d in self._keep_axis) \
                    or batch.ndim != len(self._build_input_shape):
                raise ValueError(
                    f'Layer "{self.name}" was built for input shape {self._build_input_shape}; '
                    f"adapt() received data of incompatible shape {batch.shape}")
            n = int(np.prod([batch.shape[d] for d in self._reduce_axis]))
            if n == 0:
                continue
            b_mean = batch.mean(axis=self._reduce_axis)
            b_m2 = batch.var(axis=self._reduce_axis) * n
            if total is None:
                total, mean, m2 = n, b_mean, b_m2
            else:  # Chan et al.'s parallel combination of moments
                delta = b_mean - mean
                new_total = total + n
                mean = mean + delta * n / new_total
                m2 = m2 + b_m2 + delta ** 2 * total * n / new_total
                total = new_total
        if total is None:
            raise ValueError(f'Layer "{self.name}" adapt() received no data')
        self.adapt_mean.assign(np.asarray(mean, dtype=self.adapt_mean.dtype))
        self.adapt_variance.assign(np.asarray(m2 / total, dtype=self.adapt_variance.dtype))

    def call(self, inputs):
        inputs = ops.convert_to_tensor(inputs)
        if inputs.dtype != self._compute_backend_dtype:
            inputs = ops.cast(inputs, self.compute_dtype)
        mean, variance = self._statistics()
        # Keras floors the standard deviation at epsilon, it does not add it.
        std = ops.maximum(ops.sqrt(variance), backend.epsilon())
        if self.invert:
            return mean + inputs * std
        return (inputs - mean) / std

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        config = super().get_config()
        config.update({
            "axis": self.axis,
            "invert": self.invert,
            "mean": _plain(self.input_mean),
            "variance": _plain(self.input_variance),
        })
        return config


def _plain(value):
    if isinstance(value, np.ndarray):
        return value.tolist()
    if backend.is_tensor(value):
        return backend.convert_to_numpy(value).tolist()
    return value
