"""The torch step functions of fit / evaluate / predict.

The loop (trainers/) is backend-agnostic; it asks this module for a function
that runs one step (or ``steps_per_execution`` steps) on a batch of tensors.
The default step is: gradients set to None, forward, loss, ``backward()``,
one fused optimizer update, and the loss and metrics accumulated on the
device. Nothing here reads a value back to the host.

The model supplies the backend-agnostic pieces (``_step_forward`` and
``_step_loss``: the call context, regularization losses, the compiled loss);
this module adds what is torch's: grad handling, ``no_grad``, devices and
``torch.compile``.
"""
import os
import warnings

import numpy as np
import torch

from ceras.backend.common import tree
from ceras.backend.torch import core


def no_grad():
    return torch.no_grad()


def set_determinism(enabled):
    """Deterministic kernels only (``torch.use_deterministic_algorithms``)."""
    if enabled:
        # cuBLAS needs a fixed workspace to be deterministic; it must be set early.
        os.environ.setdefault("CUBLAS_WORKSPACE_CONFIG", ":4096:8")
        torch.backends.cudnn.benchmark = False  # autotuning picks kernels by timing
    torch.use_deterministic_algorithms(bool(enabled), warn_only=True)
    torch.backends.cudnn.deterministic = bool(enabled)


def _mover():
    """A function moving a batch to the current device (None on the CPU)."""
    device = core._DEVICE
    if device.type == "cpu":
        return None

    def move(data):
        return tree.map_structure(
            lambda t: t.to(device, non_blocking=True) if isinstance(t, torch.Tensor) else t,
            data)

    return move


def _unpack(data):
    if type(data) is tuple:
        n = len(data)
        if n == 2:
            return data[0], data[1], None
        if n == 3:
            return data
        if n == 1:
            return data[0], None, None
    elif isinstance(data, (tuple, list)):
        return _unpack(tuple(data))
    else:
        return data, None, None
    raise ValueError(
        "Data is expected to be in format `x`, `(x,)`, `(x, y)`, or `(x, y, sample_weight)`, "
        f"found a tuple of {len(data)} elements.")


def _batch_size(x):
    if isinstance(x, torch.Tensor):
        return x.shape[0]
    for leaf in tree.flatten(x):
        if hasattr(leaf, "shape") and len(leaf.shape):
            return leaf.shape[0]
    return 1


def accumulate_mean(mean_metric, value, count):
    """``Mean.update_state(value, sample_weight=count)`` for a scalar ``value``, as two
    in-place device adds (no new Variables values, no sync)."""
    with torch.no_grad():
        mean_metric.total.value.add_(value.detach().to(mean_metric.total.value.dtype),
                                     alpha=count)
        mean_metric.count.value.add_(count)


def _scales_loss(optimizer):
    """Whether the loss must go through ``optimizer.scale_loss`` before backward:
    a loss_scale_factor, or a LossScaleOptimizer (mixed precision)."""
    return optimizer is not None and (
        getattr(optimizer, "loss_scale_factor", None) is not None
        or hasattr(optimizer, "inner_optimizer"))


def _wrap_steps(one_step, steps_per_execution):
    if steps_per_execution == 1:
        return one_step

    def several_steps(batches):
        logs = None
        for data in batches:
            logs = one_step(data)
        return logs

    return several_steps


def _compiled(fn, model, what):
    """``torch.compile(fn)``, falling back to ``fn`` (with a warning) if compiling fails."""
    compiled = torch.compile(fn, dynamic=None)
    state = {"fn": compiled}

    def run(*args):
        try:
            return state["fn"](*args)
        except Exception as e:  # noqa: BLE001 - any compiler failure: run eagerly
            if state["fn"] is fn:
                raise
            # If the eager run fails as well, the error is the model's: it propagates.
            result = fn(*args)
            warnings.warn(
                f'jit_compile=True: torch.compile failed on the {what} step of model '
                f'"{model.name}" ({type(e).__name__}: {e}); running eagerly instead.',
                stacklevel=2)
            state["fn"] = fn
            return result

    return run


def make_train_function(model, steps_per_execution=1, jit_compile=False):
    """A function running the train step on one batch (or a list of
    ``steps_per_execution`` batches). It returns the logs of a user-defined
    ``train_step``, or None for the built-in one (the loop then reads the metrics
    lazily)."""
    move = _mover()
    if not model._uses_default_step("train_step"):
        def custom_step(data):
            return model.train_step(move(data) if move else data)

        return _wrap_steps(custom_step, steps_per_execution)

    optimizer = model.optimizer
    forward = model._step_forward(training=True)
    compute_loss = model._step_loss(training=True)
    tracker = model._loss_tracker
    update_metrics = model._step_metrics()
    scale_loss = _scales_loss(optimizer)
    # The trainable variables, known once the model is built (it may build on the
    # first forward, when fit could not build it from a peeked batch).
    variables = params = None

    def gather_variables():
        nonlocal variables, params
        variables = list(model.trainable_variables)
        params = [v.value for v in variables]
        if not params:
            warnings.warn(f'Model "{model.name}" has no trainable weights: fit() only '
                          "computes the loss and metrics.", stacklevel=4)

    if model.built and model.weights:
        gather_variables()

    def forward_and_loss(x, y, sample_weight):
        y_pred = forward(x)
        return y_pred, compute_loss(x, y, y_pred, sample_weight)

    if jit_compile:
        forward_and_loss = _compiled(forward_and_loss, model, "train")

    def one_step(data):
        if move is not None:
            data = move(data)
        x, y, sample_weight = _unpack(data)
        if params is None:
            y_pred, loss = forward_and_loss(x, y, sample_weight)
            gather_variables()
        else:
            for p in params:
                p.grad = None
            y_pred, loss = forward_and_loss(x, y, sample_weight)
        if params:
            (optimizer.scale_loss(loss) if scale_loss else loss).backward()
            optimizer.apply([p.grad for p in params], variables)
        with torch.no_grad():
            count = _batch_size(x)
            tracker.total.value.add_(loss.detach(), alpha=count)
            tracker.count.value.add_(count)
            if update_metrics is not None:
                update_metrics(x, y, y_pred.detach() if isinstance(y_pred, torch.Tensor)
                               else tree.map_structure(_detach, y_pred), sample_weight)
        return None

    return _wrap_steps(one_step, steps_per_execution)


