"""Add: elementwise sum of a list of tensors."""
from ceras import ops
from ceras.layers.merging.base_merge import Merge


class Add(Merge):
    """Example:
        >>> Add()([np.ones((2, 3)), np.ones((2, 3))])  # all 2.0
    """

    def _merge_pair(self, a, b):
        return ops.add(a, b)


def add(inputs, **kwargs):
    """Functional interface to the Add layer."""
    return Add(**kwargs)(inputs)
