"""jax backend: control flow, slicing and scattering (the rest of keras.ops.core).

Loops run as ``lax`` loops while JAX traces (jit, grad), so they compile into one
program; on concrete values they run as Python loops, which on small inputs is
faster than compiling the loop body for a single call.
"""
import builtins

import jax
import jax.numpy as jnp
import numpy as np
from jax import lax

from ceras.backend.common import tree
from ceras.backend.common.rearrange import plan as _rearrange_plan
from ceras.backend.jax.core import Tracer, convert_to_tensor, to_backend_dtype, tracing


def stop_gradient(variable):
    return lax.stop_gradient(convert_to_tensor(variable))


def _is_traced(*values):
    return any(isinstance(v, Tracer) for v in tree.flatten(list(values)))


def _arrays(values):
    """Loop state as jax arrays (NumPy arrays and other frameworks' tensors converted;
    Python scalars stay weak)."""
    return tree.map_structure(
        lambda v: v if v is None or isinstance(v, (bool, int, float, jax.Array))
        else convert_to_tensor(v), values)


def cond(pred, true_fn, false_fn):
    if isinstance(pred, Tracer):
        return lax.cond(pred, true_fn, false_fn)
    return true_fn() if bool(pred) else false_fn()


def fori_loop(lower, upper, body_fun, init_val):
    init_val = _arrays(init_val)
    if tracing() or _is_traced(lower, upper, init_val):
        return lax.fori_loop(lower, upper, body_fun, init_val)
    val = init_val
    for i in range(int(lower), int(upper)):
        val = body_fun(i, val)
    return val


def while_loop(cond, body, loop_vars, maximum_iterations=None):
    cond_fn = cond  # Keras's argument name; the module's cond() is not used here
    single = not isinstance(loop_vars, (list, tuple))
    state = (_arrays(loop_vars),) if single else tuple(_arrays(list(loop_vars)))

    def pack(values):
        return values[0] if single else type(loop_vars)(values)

    if not (tracing() or _is_traced(state)):
        count = 0
        while (maximum_iterations is None or count < maximum_iterations) and \
                bool(cond_fn(*state)):
            out = body(*state)
            state = (out,) if single else tuple(out)
            count += 1
        return pack(state)

    def as_tuple(out):
        return (out,) if single else tuple(out)

    if maximum_iterations is None:
        final = lax.while_loop(lambda s: cond_fn(*s), lambda s: as_tuple(body(*s)), state)
        return pack(final)
    limit = int(maximum_iterations)
    _, final = lax.while_loop(
        lambda cs: jnp.logical_and(cs[0] < limit, cond_fn(*cs[1])),
        lambda cs: (cs[0] + 1, as_tuple(body(*cs[1]))), (jnp.asarray(0, "int32"), state))
    return pack(final)


def scan(f, init, xs=None, length=None, reverse=False, unroll=1):
    if xs is None and length is None:
        raise ValueError("scan needs `xs` or `length`, received neither")
    if xs is not None:
        xs = tree.map_structure(convert_to_tensor, xs)
    init = _arrays(init)
    if tracing() or _is_traced(init, xs):
        return lax.scan(f, init, xs, length=length, reverse=reverse, unroll=unroll)
    flat_xs = tree.flatten(xs) if xs is not None else []
    steps = flat_xs[0].shape[0] if flat_xs else int(length)
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
    stacked = [jnp.stack([convert_to_tensor(v) for v in vals])
               for vals in zip(*[tree.flatten(y) for y in ys])]
    return carry, tree.pack_sequence_as(ys[0], stacked)


def map(f, xs):  # noqa: A001 - Keras's name
    xs = tree.map_structure(convert_to_tensor, xs)
    if tracing() or _is_traced(xs):
        return lax.map(f, xs)
    flat = tree.flatten(xs)
    outs = [f(tree.pack_sequence_as(xs, [x[i] for x in flat])) for i in range(flat[0].shape[0])]
    stacked = [jnp.stack([convert_to_tensor(v) for v in vals])
               for vals in zip(*[tree.flatten(o) for o in outs])]
    return tree.pack_sequence_as(outs[0], stacked)


def switch(index, branches, *operands):
    operands = _arrays(list(operands))
    if isinstance(index, Tracer):
        return lax.switch(index, branches, *operands)
    index = max(0, min(int(index), len(branches) - 1))
    return branches[index](*operands)


def slice(inputs, start_indices, shape):  # noqa: A001 - Keras's name
    inputs = convert_to_tensor(inputs)
    shape = tuple(int(d) for d in shape)
    if not _is_traced(start_indices) and not isinstance(start_indices, jax.Array):
        starts = [int(s) for s in start_indices]
        return inputs[tuple(builtins.slice(s, s + n) for s, n in zip(starts, shape))]
    return lax.dynamic_slice(inputs, [convert_to_tensor(s) for s in start_indices]
                             if isinstance(start_indices, (list, tuple)) else
                             list(convert_to_tensor(start_indices)), shape)


