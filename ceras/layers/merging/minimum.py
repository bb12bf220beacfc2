"""Minimum: the elementwise minimum of a list of tensors."""
from ceras import ops
from ceras.layers.merging.base_merge import Merge


class Minimum(Merge):
    """Elementwise minimum of two or more inputs (broadcasting as NumPy).

    With masks, masked entries are left out of the minimum; where every input is
    masked the output is the first input, as in Keras.

    Example:
        >>> Minimum()([np.array([[1.0, 5.0]]), np.array([[3.0, 2.0]])])
    """

    def _merge_pair(self, a, b):
        return ops.minimum(a, b)

    def call(self, inputs, mask=None):
        self._check_inputs(inputs)
        if mask is None or all(m is None for m in mask):
            return super().call(inputs)
        return self._masked_merge(inputs, mask, float("inf"), lambda xs: xs[0])


def minimum(inputs, **kwargs):
    """Functional interface to the Minimum layer."""
    return Minimum(**kwargs)(inputs)
