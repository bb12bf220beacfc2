"""Orthogonal: a (semi-)orthogonal matrix from the QR decomposition of a normal draw."""
import math

from ceras import ops, random
from ceras.initializers.random_initializers import RandomInitializer


class Orthogonal(RandomInitializer):
    """An orthogonal matrix, times ``gain``.

    The shape is flattened to ``(prod(shape[:-1]), shape[-1])``; that matrix has
    orthonormal columns (or rows, when it has fewer rows than columns), obtained
    from the QR decomposition of a standard normal draw with the signs of R's
    diagonal folded into Q (so the result is uniformly distributed).

    Args:
        gain: Multiplicative factor. Defaults to 1.0.
        seed: int, None or a SeedGenerator.

    >>> ceras.initializers.Orthogonal(seed=0)(shape=(3, 3))
    """

    def __init__(self, gain=1.0, seed=None):
        self.gain = gain
        super().__init__(seed=seed)

    def __call__(self, shape, dtype=None):
        shape = tuple(int(d) for d in shape)
        if len(shape) < 2:
            raise ValueError(
                "The tensor to initialize must be at least two-dimensional. "
                f"Received: shape={shape} of rank {len(shape)}."
            )
        rows, cols = math.prod(shape[:-1]), shape[-1]
        wide = rows < cols
        draw = random.normal((cols, rows) if wide else (rows, cols), dtype=dtype,
                             seed=self.seed)
        q, r = ops.linalg.qr(draw)
        q = q * ops.sign(ops.diagonal(r))
        if wide:
            q = ops.transpose(q)
        q = ops.reshape(q, shape)
        return q if self.gain == 1 else q * self.gain

    def get_config(self):
        return {**super().get_config(), "gain": self.gain}
