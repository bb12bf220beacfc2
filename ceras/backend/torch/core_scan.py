"""torch backend: ``associative_scan`` (keras.ops.associative_scan)."""
import builtins

import torch

from ceras.backend.common import tree
from ceras.backend.torch.core import convert_to_tensor


def associative_scan(f, elems, reverse=False, axis=0):
    """Inclusive scan of the associative ``f`` along ``axis`` in O(log n) batched
    calls (the odd/even parallel prefix): ``f`` must accept stacked slices."""
    flat = [convert_to_tensor(e) for e in tree.flatten(elems)]
    if not flat:
        return elems
    axis = axis % flat[0].ndim
    size = flat[0].shape[axis]
    if any(e.shape[axis] != size for e in flat):
        raise ValueError("associative_scan: every element of `elems` needs the same size "
                         f"along axis {axis}, received {[tuple(e.shape) for e in flat]}")

    def combine(a, b):
        out = f(tree.pack_sequence_as(elems, a), tree.pack_sequence_as(elems, b))
        return [convert_to_tensor(o) for o in tree.flatten(out)]

    def take(x, start, stop=None, step=1):
        index = [builtins.slice(None)] * x.ndim
        index[axis] = builtins.slice(start, stop, step)
        return x[tuple(index)]

    def interleave(even, odd):
        n_odd = odd.shape[axis]
        merged = torch.stack([take(even, 0, n_odd), odd], axis + 1).flatten(axis, axis + 1)
        if even.shape[axis] > n_odd:
            merged = torch.cat([merged, take(even, n_odd)], axis)
        return merged

    def scan(xs):
        n = xs[0].shape[axis]
        if n < 2:
            return xs
        odd = scan(combine([take(x, 0, -1, 2) for x in xs], [take(x, 1, None, 2) for x in xs]))
        later = [take(x, 2, None, 2) for x in xs]
        even = combine([take(o, 0, -1) for o in odd] if n % 2 == 0 else odd, later)
        even = [torch.cat([take(x, 0, 1), e], axis) for x, e in zip(xs, even)]
        return [interleave(e, o) for e, o in zip(even, odd)]

    if reverse:
        flat = [torch.flip(x, (axis,)) for x in flat]
    out = scan(flat)
    if reverse:
        out = [torch.flip(x, (axis,)) for x in out]
    return tree.pack_sequence_as(elems, out)
