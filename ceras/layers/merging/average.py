"""Average: the elementwise mean of a list of tensors."""
from ceras import ops
from ceras.layers.merging.base_merge import Merge


class Average(Merge):
    """Elementwise mean of two or more inputs (broadcasting as NumPy).

    Example:
        >>> Average()([np.zeros((2, 3)), np.full((2, 3), 4.0)])  # all 2.0
    """

    def _merge_pair(self, a, b):
        return ops.add(a, b)

    def _finish(self, out, count):
        return ops.divide(out, count)


def average(inputs, **kwargs):
    """Functional interface to the Average layer."""
    return Average(**kwargs)(inputs)