def _detach(t):
    return t.detach() if isinstance(t, torch.Tensor) else t


def make_test_function(model, steps_per_execution=1, jit_compile=False):
    """Like ``make_train_function``, for evaluate: no gradients, no update."""
    move = _mover()
    if not model._uses_default_step("test_step"):
        def custom_step(data):
            with torch.no_grad():
                return model.test_step(move(data) if move else data)

        return _wrap_steps(custom_step, steps_per_execution)

    forward = model._step_forward(training=False)
    compute_loss = model._step_loss(training=False)
    tracker = model._loss_tracker
    update_metrics = model._step_metrics()

    def forward_and_loss(x, y, sample_weight):
        y_pred = forward(x)
        return y_pred, compute_loss(x, y, y_pred, sample_weight)

    if jit_compile:
        forward_and_loss = _compiled(forward_and_loss, model, "test")

    def one_step(data):
        if move is not None:
            data = move(data)
        x, y, sample_weight = _unpack(data)
        with torch.no_grad():
            y_pred, loss = forward_and_loss(x, y, sample_weight)
            count = _batch_size(x)
            tracker.total.value.add_(loss, alpha=count)
            tracker.count.value.add_(count)
            if update_metrics is not None:
                update_metrics(x, y, y_pred, sample_weight)
        return None

    return _wrap_steps(one_step, steps_per_execution)


def make_predict_function(model, steps_per_execution=1, jit_compile=False):
    """A function returning the predictions of one batch (a list of them with
    ``steps_per_execution`` > 1)."""
    move = _mover()
    if not model._uses_default_step("predict_step"):
        def one_step(data):
            with torch.no_grad():
                return model.predict_step(move(data) if move else data)
    else:
        forward = model._step_forward(training=False)
        if jit_compile:
            forward = _compiled(forward, model, "predict")

        def one_step(data):
            if move is not None:
                data = move(data)
            x, _, _ = _unpack(data)
            with torch.no_grad():
                return forward(x)

    if steps_per_execution == 1:
        return one_step
    return lambda batches: [one_step(data) for data in batches]


# -- the steps as Keras defines them (what `super().train_step(data)` runs) -----

def train_step(model, data):
    x, y, sample_weight = _unpack(data)
    variables = list(model.trainable_variables)
    for v in variables:
        v.value.grad = None
    y_pred = model(x, training=True)
    loss = model._compute_loss_checked(x, y, y_pred, sample_weight, training=True)
    accumulate_mean(model._loss_tracker, loss, _batch_size(x))
    if variables:
        optimizer = model.optimizer
        if _scales_loss(optimizer):
            loss = optimizer.scale_loss(loss)
        loss.backward()
        optimizer.apply([v.value.grad for v in variables], variables)
    with torch.no_grad():
        return model.compute_metrics(x, y, tree.map_structure(_detach, y_pred),
                                     sample_weight=sample_weight)


def test_step(model, data):
    x, y, sample_weight = _unpack(data)
    with torch.no_grad():
        y_pred = model(x, training=False)
        loss = model._compute_loss_checked(x, y, y_pred, sample_weight, training=False)
        accumulate_mean(model._loss_tracker, loss, _batch_size(x))
        return model.compute_metrics(x, y, y_pred, sample_weight=sample_weight)


def predict_step(model, data):
    x, _, _ = _unpack(data)
    with torch.no_grad():
        return model(x, training=False)


# -- outputs --------------------------------------------------------------------

def concatenate_outputs(batches):
    """One NumPy array per output leaf, from a list of per-batch outputs (one
    device-to-host copy per leaf)."""
    first = batches[0]
    if len(batches) == 1 and type(first) is torch.Tensor and first.device.type == "cpu" \
            and first.dtype != torch.bfloat16:
        return first.detach().numpy()  # one batch of one output: single-sample predict
    flat = [tree.flatten(b) for b in batches]
    out = []
    for i in range(len(flat[0])):
        parts = [f[i] for f in flat]
        if isinstance(parts[0], torch.Tensor):
            joined = parts[0] if len(parts) == 1 else torch.cat(parts, dim=0)
            out.append(core.convert_to_numpy(joined))
        else:
            out.append(np.concatenate([np.asarray(p) for p in parts], axis=0))
    return tree.pack_sequence_as(first, out)


def take_rows(x, rows):
    """Rows ``rows`` (an int64 tensor) of ``x``: the batch gather of a shuffled epoch."""
    return torch.index_select(x, 0, rows)


def host_array_to_tensor(array):
    """A NumPy array (numeric, C-contiguous, writable) as a CPU tensor, sharing memory."""
    return torch.from_numpy(array)
