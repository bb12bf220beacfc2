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
        # As Keras: batch axes line up, the other axes broadcast right-aligned.
        batch = [s[0] for s in shapes if len(s) and s[0] is not None]
        out = list(shapes[0][1:])
        for shape in shapes[1:]:
            out = self._broadcast(out, list(shape[1:]), shapes)
        return (batch[0] if batch else None,) + tuple(out)

    def _aligned(self, inputs):
        """Inputs of lower rank get size-1 axes after the batch axis (Keras's rule)."""
        ranks = [len(x.shape) for x in inputs]
        rank = max(ranks)
        if all(r == rank for r in ranks):
            return inputs
        out = []
        for x, r in zip(inputs, ranks):
            for _ in range(rank - r):
                x = ops.expand_dims(x, 1)
            out.append(x)
        return out

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
        inputs = self._aligned(inputs)
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
        # As Keras: a step is kept when any input keeps it, and only when every input
        # carries a mask (an unmasked input keeps every step).
        if mask is None or any(m is None for m in mask):
            return None
        masks = [ops.expand_dims(m, 0) for m in mask]
        return ops.any(ops.concatenate(masks, axis=0), axis=0)

    def _masked_merge(self, inputs, mask, fill, fully_masked):
        """Merge with masked entries replaced by ``fill`` (the merge's identity); where
        every input is masked the result is ``fully_masked(inputs)``."""
        inputs = self._aligned(inputs)
        values = [x if m is None else ops.where(_expand_like(m, x), x, fill)
                  for x, m in zip(inputs, mask)]
        out = values[0]
        for x in values[1:]:
            out = self._merge_pair(out, x)
        if any(m is None for m in mask):
            return out
        kept = ops.any(ops.stack([_expand_like(m, out) for m in mask], axis=0), axis=0)
        return ops.where(kept, out, fully_masked(inputs))


def _expand_like(mask, x):
    while len(mask.shape) < len(x.shape):
        mask = ops.expand_dims(mask, -1)
    return mask
