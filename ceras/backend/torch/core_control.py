"""Control flow, slicing and scatter ops on torch (the core names of keras.ops)."""
import builtins

import torch

from ceras.backend.common import tree
from ceras.backend.common.keras_tensor import KerasTensor
from ceras.backend.common.variable import KerasVariable
from ceras.backend.torch.core import (
    convert_to_tensor, dtype_name, standardize_dtype, to_backend_dtype,
)


def stop_gradient(variable):
    return convert_to_tensor(variable).detach()


def cond(pred, true_fn, false_fn):
    if isinstance(pred, torch.Tensor):
        pred = bool(pred.item())
    return true_fn() if pred else false_fn()


def fori_loop(lower, upper, body_fun, init_val):
    val = init_val
    for i in range(int(lower), int(upper)):
        val = body_fun(i, val)
    return val


def while_loop(cond, body, loop_vars, maximum_iterations=None):
    cond_fn = cond  # Keras's argument name; the module's cond() is not used here
    single = not isinstance(loop_vars, (list, tuple))
    state = (loop_vars,) if single else tuple(loop_vars)
    count = 0
    while bool(cond_fn(*state)) and (maximum_iterations is None or count < maximum_iterations):
        out = body(*state)
        state = (out,) if single else tuple(out)
        count += 1
    return state[0] if single else type(loop_vars)(state)


def scan(f, init, xs=None, length=None, reverse=False, unroll=1):
    if xs is None:
        if length is None:
            raise ValueError("scan needs `xs` or `length`, received neither")
        steps = int(length)
        flat_xs = []
    else:
        flat_xs = [convert_to_tensor(x) for x in tree.flatten(xs)]
        steps = flat_xs[0].shape[0]
    carry, ys = init, []
    order = range(steps - 1, -1, -1) if reverse else range(steps)
    for i in order:
        x_i = None if xs is None else tree.pack_sequence_as(xs, [x[i] for x in flat_xs])
        carry, y = f(carry, x_i)
        ys.append(y)
    if reverse:
        ys.reverse()
    if not ys or ys[0] is None:
        return carry, None
    stacked = [torch.stack([convert_to_tensor(v) for v in vals])
               for vals in zip(*[tree.flatten(y) for y in ys])]
    return carry, tree.pack_sequence_as(ys[0], stacked)


def map(f, xs):  # noqa: A001 - Keras's name
    flat = [convert_to_tensor(x) for x in tree.flatten(xs)]
    outs = [f(tree.pack_sequence_as(xs, [x[i] for x in flat])) for i in range(flat[0].shape[0])]
    stacked = [torch.stack(vals) for vals in zip(*[tree.flatten(o) for o in outs])]
    return tree.pack_sequence_as(outs[0], stacked)


def switch(index, branches, *operands):
    index = int(convert_to_tensor(index).item()) if not isinstance(index, int) else index
    index = max(0, min(index, len(branches) - 1))
    return branches[index](*operands)


def slice(inputs, start_indices, shape):  # noqa: A001 - Keras's name
    inputs = convert_to_tensor(inputs)
    idx = tuple(
        builtins.slice(int(s), int(s) + int(n)) for s, n in zip(start_indices, shape))
    return inputs[idx]


def slice_update(inputs, start_indices, updates):
    inputs = convert_to_tensor(inputs).clone()
    updates = convert_to_tensor(updates, dtype=dtype_name(inputs.dtype))
    idx = tuple(builtins.slice(int(s), int(s) + n) for s, n in zip(start_indices, updates.shape))
    inputs[idx] = updates
    return inputs


def scatter(indices, values, shape):
    indices = convert_to_tensor(indices).long()
    values = convert_to_tensor(values)
    out = torch.zeros(tuple(shape), dtype=values.dtype, device=values.device)
    index = tuple(indices[..., i] for i in range(indices.shape[-1]))
    return out.index_put_(index, values, accumulate=True)


_SCATTER_REDUCTIONS = {"add": "sum", "max": "amax", "min": "amin", "mul": "prod"}


