"""BaseOptimizer: Keras 3's optimizer contract, written once with ``ceras.ops``.

One step (``apply``) runs, in Keras's order: drop variables without a gradient, undo
``loss_scale_factor``, accumulate (``gradient_accumulation_steps``), clip, decay the
weights (decoupled: ``var -= var * weight_decay * lr``), update each variable
(``update_step``, the readable per-variable math of each optimizer), update the moving
averages (``use_ema``), count the step. ``Optimizer`` (optimizer.py) replaces the
per-variable loops with the backend's fused multi-tensor kernels where it has them.
"""
import functools
import operator
import re
import warnings

import numpy as np

from ceras import backend, initializers, ops
from ceras.backend.common import global_state
from ceras.optimizers import schedules
from ceras.saving import serialization_lib

_LearningRateSchedule = schedules.LearningRateSchedule
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


class BaseOptimizer:
    _fused_update_step = None  # Optimizer subclasses with a backend kernel define it

    def __init__(self, learning_rate, weight_decay=None, clipnorm=None, clipvalue=None,
                 global_clipnorm=None, use_ema=False, ema_momentum=0.99,
                 ema_overwrite_frequency=None, loss_scale_factor=None,
                 gradient_accumulation_steps=None, name=None, **kwargs):
        if kwargs.pop("decay", None) is not None:
            warnings.warn("Argument `decay` is no longer supported and will be ignored.")
        if kwargs:
            raise ValueError(f"Argument(s) not recognized: {kwargs}")
        if name is None:
            name = global_state.auto_name(type(self).__name__)
        if not isinstance(name, str) or "/" in name:
            raise ValueError(
                "Argument `name` must be a string and cannot contain character `/`. "
                f"Received: name={name}"
            )
        if gradient_accumulation_steps and (
                not isinstance(gradient_accumulation_steps, int)
                or gradient_accumulation_steps < 2):
            raise ValueError(
                "`gradient_accumulation_steps` must be an integer >= 2. Received: "
                f"gradient_accumulation_steps={gradient_accumulation_steps}"
            )
        if use_ema:
            if not 0 <= ema_momentum <= 1:
                raise ValueError(
                    "`ema_momentum` must be in the range [0, 1]. Received: "
                    f"ema_momentum={ema_momentum}"
                )
            if ema_overwrite_frequency is not None and (
                    not isinstance(ema_overwrite_frequency, int) or ema_overwrite_frequency < 1):
                raise ValueError(
                    "`ema_overwrite_frequency` must be an integer >= 1 or None. Received: "
                    f"ema_overwrite_frequency={ema_overwrite_frequency}"
                )
        if sum(c is not None for c in (clipnorm, clipvalue, global_clipnorm)) > 1:
            raise ValueError(
                "Only one of `clipnorm`, `clipvalue` and `global_clipnorm` can be set. "
                f"Received: clipnorm={clipnorm}, clipvalue={clipvalue}, "
                f"global_clipnorm={global_clipnorm}"
            )
        if weight_decay is not None and not isinstance(weight_decay, (int, float)):
            raise ValueError(
                f"Argument `weight_decay` must be a float or None. Received: "
                f"weight_decay={weight_decay!r}"
            )
        self.name = name
        self.weight_decay = weight_decay
        self.clipnorm = clipnorm
        self.global_clipnorm = global_clipnorm
        self.clipvalue = clipvalue
        self.use_ema = use_ema
        self.ema_momentum = ema_momentum
        self.ema_overwrite_frequency = ema_overwrite_frequency
        self.loss_scale_factor = loss_scale_factor
        self.gradient_accumulation_steps = gradient_accumulation_steps
        self.built = False
        self._variables = []
        self._trainable_variables = []
        self._indices = {}
        self._plans = {}
        self._excluded_ids = set()
        self._excluded_names = ()
        self._iterations = self.add_variable((), initializer="zeros", dtype="int32",
                                             name="iteration")
        self._learning_rate = self._make_learning_rate(learning_rate)

    # -- variables -----------------------------------------------------------
    def add_variable(self, shape, initializer="zeros", dtype=None, aggregation="none",
                     layout=None, name=None):
        """A new non-trainable optimizer variable under this optimizer's name scope."""
        with global_state.NameScope(self.name):
            variable = backend.Variable(initializers.get(initializer), shape=shape,
                                        dtype=dtype or backend.floatx(), trainable=False,
                                        aggregation=aggregation, name=name)
        self._variables.append(variable)
        return variable

    def add_variable_from_reference(self, reference_variable, name=None, initializer="zeros"):
        """A slot shaped like ``reference_variable``, named '<its path>_<name>'."""
        name = f"{reference_variable.path.replace('/', '_')}_{name or 'slot'}"
        return self.add_variable(reference_variable.shape, initializer=initializer,
                                 dtype=reference_variable.dtype, name=name)

    def add_optimizer_variables(self, trainable_variables, name, initializer="zeros"):
        """One slot per variable for each name (interleaved per variable, like Keras);
        a list per name (a tuple of lists when ``name`` is a list)."""
        names = [name] if isinstance(name, str) else list(name)
        slots = [[] for _ in names]
        for variable in trainable_variables:
            for slot_list, slot_name in zip(slots, names):
                slot_list.append(self.add_variable_from_reference(variable, slot_name,
                                                                  initializer))
        return slots[0] if isinstance(name, str) else tuple(slots)

    @property
    def variables(self):
        return list(self._variables)

    @property
    def iterations(self):
        """The number of updates applied (micro-steps // gradient_accumulation_steps)."""
        if self.gradient_accumulation_steps:
            return ops.floor_divide(self._iterations, self.gradient_accumulation_steps)
        return self._iterations

    def build(self, variables):
        """Create the state for ``variables`` (moving averages, accumulators); subclasses
        add their slots after calling this."""
        if self.use_ema:
            self._model_variables_moving_average = self.add_optimizer_variables(
                variables, "average")
        if self.gradient_accumulation_steps:
            self._accumulated_gradients = self.add_optimizer_variables(
                variables, "gradient_accumulator")
        self._trainable_variables = list(variables)
        self._indices = {id(v): i for i, v in enumerate(self._trainable_variables)}
        self._plans = {}
        self.built = True

    # -- learning rate -------------------------------------------------------
    def _make_learning_rate(self, learning_rate):
        if isinstance(learning_rate, _LearningRateSchedule) or callable(learning_rate):
            return learning_rate
        try:
            value = float(learning_rate)
        except (TypeError, ValueError):
            raise ValueError(
                "Argument `learning_rate` should be float, or an instance of "
                "LearningRateSchedule, or a callable (that takes in the current iteration "
                "value and returns the corresponding learning rate value). Received "
                f"instead: learning_rate={learning_rate}"
            ) from None
        return self.add_variable((), initializer=initializers.Constant(value),
                                 name="learning_rate")

    @property
    def learning_rate(self):
        return self._current_learning_rate()

    @learning_rate.setter
    def learning_rate(self, learning_rate):
        current = self._learning_rate
        if isinstance(learning_rate, _LearningRateSchedule) or callable(learning_rate):
            if isinstance(current, backend.KerasVariable):
                self._variables.remove(current)
            self._learning_rate = learning_rate
        elif isinstance(current, _LearningRateSchedule):
            raise TypeError(
                "This optimizer was created with a `LearningRateSchedule` object as its "
                "`learning_rate` constructor argument, hence its learning rate is not "
                "settable. If you need the learning rate to be settable, you should "
                "instantiate the optimizer with a float `learning_rate` argument."
            )
        elif isinstance(current, backend.KerasVariable):
            current.assign(learning_rate)
        else:
            self._learning_rate = self._make_learning_rate(learning_rate)

    def _current_learning_rate(self):
        lr = self._learning_rate
        if isinstance(lr, _LearningRateSchedule):
            return lr(self._iterations)
        if isinstance(lr, backend.KerasVariable):
            return lr
        return lr()

    # -- weight decay ---------------------------------------------------------
    def exclude_from_weight_decay(self, var_list=None, var_names=None):
        """Skip weight decay for the variables in ``var_list`` and for variables whose
        name contains a match of any regex in ``var_names``."""
        self._excluded_ids = {id(v) for v in var_list or ()}
        self._excluded_names = tuple(var_names or ())
        self._plans = {}

    def _use_weight_decay(self, variable):
        if id(variable) in self._excluded_ids:
            return False
        return not any(re.search(name, variable.name) for name in self._excluded_names)

    # -- one step --------------------------------------------------------------
    def apply_gradients(self, grads_and_vars):
        grads, trainable_variables = zip(*grads_and_vars)
        self.apply(list(grads), list(trainable_variables))
        return self._iterations

    def apply(self, grads, trainable_variables=None):
        """Update ``trainable_variables`` (default: the ones the optimizer was built with)
        with ``grads`` (backend tensors; None for a variable without gradient)."""
        plan = self._plan_for(grads, trainable_variables)
        if plan is None:
            return
        if plan.kept is not None:
            grads = [grads[i] for i in plan.kept]
        self._apply_step(grads, plan)

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

    # -- the rest of Keras's optimizer API ---------------------------------------
    def scale_loss(self, loss):
        """``loss * loss_scale_factor`` (unchanged when no factor is set)."""
        if self.loss_scale_factor is not None:
            return loss * self.loss_scale_factor
        return loss

    def finalize_variable_values(self, var_list):
        """With ``use_ema``, set the variables to their moving averages (end of training)."""
        if self.use_ema:
            for variable in var_list:
                average = self._model_variables_moving_average[self._variable_index(variable)]
                variable.assign(average)

    def assign(self, variable, value):
        variable.assign(value)

    def assign_add(self, variable, value):
        variable.assign_add(value)

    def assign_sub(self, variable, value):
        variable.assign_sub(value)

    def set_weights(self, weights):
        if len(weights) != len(self._variables):
            raise ValueError(
                f"Optimizer '{self.name}' has {len(self._variables)} variables; "
                f"set_weights() received {len(weights)} values."
            )
        for variable, value in zip(self._variables, weights):
            variable.assign(value)

    def save_own_variables(self, store):
        """Write the variables to ``store`` as "0", "1", ... (the .keras layout)."""
        for i, variable in enumerate(self.variables):
            store[str(i)] = variable.numpy()

    def load_own_variables(self, store):
        variables = self.variables
        if len(store.keys()) != len(variables):
            warnings.warn(
                f"Skipping variable loading for optimizer '{self.name}', because it has "
                f"{len(variables)} variables whereas the saved optimizer has "
                f"{len(store.keys())} variables. "
            )
            return
        for i, variable in enumerate(variables):
            variable.assign(np.asarray(store[str(i)]))

    def get_config(self):
        lr = self._learning_rate
        if isinstance(lr, backend.KerasVariable):
            lr = float(ops.convert_to_numpy(lr.value))
        else:
            lr = serialization_lib.serialize_keras_object(lr)
        return {
            "name": self.name, "learning_rate": lr, "weight_decay": self.weight_decay,
            "clipnorm": self.clipnorm, "global_clipnorm": self.global_clipnorm,
            "clipvalue": self.clipvalue, "use_ema": self.use_ema,
            "ema_momentum": self.ema_momentum,
            "ema_overwrite_frequency": self.ema_overwrite_frequency,
            "loss_scale_factor": self.loss_scale_factor,
            "gradient_accumulation_steps": self.gradient_accumulation_steps,
        }

    @classmethod
    def from_config(cls, config, custom_objects=None):
        config = dict(config)
        if isinstance(config.get("learning_rate"), dict):
            config["learning_rate"] = schedules.deserialize(config["learning_rate"],
                                                            custom_objects=custom_objects)
        return cls(**config)

    def __repr__(self):
        return f"<{type(self).__name__} name={self.name}>"


def _clip_by_norm(g, clipnorm):
    # Keras: g * clipnorm / max(||g||, clipnorm).
    norm = ops.sqrt(ops.sum(ops.square(g)))
    return g * clipnorm / ops.maximum(norm, clipnorm)
