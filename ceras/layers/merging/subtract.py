"""Subtract: the difference of exactly two tensors."""
from ceras import ops
from ceras.layers.merging.base_merge import Merge


class Subtract(Merge):
    """``inputs[0] - inputs[1]``; takes exactly two inputs of compatible shapes.

    Example:
        >>> Subtract()([np.full((2, 3), 5.0), np.ones((2, 3))])  # all 4.0
    """

    def _check_inputs(self, inputs):
        if not isinstance(inputs, (list, tuple)) or len(inputs) != 2:
            count = len(inputs) if isinstance(inputs, (list, tuple)) else 1
            raise ValueError(
                f'Layer "{self.name}" (Subtract) should be called on exactly 2 inputs; '
                f"received {count} input(s)"
            )

    def call(self, inputs):
        self._check_inputs(inputs)
        return ops.subtract(inputs[0], inputs[1])


def subtract(inputs, **kwargs):
    """Functional interface to the Subtract layer."""
    return Subtract(**kwargs)(inputs)
