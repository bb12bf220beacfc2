"""BaseOptimizer: Keras 3's optimizer contract, written once with ``ceras.ops``.

This file holds what an optimizer *is* (arguments, variables, learning rate, config,
saved state); optimizer_step.py holds what one step *does* (``apply``). ``Optimizer``
(optimizer.py) hands the stages of a step to the backend's fused kernels.
"""
import re
import warnings

import numpy as np

from ceras import backend, initializers, ops
from ceras.backend.common import global_state
from ceras.optimizers import schedules
from ceras.optimizers.optimizer_step import OptimizerStepMixin
from ceras.saving import serialization_lib

_LearningRateSchedule = schedules.LearningRateSchedule


class BaseOptimizer(OptimizerStepMixin):
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
