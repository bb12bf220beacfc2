"""The JAX step functions of fit / evaluate / predict.

The loop (trainers/) is backend-agnostic; it asks this module for a function that
runs one step (or ``steps_per_execution`` steps) on a batch. On JAX a step is a pure
function of the model's state::

    (trainable, non_trainable, optimizer_vars, metrics_vars), batch -> new state

compiled once with ``jax.jit`` (the state's buffers donated, so XLA updates them in
place). Inside it the model, the loss, the optimizer and the metrics run unchanged:
a StatelessScope maps every Variable to the traced value it has in the step, and
records the values they are assigned. After a step the new arrays are bound to the
Variables (a Python attribute per variable, no copy), so callbacks, ``get_weights``
and saving see the current state and nothing is read back to the host.

A step that cannot be traced (a metric or optimizer that reads values in Python,
strings in the batch) runs the same pure function without ``jit`` after a warning;
so does every step under ``run_eagerly=True``.
"""
import contextlib
import inspect
import warnings

import jax
import jax.numpy as jnp
import numpy as np

from ceras.backend.common import tree
from ceras.backend.common.stateless_scope import StatelessScope
from ceras.backend.jax import core


def no_grad():
    return contextlib.nullcontext()


def set_determinism(enabled):
    """XLA's CPU kernels are deterministic; on GPU, ask for deterministic reductions."""
    if enabled:
        import os  # noqa: PLC0415 - only when asked

        flags = os.environ.get("XLA_FLAGS", "")
        if "--xla_gpu_deterministic_ops" not in flags:
            os.environ["XLA_FLAGS"] = f"{flags} --xla_gpu_deterministic_ops=true".strip()


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
    if hasattr(x, "shape"):
        return x.shape[0]
    for leaf in tree.flatten(x):
        if hasattr(leaf, "shape") and len(leaf.shape):
            return leaf.shape[0]
    return 1


def accumulate_mean(mean_metric, value, count):
    """``Mean.update_state(value, sample_weight=count)`` for a scalar ``value``."""
    total = mean_metric.total
    total.assign_add(jnp.asarray(value, total.dtype) * count)
    mean_metric.count.assign_add(count)


def _scales_loss(optimizer):
    """Whether the loss goes through ``optimizer.scale_loss`` before the gradient."""
    return optimizer is not None and (
        getattr(optimizer, "loss_scale_factor", None) is not None
        or hasattr(optimizer, "inner_optimizer"))


