"""BatchNormalization: normalize with batch statistics while training, moving ones after."""
from ceras import backend, constraints, initializers, ops, regularizers
from ceras.layers.input_spec import InputSpec
from ceras.layers.layer import Layer


class BatchNormalization(Layer):
    """Normalizes each feature (along ``axis``) to zero mean and unit variance, then
    scales by ``gamma`` and shifts by ``beta``.

    In training (``training=True`` and the layer trainable) it uses the batch mean and
    the biased batch variance, and updates the moving statistics:
    ``moving = moving * momentum + batch * (1 - momentum)``. Otherwise (inference, or
    ``trainable=False``, which freezes the layer as in Keras) it uses the moving
    statistics. With a mask, only unmasked entries count toward the batch statistics.

    Args:
        axis: int, the feature axis (default -1; 1 for channels_first images).
        momentum: of the moving averages (default 0.99).
        epsilon: added to the variance (default 1e-3).
        center: learn ``beta`` (default True). scale: learn ``gamma`` (default True).
        beta_initializer ("zeros"), gamma_initializer ("ones"),
            moving_mean_initializer ("zeros"), moving_variance_initializer ("ones").
        beta/gamma regularizers and constraints: optional.
        renorm, renorm_clipping, renorm_momentum: batch renormalization, with
            ``renorm_clipping`` a dict of optional "rmax", "rmin", "dmax" (see below).
        synchronized: accepted for API compatibility; on one device it changes nothing.

    With ``renorm=True``, training normalizes with the batch statistics corrected by
    ``r = clip(batch_std / renorm_std, rmin, rmax)`` and
    ``d = clip((batch_mean - renorm_mean) / renorm_std, -dmax, dmax)``, treated as
    constants, where renorm_mean / renorm_std are moving averages with
    ``renorm_momentum``.

    Example:
        >>> bn = BatchNormalization()
        >>> bn(np.random.normal(size=(32, 4)), training=True).shape
        (32, 4)
    """

    def __init__(self, axis=-1, momentum=0.99, epsilon=1e-3, center=True, scale=True,
                 beta_initializer="zeros", gamma_initializer="ones",
                 moving_mean_initializer="zeros", moving_variance_initializer="ones",
                 beta_regularizer=None, gamma_regularizer=None, beta_constraint=None,
                 gamma_constraint=None, renorm=False, renorm_clipping=None,
                 renorm_momentum=0.99, synchronized=False, **kwargs):
        super().__init__(**kwargs)
        if not isinstance(axis, int) or isinstance(axis, bool):
            raise ValueError(
                f'Layer "{self.name}" expects `axis` to be an int, received axis={axis!r}'
            )
        self.axis = axis
        self.momentum = float(momentum)
        self.epsilon = float(epsilon)
        self.center = center
        self.scale = scale
        self.beta_initializer = initializers.get(beta_initializer)
        self.gamma_initializer = initializers.get(gamma_initializer)
        self.moving_mean_initializer = initializers.get(moving_mean_initializer)
        self.moving_variance_initializer = initializers.get(moving_variance_initializer)
        self.beta_regularizer = regularizers.get(beta_regularizer)
        self.gamma_regularizer = regularizers.get(gamma_regularizer)
        self.beta_constraint = constraints.get(beta_constraint)
        self.gamma_constraint = constraints.get(gamma_constraint)
        self.renorm = renorm
        clipping = dict(renorm_clipping or {})
        unknown = set(clipping) - {"rmax", "rmin", "dmax"}
        if unknown:
            raise ValueError(
                f'Layer "{self.name}" expects `renorm_clipping` keys among "rmax", "rmin", '
                f'"dmax", received renorm_clipping={renorm_clipping!r}'
            )
        # Keras reports {} rather than None once renorm is on.
        self.renorm_clipping = clipping if renorm else renorm_clipping
        self._clipping = clipping
        self.renorm_momentum = float(renorm_momentum)
        self.synchronized = synchronized
        self.supports_masking = True
        self.gamma = self.beta = None

    def build(self, input_shape):
        rank = len(input_shape)
        if not -rank <= self.axis < rank:
            raise ValueError(
                f'Layer "{self.name}" expects `axis` in [{-rank}, {rank}) for inputs of rank '
                f"{rank}, received axis={self.axis} and input shape {tuple(input_shape)}"
            )
        axis = self.axis % rank
        dim = input_shape[axis]
        if dim is None:
            raise ValueError(
                f'Layer "{self.name}" needs a known size on axis {self.axis}, received input '
                f"shape {tuple(input_shape)}"
            )
        shape = (dim,)
        if self.scale:
            self.gamma = self.add_weight(
                name="gamma", shape=shape, initializer=self.gamma_initializer,
                regularizer=self.gamma_regularizer, constraint=self.gamma_constraint)
        if self.center:
            self.beta = self.add_weight(
                name="beta", shape=shape, initializer=self.beta_initializer,
                regularizer=self.beta_regularizer, constraint=self.beta_constraint)
        self.moving_mean = self.add_weight(
            name="moving_mean", shape=shape, initializer=self.moving_mean_initializer,
            trainable=False, autocast=False)
        self.moving_variance = self.add_weight(
            name="moving_variance", shape=shape, initializer=self.moving_variance_initializer,
            trainable=False, autocast=False)
        if self.renorm:
            self.moving_stddev = self.add_weight(
                name="moving_stddev", shape=shape, initializer="ones", trainable=False,
                autocast=False)
            self.renorm_mean = self.add_weight(
                name="renorm_mean", shape=shape, initializer="zeros", trainable=False,
                autocast=False)
            self.renorm_stddev = self.add_weight(
                name="renorm_stddev", shape=shape, initializer="ones", trainable=False,
                autocast=False)
        self._axis = axis
        self._reduction_axes = tuple(a for a in range(rank) if a != axis)
        self.input_spec = InputSpec(ndim=rank, axes={self.axis: dim})

    def call(self, inputs, training=None, mask=None):
        dtype = inputs.dtype
        low_precision = ops.dtype(inputs) in ("float16", "bfloat16")
        if low_precision:  # statistics in float32, as Keras does
            inputs = ops.cast(inputs, "float32")
        gamma = None if self.gamma is None else self.gamma.value
        beta = None if self.beta is None else self.beta.value
        if training and self.trainable:
            mean, variance = self._moments(inputs, mask)
            if self.renorm:
                gamma, beta = self._renorm_transform(mean, variance, gamma, beta)
            self._update_moving_statistics(mean, variance)
            outputs = self._normalize_with_batch_statistics(inputs, mean, variance, gamma, beta)
        else:
            outputs = ops.batch_normalization(
                inputs, self.moving_mean.value, self.moving_variance.value, axis=self._axis,
                offset=beta, scale=gamma, epsilon=self.epsilon)
        return ops.cast(outputs, dtype) if low_precision else outputs

    def _normalize_with_batch_statistics(self, inputs, mean, variance, gamma, beta):
        # Written out rather than ops.batch_normalization: the gradient must flow through
        # the batch mean and variance.
        rank = len(inputs.shape)
        inv = ops.rsqrt(ops.add(variance, self.epsilon))
        if gamma is not None:
            inv = ops.multiply(inv, gamma)
        shift = ops.negative(ops.multiply(mean, inv))
        if beta is not None:
            shift = ops.add(shift, beta)
        return ops.add(ops.multiply(inputs, _expand(inv, self._axis, rank)),
                       _expand(shift, self._axis, rank))

    def _moments(self, inputs, mask):
        if mask is None:
            return ops.moments(inputs, axes=self._reduction_axes,
                               synchronized=self.synchronized)
        weights = ops.cast(mask, inputs.dtype)
        while len(weights.shape) < len(inputs.shape):
            weights = ops.expand_dims(weights, -1)
        count = ops.add(ops.sum(weights, axis=self._reduction_axes), backend.epsilon())
        mean = ops.divide(ops.sum(ops.multiply(inputs, weights), axis=self._reduction_axes),
                          count)
        centered = ops.subtract(inputs, _expand(mean, self._axis, len(inputs.shape)))
        variance = ops.divide(
            ops.sum(ops.multiply(ops.square(centered), weights), axis=self._reduction_axes),
            count)
        return mean, variance

    def _update_moving_statistics(self, mean, variance):
        m = self.momentum
        if self.renorm:
            # The moving variance is kept through a moving standard deviation.
            stddev = ops.sqrt(ops.add(variance, self.epsilon))
            moving_stddev = ops.add(ops.multiply(self.moving_stddev.value, m),
                                    ops.multiply(stddev, 1.0 - m))
            self.moving_stddev.assign(moving_stddev)
            self.moving_variance.assign(
                ops.relu(ops.subtract(ops.square(moving_stddev), self.epsilon)))
        else:
            self.moving_variance.assign(ops.add(ops.multiply(self.moving_variance.value, m),
                                                ops.multiply(variance, 1.0 - m)))
        self.moving_mean.assign(ops.add(ops.multiply(self.moving_mean.value, m),
                                        ops.multiply(mean, 1.0 - m)))

    def _renorm_transform(self, mean, variance, gamma, beta):
        """gamma and beta with the renorm correction (r, d) folded in, and the renorm
        moving averages updated."""
        stddev = ops.sqrt(ops.add(variance, self.epsilon))
        renorm_stddev = ops.maximum(self.renorm_stddev.value, self.epsilon ** 0.5)
        r = ops.stop_gradient(ops.divide(stddev, renorm_stddev))
        d = ops.stop_gradient(ops.divide(ops.subtract(mean, self.renorm_mean.value),
                                         renorm_stddev))
        clip = self._clipping
        if clip.get("rmin") is not None:
            r = ops.maximum(r, clip["rmin"])
        if clip.get("rmax") is not None:
            r = ops.minimum(r, clip["rmax"])
        if clip.get("dmax") is not None:
            d = ops.clip(d, -clip["dmax"], clip["dmax"])
        m = self.renorm_momentum
        self.renorm_mean.assign(ops.add(ops.multiply(self.renorm_mean.value, m),
                                        ops.multiply(mean, 1.0 - m)))
        self.renorm_stddev.assign(ops.add(ops.multiply(self.renorm_stddev.value, m),
                                          ops.multiply(stddev, 1.0 - m)))
        # (x_hat * r + d) * gamma + beta = x_hat * (r * gamma) + (d * gamma + beta)
        gamma_r = r if gamma is None else ops.multiply(r, gamma)
        shift = d if gamma is None else ops.multiply(d, gamma)
        return gamma_r, shift if beta is None else ops.add(shift, beta)

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        config = super().get_config()
        config.update({
            "axis": self.axis,
            "momentum": self.momentum,
            "epsilon": self.epsilon,
            "center": self.center,
            "scale": self.scale,
            "beta_initializer": initializers.serialize(self.beta_initializer),
            "gamma_initializer": initializers.serialize(self.gamma_initializer),
            "moving_mean_initializer": initializers.serialize(self.moving_mean_initializer),
            "moving_variance_initializer":
                initializers.serialize(self.moving_variance_initializer),
            "beta_regularizer": regularizers.serialize(self.beta_regularizer),
            "gamma_regularizer": regularizers.serialize(self.gamma_regularizer),
            "beta_constraint": constraints.serialize(self.beta_constraint),
            "gamma_constraint": constraints.serialize(self.gamma_constraint),
            "synchronized": self.synchronized,
            "renorm": self.renorm,
            "renorm_clipping": self.renorm_clipping,
            "renorm_momentum": self.renorm_momentum,
        })
        return config


def _expand(vector, axis, rank):
    """A (C,) vector shaped to broadcast along ``axis`` of a rank-``rank`` tensor."""
    shape = [1] * rank
    shape[axis] = -1
    return ops.reshape(vector, shape)

