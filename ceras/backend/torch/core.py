"""Tensors, dtypes, devices, Variable and the control-flow ops on torch."""
import contextlib
import os

import numpy as np
import torch
from torch._subclasses.fake_tensor import FakeTensorMode, unset_fake_temporarily
from torch.fx.experimental.symbolic_shapes import ShapeEnv

from ceras.backend.common import global_state, tree
from ceras.backend.common.config import floatx
from ceras.backend.common.dtypes import result_type, standardize_dtype
from ceras.backend.common.keras_tensor import KerasTensor
from ceras.backend.common.variable import KerasVariable

SUPPORTS_SPARSE_TENSORS = False
IS_THREAD_SAFE = True

_TORCH_DTYPES = {
    "float16": torch.float16, "float32": torch.float32, "float64": torch.float64,
    "bfloat16": torch.bfloat16, "uint8": torch.uint8, "uint16": torch.uint16,
    "uint32": torch.uint32, "uint64": torch.uint64, "int8": torch.int8, "int16": torch.int16,
    "int32": torch.int32, "int64": torch.int64, "bool": torch.bool,
    "complex64": torch.complex64, "complex128": torch.complex128,
}
_DTYPE_NAMES = {v: k for k, v in _TORCH_DTYPES.items()}


def _default_device():
    requested = os.environ.get("CERAS_DEVICE")
    if requested:
        return torch.device(requested)
    return torch.device("cuda" if torch.cuda.is_available() else "cpu")


_DEVICE = _default_device()


def get_device():
    """The device new tensors are placed on ('cuda' when present, else 'cpu')."""
    return str(_DEVICE)


@contextlib.contextmanager
def device_scope(device_name):
    """Place tensors created inside on ``device_name`` ('cpu', 'cuda', 'gpu:0' ...)."""
    global _DEVICE
    name = str(device_name).lower().replace("gpu", "cuda")
    previous, _DEVICE = _DEVICE, torch.device(name)
    try:
        yield
    finally:
        _DEVICE = previous


def to_backend_dtype(dtype):
    if isinstance(dtype, torch.dtype):
        return dtype
    return _TORCH_DTYPES[standardize_dtype(dtype)]


def dtype_name(torch_dtype):
    return _DTYPE_NAMES[torch_dtype]


def is_tensor(x):
    return isinstance(x, torch.Tensor)


def convert_to_tensor(x, dtype=None, sparse=None, ragged=None):
    """A torch tensor on the current device. Python floats become floatx,
    Python ints int32 (Keras's weak-type defaults); arrays keep their dtype."""
    if isinstance(x, torch.Tensor):
        if dtype is None:
            return x
        target = to_backend_dtype(dtype)
        return x if x.dtype == target else x.to(target)
    if isinstance(x, KerasVariable):
        value = x.value
        if dtype is not None:
            target = to_backend_dtype(dtype)
            if value.dtype != target:
                return value.to(target)
        return value
    if isinstance(x, KerasTensor):
        raise ValueError(
            "A symbolic KerasTensor cannot be converted to a torch tensor: it has no value. "
            f"Received {x}. Call the model on real data instead."
        )
    if dtype is None:
        if isinstance(x, bool):
            dtype = "bool"
        elif isinstance(x, int):
            dtype = "int32"
        elif isinstance(x, float):
            dtype = floatx()
        elif isinstance(x, (list, tuple)):
            dtype = _infer_python_dtype(x)
        elif isinstance(x, np.ndarray) or np.isscalar(x):
            arr = np.asarray(x)
            if arr.dtype.kind in "US" or arr.dtype == object:
                raise TypeError(
                    f"Cannot convert an array of dtype {arr.dtype} to a tensor"
                )
            dtype = standardize_dtype(arr.dtype)
    if isinstance(x, np.ndarray) and x.dtype != object:
        t = torch.from_numpy(np.ascontiguousarray(x) if not x.flags.c_contiguous or
                             not x.flags.writeable else x)
        if dtype is not None:
            t = t.to(to_backend_dtype(dtype))
        return t.to(_DEVICE) if _DEVICE.type != "cpu" else t
    if hasattr(x, "__dlpack__") and not isinstance(x, (list, tuple, np.generic)):
        t = torch.from_dlpack(x)
        return t.to(to_backend_dtype(dtype)) if dtype is not None else t
    if isinstance(x, (list, tuple)):
        x = [convert_to_numpy(v) if isinstance(v, (torch.Tensor, KerasVariable)) else v
             for v in x]
    return torch.as_tensor(np.asarray(x), dtype=to_backend_dtype(dtype), device=_DEVICE) \
        if dtype is not None else torch.as_tensor(np.asarray(x), device=_DEVICE)


