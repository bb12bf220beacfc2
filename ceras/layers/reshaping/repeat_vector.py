"""RepeatVector: repeat a (batch, features) input n times along a new axis."""
from ceras import ops
from ceras.layers.input_spec import InputSpec
from ceras.layers.layer import Layer


class RepeatVector(Layer):
    """``(batch, features)`` to ``(batch, n, features)``.

    Example:
        >>> RepeatVector(3)(np.ones((2, 5))).shape
        (2, 3, 5)
    """

    def __init__(self, n, **kwargs):
        super().__init__(**kwargs)
        if not isinstance(n, int) or isinstance(n, bool):
            raise TypeError(
                f'Layer "{self.name}" expects `n` to be an integer, received n={n!r} of type '
                f"{type(n).__name__}"
            )
        if n <= 0:
            raise ValueError(f'Layer "{self.name}" expects `n` > 0, received n={n}')
        self.n = n
        self.input_spec = InputSpec(ndim=2)
        self.built = True

    def call(self, inputs):
        return ops.repeat(ops.expand_dims(inputs, 1), self.n, axis=1)

    def compute_output_shape(self, input_shape):
        return (input_shape[0], self.n, input_shape[1])

    def get_config(self):
        config = super().get_config()
        config["n"] = self.n
        return config
