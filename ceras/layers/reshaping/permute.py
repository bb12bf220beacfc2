"""Permute: reorder the non-batch axes."""
from ceras import ops
from ceras.layers.input_spec import InputSpec
from ceras.layers.layer import Layer


class Permute(Layer):
    """Permutes the non-batch axes: ``dims`` is a permutation of ``1..rank-1``
    (1-based; the batch axis 0 stays first).

    Example:
        >>> Permute((2, 1))(np.ones((4, 10, 64))).shape
        (4, 64, 10)
    """

    def __init__(self, dims, **kwargs):
        super().__init__(**kwargs)
        try:
            dims = tuple(dims)
        except TypeError:
            dims = (dims,)
        if sorted(dims) != list(range(1, len(dims) + 1)):
            raise ValueError(
                f'Layer "{self.name}" expects `dims` to be a permutation of 1..{len(dims)} '
                f"(the non-batch axes, 1-based), received dims={dims}"
            )
        self.dims = dims
        self._perm = (0,) + dims
        self.input_spec = InputSpec(ndim=len(dims) + 1)
        self.built = True

    def call(self, inputs):
        return ops.transpose(inputs, self._perm)

    def compute_output_shape(self, input_shape):
        return tuple(input_shape[a] for a in self._perm)

    def get_config(self):
        config = super().get_config()
        config["dims"] = self.dims
        return config
