"""UnitNormalization: scale each sample to unit L2 norm."""
from ceras import ops
from ceras.layers.layer import Layer


class UnitNormalization(Layer):
    """Divides each sample by its L2 norm over ``axis`` (an int or a list of ints,
    default -1); norms below 1e-12 are replaced by 1e-12.

    Example:
        >>> UnitNormalization()(np.array([[3.0, 4.0]]))  # [[0.6, 0.8]]
    """

    def __init__(self, axis=-1, **kwargs):
        super().__init__(**kwargs)
        if isinstance(axis, (list, tuple)):
            self.axis = list(axis)
        elif isinstance(axis, int) and not isinstance(axis, bool):
            self.axis = axis
        else:
            raise TypeError(
                f'Layer "{self.name}" expects `axis` to be an int or a list of ints, received '
                f"axis={axis!r}"
            )
        self._axis = tuple(self.axis) if isinstance(self.axis, list) else self.axis
        self.supports_masking = True
        self.built = True

    def call(self, inputs):
        return ops.normalize(inputs, axis=self._axis, order=2, epsilon=1e-12)

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        config = super().get_config()
        config["axis"] = self.axis
        return config
