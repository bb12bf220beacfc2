"""RMSNormalization: scale each sample by the inverse root mean square of its features."""
from ceras import ops
from ceras.layers.layer import Layer
from ceras.layers.normalization.layer_normalization import standardize_axes


class RMSNormalization(Layer):
    """``x * rsqrt(mean(x ** 2, axis) + epsilon) * scale`` with a learned ``scale``
    (initialized to ones) shaped like the normalized axes.

    Args:
        axis: int or list of ints (default -1).
        epsilon: added to the mean square (default 1e-6).

    Example:
        >>> RMSNormalization()(np.array([[1.0, -1.0]]))  # about [[1, -1]]
    """

    def __init__(self, axis=-1, epsilon=1e-6, **kwargs):
        super().__init__(**kwargs)
        self.axis = list(axis) if isinstance(axis, (list, tuple)) else axis
        self.epsilon = epsilon

    def build(self, input_shape):
        self._axes = standardize_axes(self.axis, input_shape, self.name)
        self.scale = self.add_weight(
            name="scale", shape=tuple(input_shape[a] for a in self._axes), initializer="ones")

    def call(self, inputs):
        return ops.rms_normalization(inputs, scale=self.scale.value, axis=self._axes,
                                     epsilon=self.epsilon)

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        config = super().get_config()
        config.update({"axis": self.axis, "epsilon": self.epsilon})
        return config