def _takes_state(method):
    """A JAX-style ``train_step(state, data)`` (Keras's documented form on JAX)."""
    params = [p for p in inspect.signature(method).parameters.values()
              if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    return len(params) == 2


def _unique(variables, seen):
    out = []
    for v in variables:
        if id(v) not in seen:
            seen.add(id(v))
            out.append(v)
    return out


class _State:
    """The model's Variables in the four groups a step threads through."""

    def __init__(self, model, optimizer=True, metrics=True):
        seen = set()
        self.trainable = _unique(model.trainable_variables, seen)
        self.non_trainable = _unique(model.non_trainable_variables, seen)
        opt = model.optimizer if optimizer else None
        self.optimizer = _unique(opt.variables, seen) if opt is not None else []
        self.metrics = _unique(model.metrics_variables, seen) if metrics else []
        self.groups = (self.trainable, self.non_trainable, self.optimizer, self.metrics)
        self.count = sum(len(g) for g in self.groups)

    def values(self):
        values = tuple([v._value for v in group] for group in self.groups)
        ids = {id(a) for group in values for a in group}
        if len(ids) != self.count:
            # Two variables holding the same array (one was assigned the other): a
            # buffer may be donated only once.
            values = tuple([jnp.array(a, copy=True) for a in group] for group in values)
        return values

    def write(self, values):
        for group, new in zip(self.groups, values):
            for variable, value in zip(group, new):
                variable._value = value

    def mapping(self, values, groups=(0, 1, 2, 3)):
        pairs = []
        for i in groups:
            pairs.extend(zip(self.groups[i], values[i]))
        return pairs


def _current(scope, variables, fallback):
    return [_or(scope.get_current_value(v), f) for v, f in zip(variables, fallback)]


def _or(value, default):
    return default if value is None else value


class _Step:
    """A pure step over ``_State``, jitted on first use (eager after a failed trace)."""

    def __init__(self, model, make_pure, what, donate=True, state_groups=None):
        self.model = model
        self.make_pure = make_pure
        self.what = what
        self.donate = donate
        self.state_groups = state_groups or {}
        self.state = None
        self.fn = None
        self.eager = bool(getattr(model, "run_eagerly", False))

    def _build(self):
        self.state = _State(self.model, **self.state_groups)
        pure = self.make_pure(self.state)
        self.fn = pure if self.eager else jax.jit(
            pure, donate_argnums=(0,) if self.donate else ())

    def _prepare(self, data):
        """Create every variable the step touches (optimizer slots, metrics built on
        first use) by tracing the step once abstractly, then fix the state layout. The
        trace is jit's own (cached), so the first real call does not trace again."""
        optimizer = getattr(self.model, "optimizer", None)
        if self.state_groups.get("optimizer", True) and optimizer is not None and \
                self.model.built and not getattr(optimizer, "built", True):
            optimizer.build(self.model.trainable_variables)
        for _ in range(3):
            self._build()
            try:
                jax.eval_shape(self.fn, self.state.values(), data)
            except Exception:  # noqa: BLE001 - reported by the real (jit or eager) run
                return
            if _State(self.model, **self.state_groups).count == self.state.count:
                return
        self._build()

    def __call__(self, data):
        if self.fn is None:
            self._prepare(data)
            if not self.eager:
                return self._first_jit_call(data)
        new_state, out = self.fn(self.state.values(), data)
        self.state.write(new_state)
        return out

    def _first_jit_call(self, data):
        values = self.state.values()
        try:
            with warnings.catch_warnings():
                warnings.filterwarnings("ignore", message=".*donated buffers.*")
                new_state, out = self.fn(values, data)
        except Exception as error:  # noqa: BLE001 - retried eagerly, which re-raises
            if not _is_trace_error(error):
                raise
            self.eager = True
            self.fn = None
            self._prepare(data)
            new_state, out = self.fn(self.state.values(), data)
            warnings.warn(
                f'The {self.what} step of model "{self.model.name}" cannot be compiled with '
                f"jax.jit ({type(error).__name__}: {str(error).splitlines()[0]}); it runs "
                "eagerly instead, which is much slower. Pass `run_eagerly=True` to "
                "compile() to silence this warning.", stacklevel=3)
        self.state.write(new_state)
        return out


def _is_trace_error(error):
    """Errors of code that works on values but not under jit."""
    return isinstance(error, (jax.errors.JAXTypeError, jax.errors.ConcretizationTypeError,
                              jax.errors.TracerBoolConversionError,
                              jax.errors.TracerIntegerConversionError,
                              jax.errors.TracerArrayConversionError,
                              jax.errors.NonConcreteBooleanIndexError,
                              jax.errors.UnexpectedTracerError, TypeError))


def _wrap_steps(one_step, steps_per_execution):
    if steps_per_execution == 1:
        return one_step

    def several_steps(batches):
        logs = None
        for data in batches:
            logs = one_step(data)
        return logs

    return several_steps


# -- train ----------------------------------------------------------------------

def make_train_function(model, steps_per_execution=1, jit_compile=False):
    """A function running the train step on one batch (or a list of
    ``steps_per_execution`` batches). It returns the logs of a user-defined
    ``train_step``, or None for the built-in one (the loop then reads the metrics
    lazily)."""
    if not model._uses_default_step("train_step"):
        if _takes_state(model.train_step):
            return _wrap_steps(_custom_state_step(model, "train_step", "train"),
                               steps_per_execution)
        return _wrap_steps(model.train_step, steps_per_execution)
    optimizer = model.optimizer
    forward = model._step_forward(training=True)
    compute_loss = model._step_loss(training=True)
    tracker = model._loss_tracker
    update_metrics = model._step_metrics()
    scale_loss = _scales_loss(optimizer)
    if optimizer is not None and model.built and not getattr(optimizer, "built", True):
        optimizer.build(model.trainable_variables)

    def make_pure(state):
        def pure(values, data):
            trainable, non_trainable, opt_values, metric_values = values
            x, y, sample_weight = _unpack(data)

            def loss_fn(trainable_values):
                # Metrics too: a compiled loss tracks its per-output losses as it runs.
                with StatelessScope(state.mapping(
                        (trainable_values, non_trainable, (), metric_values),
                        (0, 1, 3))) as scope:
                    y_pred = forward(x)
                    loss = compute_loss(x, y, y_pred, sample_weight)
                    scaled = optimizer.scale_loss(loss) if scale_loss else loss
                return scaled, (loss, y_pred,
                                _current(scope, state.non_trainable, non_trainable),
                                _current(scope, state.metrics, metric_values))

            if state.trainable:
                grad_fn = jax.value_and_grad(loss_fn, has_aux=True)
                (_, (loss, y_pred, non_trainable, metric_values)), grads = grad_fn(trainable)
                with StatelessScope(state.mapping(
                        (trainable, non_trainable, opt_values, ()), (0, 1, 2))) as scope:
                    optimizer.apply(grads, state.trainable)
                trainable = _current(scope, state.trainable, trainable)
                non_trainable = _current(scope, state.non_trainable, non_trainable)
                opt_values = _current(scope, state.optimizer, opt_values)
            else:
                _, (loss, y_pred, non_trainable, metric_values) = loss_fn(trainable)
            with StatelessScope(state.mapping(((), (), (), metric_values), (3,))) as scope:
                count = _batch_size(x)
                tracker.total.assign_add(loss.astype(tracker.total.dtype) * count)
                tracker.count.assign_add(count)
                if update_metrics is not None:
                    update_metrics(x, y, jax.lax.stop_gradient(y_pred), sample_weight)
            metric_values = _current(scope, state.metrics, metric_values)
            return (trainable, non_trainable, opt_values, metric_values), None

        return pure

    step = _Step(model, make_pure, "train")
    warned = []

    def one_step(data):
        if step.fn is None and model.built and not model.trainable_variables and not warned:
            warned.append(True)
            warnings.warn(f'Model "{model.name}" has no trainable weights: fit() only '
                          "computes the loss and metrics.", stacklevel=3)
        return step(data)

    return _wrap_steps(one_step, steps_per_execution)


def _custom_state_step(model, name, what):
    """A user's ``train_step(state, data)`` / ``test_step(state, data)`` returning
    ``(logs, state)``, jitted with the state donated."""
    method = getattr(model, name)

    def make_pure(state):
        def pure(values, data):
            logs, new_state = method(tuple(values), data)
            new_state = tuple(list(v) for v in new_state)
            if len(new_state) < 4:  # test_step's state has no optimizer variables
                new_state = (new_state[0], new_state[1], list(values[2]), new_state[-1])
            return new_state, logs

        return pure

    groups = {} if name == "train_step" else {"optimizer": False}
    return _Step(model, make_pure, what, state_groups=groups)


# -- test -----------------------------------------------------------------------

def make_test_function(model, steps_per_execution=1, jit_compile=False):
    """Like ``make_train_function``, for evaluate: no gradients, no update."""
    if not model._uses_default_step("test_step"):
        if _takes_state(model.test_step):
            return _wrap_steps(_custom_state_step(model, "test_step", "test"),
                               steps_per_execution)
        return _wrap_steps(model.test_step, steps_per_execution)
    forward = model._step_forward(training=False)
    compute_loss = model._step_loss(training=False)
    tracker = model._loss_tracker
    update_metrics = model._step_metrics()

    def make_pure(state):
        def pure(values, data):
            trainable, non_trainable, opt_values, metric_values = values
            x, y, sample_weight = _unpack(data)
            with StatelessScope(state.mapping(values)) as scope:
                y_pred = forward(x)
                loss = compute_loss(x, y, y_pred, sample_weight)
                count = _batch_size(x)
                tracker.total.assign_add(loss.astype(tracker.total.dtype) * count)
                tracker.count.assign_add(count)
                if update_metrics is not None:
                    update_metrics(x, y, y_pred, sample_weight)
            metric_values = _current(scope, state.metrics, metric_values)
            return (trainable, non_trainable, opt_values, metric_values), None

        return pure

    step = _Step(model, make_pure, "test", state_groups={"optimizer": False})
    return _wrap_steps(step, steps_per_execution)


# -- predict --------------------------------------------------------------------

def make_predict_function(model, steps_per_execution=1, jit_compile=False):
    """A function returning the predictions of one batch (a list of them with
    ``steps_per_execution`` > 1)."""
    if not model._uses_default_step("predict_step"):
        if _takes_state(model.predict_step):
            def make_custom(state):
                def pure(values, data):
                    outputs, non_trainable = model.predict_step(
                        (values[0], values[1]), data)
                    return (values[0], list(non_trainable), values[2], values[3]), outputs
                return pure

            one_step = _Step(model, make_custom, "predict", donate=False,
                             state_groups={"optimizer": False, "metrics": False})
        else:
            one_step = model.predict_step
    else:
        forward = model._step_forward(training=False)

        def make_pure(state):
            def pure(values, data):
                x, _, _ = _unpack(data)
                with StatelessScope(state.mapping(values, (0, 1))):
                    outputs = forward(x)
                return values, outputs

            return pure

        one_step = _Step(model, make_pure, "predict", donate=False,
                         state_groups={"optimizer": False, "metrics": False})
    if steps_per_execution == 1:
        return one_step
    return lambda batches: [one_step(data) for data in batches]


# -- the steps as Keras defines them (what `super().train_step(data)` runs) -----

def train_step(model, data):
    """One eager training step: the gradients come from ``jax.value_and_grad`` of the
    model called through a StatelessScope."""
    x, y, sample_weight = _unpack(data)
    variables = list(model.trainable_variables)
    non_trainable = list(model.non_trainable_variables)
    optimizer = model.optimizer
    scale = _scales_loss(optimizer)

    def loss_fn(values):
        mapping = list(zip(variables, values)) + [(v, v.value) for v in non_trainable]
        with StatelessScope(mapping) as scope:
            y_pred = model(x, training=True)
            loss = model._compute_loss_checked(x, y, y_pred, sample_weight, training=True)
            scaled = optimizer.scale_loss(loss) if scale else loss
        return scaled, (loss, y_pred, [scope.get_current_value(v) for v in non_trainable])

    (_, (loss, y_pred, new_nt)), grads = jax.value_and_grad(loss_fn, has_aux=True)(
        [v.value for v in variables])
    for variable, value in zip(non_trainable, new_nt):
        variable.assign(value)
    accumulate_mean(model._loss_tracker, loss, _batch_size(x))
    if variables:
        optimizer.apply(grads, variables)
    return model.compute_metrics(x, y, y_pred, sample_weight=sample_weight)


def test_step(model, data):
    x, y, sample_weight = _unpack(data)
    y_pred = model(x, training=False)
    loss = model._compute_loss_checked(x, y, y_pred, sample_weight, training=False)
    accumulate_mean(model._loss_tracker, loss, _batch_size(x))
    return model.compute_metrics(x, y, y_pred, sample_weight=sample_weight)


def predict_step(model, data):
    x, _, _ = _unpack(data)
    return model(x, training=False)


# -- outputs --------------------------------------------------------------------

def concatenate_outputs(batches):
    """One NumPy array per output leaf, from a list of per-batch outputs."""
    first = batches[0]
    flat = [tree.flatten(b) for b in batches]
    out = []
    for i in range(len(flat[0])):
        parts = [f[i] for f in flat]
        if isinstance(parts[0], jax.Array):
            joined = parts[0] if len(parts) == 1 else jnp.concatenate(parts, axis=0)
            out.append(np.asarray(joined))
        else:
            out.append(np.concatenate([np.asarray(p) for p in parts], axis=0))
    return tree.pack_sequence_as(first, out)


def take_rows(x, rows):
    """Rows ``rows`` of ``x``: the batch gather of a shuffled epoch."""
    return jnp.take(x, rows, axis=0)


def host_array_to_tensor(array):
    """Host data stays a NumPy array: batches are sliced on the host and a jitted step
    copies each one to the device as it runs (no per-batch dispatch of a slice op)."""
    return array


_ = core