def slice_update(inputs, start_indices, updates):
    inputs = convert_to_tensor(inputs)
    updates = convert_to_tensor(updates, dtype=inputs.dtype)
    if isinstance(start_indices, (list, tuple)):
        start_indices = [convert_to_tensor(s) for s in start_indices]
    else:
        start_indices = list(convert_to_tensor(start_indices))
    return lax.dynamic_update_slice(inputs, updates, start_indices)


def _index(indices):
    indices = convert_to_tensor(indices)
    return tuple(indices[..., i] for i in range(indices.shape[-1]))


def scatter(indices, values, shape):
    values = convert_to_tensor(values)
    out = jnp.zeros(tuple(int(d) for d in shape), dtype=values.dtype)
    return out.at[_index(indices)].add(values)


def scatter_update(inputs, indices, updates, reduction=None):
    """``inputs`` with the slices at ``indices`` replaced by ``updates`` or, with
    ``reduction`` ('add', 'max', 'min', 'mul'), combined with them (duplicates too)."""
    if reduction not in (None, "add", "max", "min", "mul"):
        raise ValueError(
            "scatter_update: `reduction` must be None, 'add', 'max', 'min' or 'mul', "
            f"received {reduction!r}")
    inputs = convert_to_tensor(inputs)
    updates = convert_to_tensor(updates, dtype=inputs.dtype)
    at = inputs.at[_index(indices)]
    if reduction is None:
        return at.set(updates)
    return {"add": at.add, "max": at.max, "min": at.min, "mul": at.multiply}[reduction](
        updates)


def unstack(x, num=None, axis=0):
    x = convert_to_tensor(x)
    return [lax.index_in_dim(x, i, axis, keepdims=False) for i in range(x.shape[axis])]


def vectorized_map(function, elements):
    if isinstance(elements, (list, tuple)):
        elements = type(elements)(convert_to_tensor(e) for e in elements)
    else:
        elements = convert_to_tensor(elements)
    return jax.vmap(function)(elements)


def custom_gradient(f):
    """``f(*args)`` returns ``(output, grad_fn)``; ``grad_fn(upstream)`` gives the
    gradients for args (one value, or a list with one per argument)."""

    def forward(*args):
        output, grad_fn = f(*args)

        def backward(*upstream):
            result = grad_fn(*upstream)
            return tuple(result) if isinstance(result, (list, tuple)) else (result,)

        return output, backward

    return jax.custom_gradient(forward)


def saturate_cast(x, dtype):
    """Cast, clipping values to the target dtype's range first (no wrap-around)."""
    x = convert_to_tensor(x)
    target = to_backend_dtype(dtype)
    if target == jnp.bool_ or x.dtype == jnp.bool_ or jnp.issubdtype(x.dtype,
                                                                    jnp.complexfloating):
        return x.astype(target)
    info = jnp.finfo(target) if jnp.issubdtype(target, jnp.floating) else jnp.iinfo(target)
    src_float = jnp.issubdtype(x.dtype, jnp.floating)
    src = jnp.finfo(x.dtype) if src_float else jnp.iinfo(x.dtype)
    low, high = builtins.max(float(info.min), float(src.min)), builtins.min(
        float(info.max), float(src.max))
    if src_float:
        # A bound that rounds outward in x's dtype (int32 max in float32 is 2**31)
        # would overflow the cast: step it back inside.
        low_t, high_t = np.asarray(low, x.dtype), np.asarray(high, x.dtype)
        if float(low_t) < low:
            low_t = np.nextafter(low_t, np.zeros_like(low_t))
        if float(high_t) > high:
            high_t = np.nextafter(high_t, np.zeros_like(high_t))
        return jnp.clip(x, low_t, high_t).astype(target)
    low, high = int(builtins.max(info.min, src.min)), int(builtins.min(info.max, src.max))
    return jnp.clip(x, np.asarray(low, x.dtype), np.asarray(high, x.dtype)).astype(target)


def associative_scan(f, elems, reverse=False, axis=0):
    """Inclusive scan of the associative ``f`` along ``axis`` (``lax.associative_scan``)."""
    elems = tree.map_structure(convert_to_tensor, elems)
    flat = tree.flatten(elems)
    if flat:
        axis %= flat[0].ndim
        size = flat[0].shape[axis]
        if any(e.shape[axis] != size for e in flat):
            raise ValueError(
                "associative_scan: every element of `elems` needs the same size along axis "
                f"{axis}, received {[tuple(e.shape) for e in flat]}")

    def combine(a, b):
        return f(tree.pack_sequence_as(elems, tree.flatten(a)),
                 tree.pack_sequence_as(elems, tree.flatten(b)))

    return lax.associative_scan(combine, elems, reverse=reverse, axis=axis)


def rearrange(tensor, pattern, **axes_lengths):
    """einops-style axis rearrangement: ``rearrange(x, "b h w c -> b (h w) c")``."""
    tensor = convert_to_tensor(tensor)
    split, permutation, final = _rearrange_plan(
        pattern, tuple(tensor.shape), tuple(sorted(axes_lengths.items())))
    return jnp.reshape(jnp.transpose(jnp.reshape(tensor, split), permutation), final)