def scatter_update(inputs, indices, updates, reduction=None):
    """``inputs`` with the slices at ``indices`` replaced by ``updates`` or, with
    ``reduction`` ('add', 'max', 'min', 'mul'), combined with them (duplicates too)."""
    if reduction is not None and reduction not in _SCATTER_REDUCTIONS:
        raise ValueError(
            "scatter_update: `reduction` must be None, 'add', 'max', 'min' or 'mul', "
            f"received {reduction!r}")
    inputs = convert_to_tensor(inputs).clone()
    indices = convert_to_tensor(indices).long()
    updates = convert_to_tensor(updates, dtype=dtype_name(inputs.dtype))
    index = tuple(indices[..., i] for i in range(indices.shape[-1]))
    if reduction is None:
        inputs[index] = updates
        return inputs
    # Flatten the indexed leading axes so one scatter_reduce covers any index depth.
    depth = indices.shape[-1]
    lead = inputs.shape[:depth]
    flat_index = torch.zeros(indices.shape[:-1], dtype=torch.long, device=inputs.device)
    for i in range(depth):
        flat_index = flat_index * lead[i] + indices[..., i]
    flat = inputs.reshape(-1, *inputs.shape[depth:])
    values = updates.reshape(-1, *inputs.shape[depth:])
    target = flat_index.reshape(-1).reshape(-1, *([1] * (flat.ndim - 1))).expand_as(values)
    flat = flat.scatter_reduce(0, target, values, _SCATTER_REDUCTIONS[reduction])
    return flat.reshape(inputs.shape)


def unstack(x, num=None, axis=0):
    return list(torch.unbind(convert_to_tensor(x), dim=axis))


def vectorized_map(function, elements):
    if isinstance(elements, (list, tuple)):
        flat = [convert_to_tensor(e) for e in elements]
        outs = [function(type(elements)(e[i] for e in flat)) for i in range(flat[0].shape[0])]
    else:
        elements = convert_to_tensor(elements)
        outs = [function(e) for e in elements]
    stacked = [torch.stack(vals) for vals in zip(*[tree.flatten(o) for o in outs])]
    return tree.pack_sequence_as(outs[0], stacked)


def custom_gradient(f):
    """``f(*args)`` returns ``(output, grad_fn)``; grad_fn(*upstream, ...) gives the
    gradients for args. Built on torch.autograd.Function."""
    fun = f

    class _Fn(torch.autograd.Function):
        @staticmethod
        def forward(ctx, *args):
            output, grad_fn = fun(*args)
            ctx.grad_fn = grad_fn
            return output

        @staticmethod
        def backward(ctx, *grads):
            result = ctx.grad_fn(*grads)
            return tuple(result) if isinstance(result, (list, tuple)) else (result,)

    def wrapper(*args):
        return _Fn.apply(*args)

    return wrapper


def random_seed_dtype():
    return "int64"


def is_float_dtype(x):
    return isinstance(x, torch.Tensor) and x.is_floating_point()


def dtype(x):
    """The dtype of ``x`` as a string ('float32', ...)."""
    if isinstance(x, (KerasVariable, KerasTensor)):
        return standardize_dtype(x.dtype)
    return dtype_name(convert_to_tensor(x).dtype)


def saturate_cast(x, dtype):
    """Cast, clipping values to the target dtype's range first (no wrap-around)."""
    x = convert_to_tensor(x)
    target = to_backend_dtype(dtype)
    if target == torch.bool or x.dtype == torch.bool or x.is_complex():
        return x.to(target)
    info = torch.finfo(target) if target.is_floating_point else torch.iinfo(target)
    src = torch.finfo(x.dtype) if x.is_floating_point() else torch.iinfo(x.dtype)
    low, high = max(info.min, src.min), min(info.max, src.max)
    if x.is_floating_point():
        # A bound that rounds outward in x's dtype (int32 max in float32 is 2**31)
        # would overflow the cast: step it back inside.
        low_t = torch.tensor(low, dtype=x.dtype, device=x.device)
        high_t = torch.tensor(high, dtype=x.dtype, device=x.device)
        if float(low_t) < low:
            low_t = torch.nextafter(low_t, torch.zeros_like(low_t))
        if float(high_t) > high:
            high_t = torch.nextafter(high_t, torch.zeros_like(high_t))
        return torch.clamp(x, low_t, high_t).to(target)
    return torch.clamp(x, low, high).to(target)


# Defined in their own files (they import this module's helpers, hence the late import).

__all__ = [
    "stop_gradient",
    "cond",
    "fori_loop",
    "while_loop",
    "scan",
    "map",
    "switch",
    "slice",
    "slice_update",
    "scatter",
    "scatter_update",
    "unstack",
    "vectorized_map",
    "custom_gradient",
    "random_seed_dtype",
    "is_float_dtype",
    "dtype",
    "saturate_cast",
]
