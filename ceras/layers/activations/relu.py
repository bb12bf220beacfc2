"""ReLU: the rectified linear unit, with optional cap, threshold and leak."""
from ceras import activations
from ceras.layers.layer import Layer


class ReLU(Layer):
    """``max_value`` where ``x >= max_value``, ``x`` where ``threshold < x < max_value``,
    ``negative_slope * (x - threshold)`` elsewhere; with the defaults, ``max(x, 0)``.

    Args:
        max_value: non-negative float or None (default: no cap).
        negative_slope: non-negative float (default 0).
        threshold: non-negative float (default 0).

    Example:
        >>> ReLU(max_value=6.0)(np.array([-1.0, 3.0, 9.0]))  # [0, 3, 6]
    """

    def __init__(self, max_value=None, negative_slope=0.0, threshold=0.0, **kwargs):
        super().__init__(**kwargs)
        if max_value is not None and max_value < 0:
            raise ValueError(
                f'Layer "{self.name}" expects `max_value` to be None or non-negative, '
                f"received max_value={max_value!r}"
            )
        for arg, value in (("negative_slope", negative_slope), ("threshold", threshold)):
            if value is None or value < 0:
                raise ValueError(
                    f'Layer "{self.name}" expects `{arg}` to be a non-negative float, '
                    f"received {arg}={value!r}"
                )
        self.max_value = max_value
        self.negative_slope = negative_slope
        self.threshold = threshold
        self.supports_masking = True
        self.built = True

    def call(self, inputs):
        return activations.relu(inputs, negative_slope=self.negative_slope,
                                max_value=self.max_value, threshold=self.threshold)

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        config = super().get_config()
        config.update({"max_value": self.max_value, "negative_slope": self.negative_slope,
                       "threshold": self.threshold})
        return config