def _infer_python_dtype(values):
    leaves = tree.flatten(list(values))
    kinds = set()
    for v in leaves:
        if isinstance(v, (torch.Tensor, KerasVariable, np.ndarray, np.generic)):
            kinds.add(standardize_dtype(v.dtype) if not isinstance(v, torch.Tensor)
                      else dtype_name(v.dtype))
        else:
            kinds.add(type(v))
    if not kinds:
        return floatx()
    return result_type(*[k if isinstance(k, str) else k(0) for k in kinds])


def convert_to_numpy(x):
    if isinstance(x, KerasVariable):
        x = x.value
    if isinstance(x, torch.Tensor):
        x = x.detach()
        if x.device.type != "cpu":
            x = x.cpu()
        if x.dtype == torch.bfloat16:
            return x.float().numpy().astype("bfloat16") if _has_ml_bfloat16() else x.float().numpy()
        return x.numpy()
    if isinstance(x, (list, tuple)):
        return np.array([convert_to_numpy(v) for v in x])
    return np.asarray(x)


def _has_ml_bfloat16():
    try:
        np.dtype("bfloat16")
        return True
    except TypeError:
        return False


def shape(x):
    """The static shape as a tuple of ints (None for unknown symbolic dims)."""
    if isinstance(x, KerasTensor):
        return x.shape
    return tuple(x.shape)


def cast(x, dtype):
    target = to_backend_dtype(dtype)
    if isinstance(x, KerasVariable):
        x = x.value
    if isinstance(x, torch.Tensor):
        return x if x.dtype == target else x.to(target)
    return convert_to_tensor(x, dtype)


def standardize_tensor_dtype(x):
    return dtype_name(x.dtype)


def cast_floating(x, target):
    """Cast ``x`` to torch dtype ``target`` when it is a float tensor of another dtype
    (the layer autocast rule); anything else passes through unchanged."""
    if isinstance(x, torch.Tensor):
        if x.dtype != target and x.is_floating_point():
            return x.to(target)
        return x
    if isinstance(x, np.ndarray):  # arrays enter a layer as tensors, floats autocast
        t = convert_to_tensor(x)
        return t.to(target) if t.is_floating_point() and t.dtype != target else t
    return x


class Variable(KerasVariable):
    """A Keras variable whose value is a ``torch.nn.Parameter``."""

    def __init__(self, *args, **kwargs):
        # A layer built while shapes are being traced on fake tensors must still get
        # real weights: create (and initialize) them outside the fake mode.
        with unset_fake_temporarily():
            super().__init__(*args, **kwargs)

    def _initialize(self, value):
        t = convert_to_tensor(value, dtype=self._dtype)
        if t.device != _DEVICE:
            t = t.to(_DEVICE)
        grad = self._trainable and (t.is_floating_point() or t.is_complex())
        self._value = torch.nn.Parameter(t.detach().clone(), requires_grad=grad)
        self._shape = tuple(t.shape)

    def _convert_to_tensor(self, value, dtype=None):
        return convert_to_tensor(value, dtype=dtype)

    # Fast paths: metrics and optimizers update variables every step. Writing through
    # `.data` changes the value in place without recording anything for autograd.
    def assign(self, value):
        if isinstance(value, torch.Tensor) and value.shape == self._value.shape and \
                value.dtype == self._value.dtype and not global_state.in_symbolic_scope():
            self._value.data.copy_(value)
            return self._value
        return super().assign(value)

    def assign_add(self, value):
        if global_state.in_symbolic_scope():
            return value
        if not isinstance(value, torch.Tensor) or value.dtype != self._value.dtype:
            value = convert_to_tensor(value, dtype=self._dtype)
        self._value.data.add_(value)
        return self._value

    def assign_sub(self, value):
        if global_state.in_symbolic_scope():
            return value
        if not isinstance(value, torch.Tensor) or value.dtype != self._value.dtype:
            value = convert_to_tensor(value, dtype=self._dtype)
        self._value.data.sub_(value)
        return self._value

    def _direct_assign(self, value):
        with torch.no_grad():
            self._value.copy_(value)

    @KerasVariable.trainable.setter
    def trainable(self, value):
        self._trainable = bool(value)
        if self._value.is_floating_point():
            self._value.requires_grad_(self._trainable)

    def numpy(self):
        # A copy: on CPU the tensor's memory would otherwise be shared, and a saved
        # or returned array would change as training updates the variable.
        return convert_to_numpy(self._value).copy()

    @classmethod
    def __torch_function__(cls, func, types, args=(), kwargs=None):
        # Lets torch functions take a Variable directly: unwrap to the Parameter.
        args = tree.map_structure(lambda v: v.value if isinstance(v, KerasVariable) else v,
                                  args)
        kwargs = tree.map_structure(
            lambda v: v.value if isinstance(v, KerasVariable) else v, kwargs or {})
        return func(*args, **kwargs)


