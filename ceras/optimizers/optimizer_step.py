"""The step of an optimizer, written once with ``ceras.ops``.

``apply`` runs, in Keras's order: drop variables without a gradient, undo
``loss_scale_factor``, accumulate (``gradient_accumulation_steps``), clip, decay the
weights (decoupled: ``var -= var * weight_decay * lr``), update each variable
(``update_step``, the readable per-variable math of each optimizer), update the moving
averages (``use_ema``), count the step. Each stage is a method, so ``Optimizer``
(optimizer.py) can hand it to the backend's fused multi-tensor kernels.
"""
import functools
import operator
import warnings

from ceras import backend, ops

_is_none = functools.partial(operator.is_, None)


class _Plan:
    """What one set of (variable, gradient) pairs needs, computed on first use and cached:
    the variables' positions in the built list, their tensors and their slots' tensors."""

    __slots__ = ("indices", "kept", "variables", "values", "decayed", "decayed_values",
                 "_slots")

    def __init__(self, indices, kept, variables, decayed):
        self.indices = indices
        self.kept = kept  # positions of the non-None gradients, or None when all are present
        self.variables = variables
        self.values = [v.value for v in variables]
        self.decayed = decayed  # positions (in `variables`) subject to weight decay
        self.decayed_values = [self.values[j] for j in decayed]
        self._slots = {}

    def slots(self, slot_variables):
        """The tensors of ``slot_variables`` (a list aligned with the built variables)
        for this plan's variables."""
        entry = self._slots.get(id(slot_variables))
        if entry is None or entry[0] is not slot_variables:
            entry = (slot_variables, [slot_variables[i].value for i in self.indices])
            self._slots[id(slot_variables)] = entry
        return entry[1]


