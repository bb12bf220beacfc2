"""Reshape: change the non-batch shape."""
import math

from ceras import ops
from ceras.layers.layer import Layer


class Reshape(Layer):
    """Reshapes inputs to ``(batch,) + target_shape``; one entry may be -1.

    Example:
        >>> Reshape((3, 4))(np.ones((2, 12))).shape
        (2, 3, 4)
    """

    def __init__(self, target_shape, **kwargs):
        super().__init__(**kwargs)
        target_shape = tuple(target_shape)
        if sum(1 for d in target_shape if d == -1) > 1:
            raise ValueError(
                f'Layer "{self.name}": target_shape may contain at most one -1, received '
                f"target_shape={target_shape}"
            )
        self.target_shape = target_shape

    def _resolve(self, input_shape):
        rest = input_shape[1:]
        if -1 not in self.target_shape:
            known = math.prod(self.target_shape)
            if all(d is not None for d in rest) and math.prod(rest) != known:
                raise ValueError(
                    f'Layer "{self.name}" cannot reshape input of shape {tuple(input_shape)} '
                    f"to target_shape={self.target_shape}: sizes {math.prod(rest)} and "
                    f"{known} differ"
                )
            return self.target_shape
        if any(d is None for d in rest):
            return tuple(None if d == -1 else d for d in self.target_shape)
        known = math.prod(d for d in self.target_shape if d != -1)
        total = math.prod(rest)
        if known == 0 or total % known:
            raise ValueError(
                f'Layer "{self.name}" cannot reshape input of shape {tuple(input_shape)} '
                f"to target_shape={self.target_shape}"
            )
        return tuple(total // known if d == -1 else d for d in self.target_shape)

    def call(self, inputs):
        return ops.reshape(inputs, (inputs.shape[0],) + self._resolve(tuple(inputs.shape)))

    def compute_output_shape(self, input_shape):
        return (input_shape[0],) + self._resolve(tuple(input_shape))

    def get_config(self):
        config = super().get_config()
        config["target_shape"] = self.target_shape
        return config