# -- symbolic shape inference -------------------------------------------------

_STAND_INS = (97, 113)
_FAKE_MODE = None


def _fake_mode():
    global _FAKE_MODE
    if _FAKE_MODE is None:
        # A shape environment lets value-dependent ops (nonzero, unique, boolean masks)
        # trace: their unknown sizes come back as symbols, which become None dims.
        _FAKE_MODE = FakeTensorMode(allow_non_fake_inputs=True, shape_env=ShapeEnv())
    return _FAKE_MODE


def compute_output_spec(fn, *args, **kwargs):
    """Run ``fn`` on stand-in tensors to learn its output shapes and dtypes.

    KerasTensors become fake tensors (no memory, no compute). Unknown (None) dims
    are traced twice, with two different sizes: dims that change are None.
    """
    has_none = any(
        isinstance(x, KerasTensor) and None in x.shape for x in tree.flatten((args, kwargs)))
    first = _trace(fn, args, kwargs, _STAND_INS[0])
    if not has_none:
        return tree.map_structure(_to_keras_tensor, first)
    second = _trace(fn, args, kwargs, _STAND_INS[1])
    return tree.map_structure(_merge_specs, first, second)


def _trace(fn, args, kwargs, size):
    mode = _fake_mode()

    def to_fake(x):
        if isinstance(x, KerasTensor):
            shape = tuple(size if d is None else d for d in x.shape)
            return torch.empty(shape, dtype=to_backend_dtype(x.dtype))
        return x

    with global_state.SymbolicScope(), mode:
        fargs = tree.map_structure(to_fake, args)
        fkwargs = tree.map_structure(to_fake, kwargs)
        out = fn(*fargs, **fkwargs)
        return tree.map_structure(
            lambda t: _Spec(tuple(d if isinstance(d, int) else None for d in t.shape),
                            dtype_name(t.dtype)) if isinstance(t, torch.Tensor)
            else t, out)


class _Spec:
    __slots__ = ("shape", "dtype")

    def __init__(self, shape, dtype):
        self.shape, self.dtype = shape, dtype


def _to_keras_tensor(spec):
    return KerasTensor(spec.shape, dtype=spec.dtype) if isinstance(spec, _Spec) else spec


def _merge_specs(a, b):
    if isinstance(a, _Spec):
        shape = tuple(d1 if d1 == d2 else None for d1, d2 in zip(a.shape, b.shape))
        return KerasTensor(shape, dtype=a.dtype)
    return a


# -- core ops -----------------------------------------------------------------

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
        builtins_slice(int(s), int(s) + int(n)) for s, n in zip(start_indices, shape))
    return inputs[idx]


import builtins as _builtins  # noqa: E402

builtins_slice = _builtins.slice


def slice_update(inputs, start_indices, updates):
    inputs = convert_to_tensor(inputs).clone()
    updates = convert_to_tensor(updates, dtype=dtype_name(inputs.dtype))
    idx = tuple(builtins_slice(int(s), int(s) + n) for s, n in zip(start_indices, updates.shape))
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
from ceras.backend.torch.core_rearrange import rearrange  # noqa: E402,F401
from ceras.backend.torch.core_scan import associative_scan  # noqa: E402,F401
