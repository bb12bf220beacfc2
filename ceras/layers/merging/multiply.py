"""Multiply: the elementwise product of a list of tensors."""
from ceras import ops
from ceras.layers.merging.base_merge import Merge


class Multiply(Merge):
    """Elementwise product of two or more inputs (broadcasting as NumPy).

    With masks, a masked entry counts as 1 (it does not affect the product); where
    every input is masked the output is 0, as in Keras.

    Example:
        >>> Multiply()([np.full((2, 3), 2.0), np.full((2, 3), 3.0)])  # all 6.0
    """

    def _merge_pair(self, a, b):
        return ops.multiply(a, b)

    def call(self, inputs, mask=None):
        self._check_inputs(inputs)
        if mask is None or all(m is None for m in mask):
            return super().call(inputs)
        return self._masked_merge(inputs, mask, 1.0, lambda xs: ops.zeros_like(xs[0]))


def multiply(inputs, **kwargs):
    """Functional interface to the Multiply layer."""
    return Multiply(**kwargs)(inputs)
