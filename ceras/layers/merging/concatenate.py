"""Concatenate: join a list of tensors along one axis."""
from ceras import ops
from ceras.layers.merging.base_merge import Merge


class Concatenate(Merge):
    """Concatenates inputs along ``axis`` (default -1); other axes must match.

    Example:
        >>> Concatenate()([np.ones((2, 3)), np.ones((2, 5))]).shape
        (2, 8)
    """

    def __init__(self, axis=-1, **kwargs):
        super().__init__(**kwargs)
        self.axis = axis

    def _check_shapes(self, shapes):
        ranks = {len(s) for s in shapes}
        if len(ranks) != 1:
            raise ValueError(
                f'Layer "{self.name}" (Concatenate) requires inputs of equal rank; received '
                f"shapes {[tuple(s) for s in shapes]}"
            )
        rank = ranks.pop()
        axis = self.axis % rank
        out = list(shapes[0])
        for shape in shapes[1:]:
            for i, (x, y) in enumerate(zip(out, shape)):
                if i == axis:
                    out[i] = None if x is None or y is None else x + y
                elif x is not None and y is not None and x != y:
                    raise ValueError(
                        f'Layer "{self.name}" (Concatenate) requires inputs with matching '
                        f"shapes except for the concatenation axis {self.axis}; received "
                        f"shapes {[tuple(s) for s in shapes]}"
                    )
                elif x is None:
                    out[i] = y
        return tuple(out)

    def call(self, inputs):
        self._check_inputs(inputs)
        return ops.concatenate(list(inputs), axis=self.axis)

    def compute_mask(self, inputs, mask=None):
        if mask is None or all(m is None for m in mask):
            return None
        full = []
        for x, m in zip(inputs, mask):
            if m is None:
                full.append(ops.ones_like(x, dtype="bool"))
            else:
                full.append(ops.broadcast_to(ops.expand_dims(m, -1), ops.shape(x)))
        return ops.all(ops.concatenate(full, axis=self.axis), axis=-1)

    def get_config(self):
        config = super().get_config()
        config["axis"] = self.axis
        return config


def concatenate(inputs, axis=-1, **kwargs):
    """Functional interface to the Concatenate layer."""
    return Concatenate(axis=axis, **kwargs)(inputs)