class OptimizerStepMixin:
    """``apply`` and its stages; mixed into BaseOptimizer."""

    def apply_gradients(self, grads_and_vars):
        grads, trainable_variables = zip(*grads_and_vars)
        self.apply(list(grads), list(trainable_variables))
        return self._iterations

    def apply(self, grads, trainable_variables=None):
        """Update ``trainable_variables`` (default: the ones the optimizer was built with)
        with ``grads`` (backend tensors; None for a variable without gradient)."""
        if not isinstance(grads, list):
            grads = list(grads)
        if trainable_variables is not None and not isinstance(trainable_variables,
                                                              (list, tuple)):
            trainable_variables = list(trainable_variables)
        plan = self._plan_for(grads, trainable_variables)
        if plan.kept is not None:
            grads = [grads[i] for i in plan.kept]
        if not backend.is_tensor(grads[0]):
            grads = [backend.convert_to_tensor(g, dtype=v.dtype)
                     for g, v in zip(grads, plan.variables)]
        self._apply_step(grads, plan)

    def stateless_apply(self, optimizer_variables, grads, trainable_variables):
        """One step on the given values, leaving this optimizer and the variables as they
        were; returns ``(new trainable values, new optimizer variable values)``."""
        if not self.built:
            raise ValueError(
                f"Optimizer '{self.name}' must be built (call `optimizer.build(variables)`) "
                "before `stateless_apply`."
            )
        own = self.variables
        saved = [v.numpy() for v in own] + [v.numpy() for v in self._trainable_variables]
        try:
            for variable, value in zip(own, optimizer_variables):
                variable.assign(value)
            for variable, value in zip(self._trainable_variables, trainable_variables):
                variable.assign(value)
            self.apply(grads)
            return ([ops.copy(v.value) for v in self._trainable_variables],
                    [ops.copy(v.value) for v in own])
        finally:
            for variable, value in zip(own + self._trainable_variables, saved):
                variable.assign(value)

    def _plan_for(self, grads, trainable_variables):
        if trainable_variables is None:
            if not self.built:
                raise ValueError(
                    "When passing `grads` without `variables`, the optimizer must already be "
                    "built on a list of variables. Call `optimizer.build(trainable_variables)` "
                    "first."
                )
            trainable_variables = self._trainable_variables
        key = (tuple(map(id, trainable_variables)), tuple(map(_is_none, grads)))
        plan = self._plans.get(key)
        if plan is None:
            plan = self._make_plan(grads, trainable_variables)
            if len(self._plans) > 32:
                self._plans.clear()
            self._plans[key] = plan
        return plan

    def _make_plan(self, grads, trainable_variables):
        trainable_variables = list(trainable_variables)
        if len(grads) != len(trainable_variables):
            raise ValueError(
                f"Optimizer '{self.name}' received {len(grads)} gradients for "
                f"{len(trainable_variables)} variables; expected one gradient (or None) per "
                "variable."
            )
        if not self.built:
            self.build(trainable_variables)
        for v in trainable_variables:
            if id(v) not in self._indices:
                raise ValueError(
                    f"Unknown variable: {v}. This optimizer can only be called for the "
                    "variables it was originally built with. When working with a new set of "
                    "variables, you should recreate a new optimizer instance."
                )
        kept = [i for i, g in enumerate(grads) if g is not None]
        if not kept:
            raise ValueError("No gradients provided for any variable.")
        if len(kept) < len(grads):
            missing = [trainable_variables[i].name for i, g in enumerate(grads) if g is None]
            warnings.warn(
                f"Gradients do not exist for variables {missing} when minimizing the loss. "
                "If using `model.compile()`, did you forget to provide a `loss` argument?"
            )
        variables = [trainable_variables[i] for i in kept]
        decayed = [j for j, v in enumerate(variables) if self._use_weight_decay(v)]
        return _Plan([self._indices[id(v)] for v in variables],
                     None if len(kept) == len(grads) else kept, variables, decayed)

    def _apply_step(self, grads, plan):
        if self.loss_scale_factor is not None:
            grads = self._scale_gradients(grads, 1.0 / self.loss_scale_factor)
        if self.gradient_accumulation_steps:
            grads = self._accumulate_gradients(grads, plan)
        if grads is not None:
            learning_rate = self._current_learning_rate()
            grads = self._clip_gradients(grads)
            if self._has_weight_decay():
                self._apply_weight_decay(plan, learning_rate)
            self._update(grads, plan, learning_rate)
        if self.use_ema:
            self._update_moving_averages()
            if self.ema_overwrite_frequency:
                self._overwrite_with_moving_averages()
        self._increment_iterations()

    # The generic (per-variable, ops-only) implementation of each stage. ------
    def _scale_gradients(self, grads, factor):
        return [g * factor for g in grads]

    def _accumulate_gradients(self, grads, plan):
        """Add into the accumulators; the mean gradient on every n-th call, else None.
        Which call it is decides what runs, so the count is read back once per step."""
        steps = self.gradient_accumulation_steps
        accumulators = [self._accumulated_gradients[i] for i in plan.indices]
        if (int(ops.convert_to_numpy(self._iterations)) + 1) % steps != 0:
            for acc, g in zip(accumulators, grads):
                acc.assign_add(g)
            return None
        mean = [(g + acc) / steps for g, acc in zip(grads, accumulators)]
        for acc in accumulators:
            acc.assign(ops.zeros(acc.shape, dtype=acc.dtype))
        return mean

    def _clip_gradients(self, grads):
        if self.clipnorm and self.clipnorm > 0:
            return [_clip_by_norm(g, self.clipnorm) for g in grads]
        if self.global_clipnorm and self.global_clipnorm > 0:
            norm = ops.sqrt(sum(ops.sum(ops.square(g)) for g in grads))
            factor = self.global_clipnorm * ops.minimum(1.0 / norm, 1.0 / self.global_clipnorm)
            return [g * ops.cast(factor, ops.dtype(g)) for g in grads]
        if self.clipvalue and self.clipvalue > 0:
            return [ops.clip(g, -self.clipvalue, self.clipvalue) for g in grads]
        return grads

    def _has_weight_decay(self):
        return self.weight_decay is not None

    def _apply_weight_decay(self, plan, learning_rate):
        for j in plan.decayed:
            variable = plan.variables[j]
            wd = ops.cast(self.weight_decay, variable.dtype)
            lr = ops.cast(learning_rate, variable.dtype)
            variable.assign(variable - variable * wd * lr)

    def _update(self, grads, plan, learning_rate):
        for g, variable in zip(grads, plan.variables):
            self.update_step(g, variable, learning_rate)

    def update_step(self, gradient, variable, learning_rate):
        """Update one variable; every optimizer defines it."""
        raise NotImplementedError(f"{type(self).__name__} must implement update_step()")

    def _update_moving_averages(self):
        not_first_step = ops.not_equal(self.iterations, 0)
        for variable, average in zip(self._trainable_variables,
                                     self._model_variables_moving_average):
            momentum = ops.cast(not_first_step, variable.dtype) * self.ema_momentum
            average.assign(momentum * average + (1 - momentum) * variable)

    def _overwrite_with_moving_averages(self):
        due = ops.equal((self.iterations + 1) % self.ema_overwrite_frequency, 0)
        for variable, average in zip(self._trainable_variables,
                                     self._model_variables_moving_average):
            variable.assign(ops.where(due, average, variable))

    def _increment_iterations(self):
        self._iterations.assign_add(1)

    def _variable_index(self, variable):
        return self._indices[id(variable)]


def _clip_by_norm(g, clipnorm):
    # Keras: g * clipnorm / max(||g||, clipnorm).
    norm = ops.sqrt(ops.sum(ops.square(g)))
    return g * clipnorm / ops.maximum(norm, clipnorm)
