"""LayerNormalization: normalize each sample over its feature axes."""
from ceras import constraints, initializers, ops, regularizers
from ceras.layers.layer import Layer


def standardize_axes(axis, input_shape, layer):
    """``axis`` (int or list of ints) as a sorted tuple of non-negative axes."""
    rank = len(input_shape)
    axes = (axis,) if isinstance(axis, int) else tuple(axis)
    if not axes or any(not isinstance(a, int) or not -rank <= a < rank for a in axes):
        raise ValueError(
            f'Layer "{layer}" expects `axis` to be an int or a list of ints in '
            f"[{-rank}, {rank}), received axis={axis!r} for input shape {tuple(input_shape)}"
        )
    axes = tuple(sorted(a % rank for a in axes))
    if any(input_shape[a] is None for a in axes):
        raise ValueError(
            f'Layer "{layer}" needs known sizes on axis={axis!r}, received input shape '
            f"{tuple(input_shape)}"
        )
    return axes


class LayerNormalization(Layer):
    """Normalizes each sample to zero mean and unit variance over ``axis``, then scales
    by ``gamma`` and shifts by ``beta`` (both shaped like the normalized axes).

    Args:
        axis: int or list of ints (default -1).
        epsilon: added to the variance (default 1e-3).
        center: learn ``beta`` (default True). scale: learn ``gamma`` (default True).
        rms_scaling: divide by the standard deviation without subtracting the mean and
            without ``beta`` (keyword only, as in Keras).
        beta/gamma initializers ("zeros"/"ones"), regularizers and constraints.

    Example:
        >>> LayerNormalization()(np.array([[1.0, 2.0, 3.0]]))  # about [[-1.22, 0, 1.22]]
    """

    def __init__(self, axis=-1, epsilon=1e-3, center=True, scale=True,
                 beta_initializer="zeros", gamma_initializer="ones", beta_regularizer=None,
                 gamma_regularizer=None, beta_constraint=None, gamma_constraint=None,
                 **kwargs):
        rms_scaling = kwargs.pop("rms_scaling", False)
        super().__init__(**kwargs)
        self.axis = list(axis) if isinstance(axis, (list, tuple)) else axis
        self.epsilon = epsilon
        self.center = center
        self.scale = scale
        self.rms_scaling = rms_scaling
        self.beta_initializer = initializers.get(beta_initializer)
        self.gamma_initializer = initializers.get(gamma_initializer)
        self.beta_regularizer = regularizers.get(beta_regularizer)
        self.gamma_regularizer = regularizers.get(gamma_regularizer)
        self.beta_constraint = constraints.get(beta_constraint)
        self.gamma_constraint = constraints.get(gamma_constraint)
        self.supports_masking = True
        self.gamma = self.beta = None

    def build(self, input_shape):
        self._axes = standardize_axes(self.axis, input_shape, self.name)
        shape = tuple(input_shape[a] for a in self._axes)
        if self.scale or self.rms_scaling:
            self.gamma = self.add_weight(
                name="gamma", shape=shape, initializer=self.gamma_initializer,
                regularizer=self.gamma_regularizer, constraint=self.gamma_constraint)
        if self.center and not self.rms_scaling:
            self.beta = self.add_weight(
                name="beta", shape=shape, initializer=self.beta_initializer,
                regularizer=self.beta_regularizer, constraint=self.beta_constraint)

    def call(self, inputs):
        gamma = None if self.gamma is None else self.gamma.value
        beta = None if self.beta is None else self.beta.value
        return ops.layer_normalization(inputs, gamma, beta, axis=self._axes,
                                       epsilon=self.epsilon, rms_scaling=self.rms_scaling)

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        config = super().get_config()
        config.update({
            "axis": self.axis,
            "epsilon": self.epsilon,
            "center": self.center,
            "scale": self.scale,
            "rms_scaling": self.rms_scaling,
            "beta_initializer": initializers.serialize(self.beta_initializer),
            "gamma_initializer": initializers.serialize(self.gamma_initializer),
            "beta_regularizer": regularizers.serialize(self.beta_regularizer),
            "gamma_regularizer": regularizers.serialize(self.gamma_regularizer),
            "beta_constraint": constraints.serialize(self.beta_constraint),
            "gamma_constraint": constraints.serialize(self.gamma_constraint),
        })
        return config
