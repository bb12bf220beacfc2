"""GroupNormalization: normalize groups of channels within each sample."""
from ceras import constraints, initializers, ops, regularizers
from ceras.layers.input_spec import InputSpec
from ceras.layers.layer import Layer


class GroupNormalization(Layer):
    """Splits the channels (``axis``) into ``groups`` and normalizes each group of
    each sample over its channels and all other non-batch axes; then applies the
    per-channel ``gamma`` and ``beta``. ``groups=1`` is layer normalization over all
    axes, ``groups=-1`` (one channel per group) is instance normalization.

    Args:
        groups: positive int dividing the channel count, or -1 (default 32).
        axis: the channel axis (default -1).
        epsilon: added to the variance (default 1e-3).
        center, scale, beta/gamma initializers, regularizers, constraints: as in
            LayerNormalization.

    Example:
        >>> GroupNormalization(groups=2)(np.ones((2, 5, 4))).shape
        (2, 5, 4)
    """

    def __init__(self, groups=32, axis=-1, epsilon=1e-3, center=True, scale=True,
                 beta_initializer="zeros", gamma_initializer="ones", beta_regularizer=None,
                 gamma_regularizer=None, beta_constraint=None, gamma_constraint=None,
                 **kwargs):
        super().__init__(**kwargs)
        if not isinstance(groups, int) or isinstance(groups, bool) or \
                (groups <= 0 and groups != -1):
            raise ValueError(
                f'Layer "{self.name}" expects `groups` to be a positive integer (or -1 for '
                f"instance normalization), received groups={groups!r}"
            )
        self.groups = groups
        self.axis = axis
        self.epsilon = epsilon
        self.center = center
        self.scale = scale
        self.beta_initializer = initializers.get(beta_initializer)
        self.gamma_initializer = initializers.get(gamma_initializer)
        self.beta_regularizer = regularizers.get(beta_regularizer)
        self.gamma_regularizer = regularizers.get(gamma_regularizer)
        self.beta_constraint = constraints.get(beta_constraint)
        self.gamma_constraint = constraints.get(gamma_constraint)
        self.supports_masking = True
        self.gamma = self.beta = None

    def build(self, input_shape):
        rank = len(input_shape)
        if not -rank <= self.axis < rank:
            raise ValueError(
                f'Layer "{self.name}" expects `axis` in [{-rank}, {rank}), received '
                f"axis={self.axis} for input shape {tuple(input_shape)}"
            )
        axis = self.axis % rank
        channels = input_shape[axis]
        if channels is None:
            raise ValueError(
                f'Layer "{self.name}" needs a known channel size on axis {self.axis}, '
                f"received input shape {tuple(input_shape)}"
            )
        groups = channels if self.groups == -1 else self.groups
        if groups > channels or channels % groups:
            raise ValueError(
                f'Layer "{self.name}" expects the channel count to be a multiple of '
                f"groups={self.groups} (and at least as large), received {channels} channels "
                f"in input shape {tuple(input_shape)}"
            )
        self._axis, self._groups = axis, groups
        if self.scale:
            self.gamma = self.add_weight(
                name="gamma", shape=(channels,), initializer=self.gamma_initializer,
                regularizer=self.gamma_regularizer, constraint=self.gamma_constraint)
        if self.center:
            self.beta = self.add_weight(
                name="beta", shape=(channels,), initializer=self.beta_initializer,
                regularizer=self.beta_regularizer, constraint=self.beta_constraint)
        self.input_spec = InputSpec(ndim=rank, axes={self.axis: channels})

    def call(self, inputs):
        shape = ops.shape(inputs)
        axis, groups = self._axis, self._groups
        channels = shape[axis]
        grouped = ops.reshape(inputs, tuple(shape[:axis]) + (groups, channels // groups) +
                              tuple(shape[axis + 1:]))
        # Statistics over everything but the batch and the group axes.
        reduce = tuple(a for a in range(1, len(shape) + 1) if a != axis)
        mean, variance = ops.moments(grouped, axes=reduce, keepdims=True)
        normalized = ops.multiply(ops.subtract(grouped, mean),
                                  ops.rsqrt(ops.add(variance, self.epsilon)))
        outputs = ops.reshape(normalized, shape)
        param_shape = [1] * len(shape)
        param_shape[axis] = channels
        if self.gamma is not None:
            outputs = ops.multiply(outputs, ops.reshape(self.gamma.value, param_shape))
        if self.beta is not None:
            outputs = ops.add(outputs, ops.reshape(self.beta.value, param_shape))
        return outputs

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        config = super().get_config()
        config.update({
            "groups": self.groups,
            "axis": self.axis,
            "epsilon": self.epsilon,
            "center": self.center,
            "scale": self.scale,
            "beta_initializer": initializers.serialize(self.beta_initializer),
            "gamma_initializer": initializers.serialize(self.gamma_initializer),
            "beta_regularizer": regularizers.serialize(self.beta_regularizer),
            "gamma_regularizer": regularizers.serialize(self.gamma_regularizer),
            "beta_constraint": constraints.serialize(self.beta_constraint),
            "gamma_constraint": constraints.serialize(self.gamma_constraint),
        })
        return config
