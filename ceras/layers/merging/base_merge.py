"""Shared machinery of the merge layers (Add, Multiply, Concatenate, ...)."""
from ceras import ops
from ceras.layers.layer import Layer


class Merge(Layer):
    """Combines a list of at least two tensors of compatible shapes."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.supports_masking = True

    def _check_inputs(self, inputs):
        if not isinstance(inputs, (list, tuple)) or len(inputs) < 2:
            count = len(inputs) if isinstance(inputs, (list, tuple)) else 1
            raise ValueError(
                f'Layer "{self.name}" ({type(self).__name__}) should be called on a list of at '
                f"least 2 inputs; received {count} input(s)"
            )

    def build(self, input_shape):
        self._check_inputs(input_shape)
        self._check_shapes(input_shape)

    def _check_shapes(self, shapes):
        out = list(shapes[0])
        for shape in shapes[1:]:
            out = self._broadcast(out, list(shape), shapes)
        return tuple(out)

    def _broadcast(self, a, b, shapes):
        if len(a) < len(b):
            a, b = b, a
        b = [1] * (len(a) - len(b)) + b
        out = []
        for x, y in zip(a, b):
            if x is None or y is None:
                out.append(None if (x in (None, 1) and y in (None, 1)) or x == y else
                           (x if y in (None, 1) else y))
            elif x == 1 or y == 1 or x == y:
                out.append(max(x, y) if 1 in (x, y) else x)
            else:
                raise ValueError(
                    f'Layer "{self.name}" ({type(self).__name__}) received inputs with '
                    f"incompatible shapes: {[tuple(s) for s in shapes]}"
                )
        return out

    def call(self, inputs):
        self._check_inputs(inputs)
        out = inputs[0]
        for x in inputs[1:]:
            out = self._merge_pair(out, x)
        return self._finish(out, len(inputs))

    def _finish(self, out, count):
        return out

    def _merge_pair(self, a, b):
        raise NotImplementedError  # each merge layer defines its pairwise rule

    def compute_output_shape(self, input_shape):
        return self._check_shapes(input_shape)

    def compute_mask(self, inputs, mask=None):
        if mask is None or all(m is None for m in mask):
            return None
        masks = [ops.expand_dims(m, 0) for m in mask if m is not None]
        return ops.all(ops.concatenate(masks, axis=0), axis=0)
