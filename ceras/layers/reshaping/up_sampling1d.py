"""UpSampling1D: repeat each step of a sequence."""
from ceras import ops
from ceras.layers.input_spec import InputSpec
from ceras.layers.layer import Layer


class UpSampling1D(Layer):
    """Repeats each step ``size`` times along the steps axis of (batch, steps, features).

    Example:
        >>> UpSampling1D(2)(np.ones((2, 3, 4))).shape
        (2, 6, 4)
    """

    def __init__(self, size=2, **kwargs):
        super().__init__(**kwargs)
        if not isinstance(size, int) or isinstance(size, bool) or size <= 0:
            raise ValueError(
                f'Layer "{self.name}" expects `size` to be a positive integer, received '
                f"size={size!r}"
            )
        self.size = size
        self.input_spec = InputSpec(ndim=3)
        self.built = True

    def call(self, inputs):
        return ops.repeat(inputs, self.size, axis=1)

    def compute_output_shape(self, input_shape):
        steps = None if input_shape[1] is None else input_shape[1] * self.size
        return (input_shape[0], steps, input_shape[2])

    def get_config(self):
        config = super().get_config()
        config["size"] = self.size
        return config
