"""Dot: per-sample dot products between two tensors."""
import math

from ceras import ops
from ceras.layers.merging.base_merge import Merge


class Dot(Merge):
    """For each sample, contracts axis ``axes[0]`` of ``inputs[0]`` with axis
    ``axes[1]`` of ``inputs[1]`` (Keras's ``batch_dot``): the result holds the
    remaining axes of the first input, then those of the second, or has shape
    (batch, 1) when none remain.

    Args:
        axes: int (the same axis of both inputs) or a pair of ints; never the batch
            axis 0. Negative values count from the end of each input.
        normalize: L2-normalize both inputs along the contracted axes first, making
            the result a cosine similarity (default False).

    Example:
        >>> Dot(axes=1)([np.ones((2, 3)), np.ones((2, 3))])  # [[3.], [3.]]
    """

    def __init__(self, axes, normalize=False, **kwargs):
        super().__init__(**kwargs)
        if isinstance(axes, int) and not isinstance(axes, bool):
            pair = (axes, axes)
        elif isinstance(axes, (list, tuple)) and len(axes) == 2 and all(
                isinstance(a, int) and not isinstance(a, bool) for a in axes):
            pair = tuple(axes)
        else:
            raise ValueError(
                f'Layer "{self.name}" expects `axes` to be an int or a pair of ints, '
                f"received axes={axes!r}"
            )
        self.axes = axes if isinstance(axes, int) else tuple(axes)
        self._pair = pair
        self.normalize = normalize

    def _check_inputs(self, inputs):
        if not isinstance(inputs, (list, tuple)) or len(inputs) != 2:
            count = len(inputs) if isinstance(inputs, (list, tuple)) else 1
            raise ValueError(
                f'Layer "{self.name}" (Dot) should be called on exactly 2 inputs; received '
                f"{count} input(s)"
            )

    def _resolve_axes(self, shapes):
        axes = []
        for axis, shape in zip(self._pair, shapes):
            rank = len(shape)
            if not -rank <= axis < rank or axis % rank == 0:
                raise ValueError(
                    f'Layer "{self.name}" (Dot) cannot contract axis {axis} of an input of '
                    f"shape {tuple(shape)}: expected a non-batch axis in [1, {rank})"
                )
            axes.append(axis % rank)
        a, b = shapes[0][axes[0]], shapes[1][axes[1]]
        if a is not None and b is not None and a != b:
            raise ValueError(
                f'Layer "{self.name}" (Dot) expects the contracted dims to match, received '
                f"{a} (axis {axes[0]} of {tuple(shapes[0])}) and {b} (axis {axes[1]} of "
                f"{tuple(shapes[1])})"
            )
        return axes

    def _check_shapes(self, shapes):
        self._check_inputs(shapes)
        ax, ay = self._resolve_axes(shapes)
        rest = tuple(d for i, d in enumerate(shapes[0]) if i not in (0, ax)) + tuple(
            d for i, d in enumerate(shapes[1]) if i not in (0, ay))
        return (shapes[0][0],) + (rest or (1,))

    def call(self, inputs):
        self._check_inputs(inputs)
        x, y = inputs
        ax, ay = self._resolve_axes([tuple(x.shape), tuple(y.shape)])
        if self.normalize:
            x = ops.normalize(x, axis=ax)
            y = ops.normalize(y, axis=ay)
        x = ops.moveaxis(x, ax, -1)  # (batch, *x_rest, k)
        y = ops.moveaxis(y, ay, 1)   # (batch, k, *y_rest)
        x_rest, y_rest = tuple(x.shape[1:-1]), tuple(y.shape[2:])
        k = x.shape[-1]
        out = ops.matmul(ops.reshape(x, (-1, math.prod(x_rest), k)),
                         ops.reshape(y, (-1, k, math.prod(y_rest))))
        return ops.reshape(out, (-1,) + (x_rest + y_rest or (1,)))

    def compute_mask(self, inputs, mask=None):
        return None

    def get_config(self):
        config = super().get_config()
        config.update({"axes": self.axes, "normalize": self.normalize})
        return config


def dot(inputs, axes=-1, **kwargs):
    """Functional interface to the Dot layer."""
    return Dot(axes=axes, **kwargs)(inputs)
