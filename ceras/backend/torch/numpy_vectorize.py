"""torch backend: ``vectorize`` (NumPy's, run with ``torch.vmap`` over the loop dims)."""
import functools
import re

import torch

from ceras.backend.torch.numpy_dtypes import tensor

_ARG = re.compile(r"\(([^()]*)\)")


def _parse_signature(signature):
    if "->" not in signature:
        raise ValueError(f"vectorize: signature must look like '(m),(m)->()', "
                         f"received {signature!r}")
    ins, outs = signature.replace(" ", "").split("->")
    return _core_dims(ins), _core_dims(outs)


def _core_dims(part):
    return [tuple(d for d in group.split(",") if d) for group in _ARG.findall(part)]


def _run(fn, args):
    try:
        return torch.vmap(fn)(*args)
    except (RuntimeError, ValueError, TypeError):
        # Functions that read values in Python (.item(), if tensor:) cannot be vmapped.
        outs = [fn(*[a[i] for a in args]) for i in range(args[0].shape[0])]
        if isinstance(outs[0], (tuple, list)):
            return tuple(torch.stack([tensor(o[j]) for o in outs]) for j in range(len(outs[0])))
        return torch.stack([tensor(o) for o in outs])


def vectorize(pyfunc, *, excluded=None, signature=None):
    excluded = set(excluded or ())
    core_in, _ = _parse_signature(signature) if signature else (None, None)

    @functools.wraps(pyfunc)
    def wrapped(*args, **kwargs):
        fixed = {i: a for i, a in enumerate(args) if i in excluded}
        fixed_kw = {k: v for k, v in kwargs.items() if k in excluded}
        free_kw = {k: v for k, v in kwargs.items() if k not in excluded}
        positions = [i for i in range(len(args)) if i not in excluded]
        values = [tensor(args[i]) for i in positions] + [tensor(v) for v in free_kw.values()]
        cores = core_in if core_in is not None else [()] * len(values)
        if len(cores) != len(values):
            raise ValueError(f"vectorize: signature {signature!r} expects {len(cores)} "
                             f"inputs, received {len(values)}")
        loop_shapes = [v.shape[: v.ndim - len(c)] for v, c in zip(values, cores)]
        loop = torch.broadcast_shapes(*loop_shapes)
        flat = [v.broadcast_to(loop + v.shape[v.ndim - len(c):]).reshape(
            (-1,) + v.shape[v.ndim - len(c):]) for v, c in zip(values, cores)]

        def call(*vals):
            full = dict(fixed)
            for i, v in zip(positions, vals):
                full[i] = v
            ordered = [full[i] for i in range(len(args))]
            names = list(free_kw)
            kw = dict(fixed_kw, **dict(zip(names, vals[len(positions):])))
            return pyfunc(*ordered, **kw)

        if not loop:
            return call(*values)
        out = _run(call, flat)
        reshape = lambda o: o.reshape(tuple(loop) + o.shape[1:])  # noqa: E731
        return tuple(reshape(o) for o in out) if isinstance(out, tuple) else reshape(out)

    return wrapped
