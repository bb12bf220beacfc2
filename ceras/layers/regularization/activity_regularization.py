"""ActivityRegularization: add an L1/L2 penalty on the activations to the losses."""
from ceras import regularizers
from ceras.layers.layer import Layer


class ActivityRegularization(Layer):
    """Returns its input unchanged and adds
    ``(l1 * sum(|x|) + l2 * sum(x²)) / batch_size`` to the layer's (and model's)
    losses.

    Args:
        l1: non-negative float (default 0).
        l2: non-negative float (default 0).

    Example:
        >>> layer = ActivityRegularization(l1=0.01)
        >>> _ = layer(np.ones((2, 3)))
        >>> layer.losses  # [0.03]
    """

    def __init__(self, l1=0.0, l2=0.0, **kwargs):
        for arg, value in (("l1", l1), ("l2", l2)):
            if not isinstance(value, (int, float)) or isinstance(value, bool) or value < 0:
                raise ValueError(
                    f"{type(self).__name__} expects `{arg}` to be a non-negative float, "
                    f"received {arg}={value!r}"
                )
        super().__init__(activity_regularizer=regularizers.L1L2(l1=l1, l2=l2), **kwargs)
        self.l1 = l1
        self.l2 = l2
        self.supports_masking = True
        self.built = True

    def call(self, inputs):
        return inputs

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        config = super().get_config()
        config.update({"l1": self.l1, "l2": self.l2})
        return config
