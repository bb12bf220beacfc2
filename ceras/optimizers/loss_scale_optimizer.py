"""LossScaleOptimizer: dynamic loss scaling around another optimizer (mixed precision)."""
from ceras import initializers, ops
from ceras.optimizers.optimizer import Optimizer, _kernels
from ceras.saving import serialization_lib

_BASE_ARGUMENTS = ("learning_rate", "weight_decay", "clipnorm", "clipvalue", "global_clipnorm",
                   "use_ema", "ema_momentum", "ema_overwrite_frequency", "loss_scale_factor",
                   "gradient_accumulation_steps")


class LossScaleOptimizer(Optimizer):
    """Wraps ``inner_optimizer``: ``scale_loss`` multiplies the loss by a dynamic scale,
    ``apply`` divides the gradients by it. A step with non-finite gradients is skipped
    and halves the scale; ``dynamic_growth_steps`` finite steps in a row double it.

    Args:
        inner_optimizer: The optimizer that applies the (unscaled) gradients.
        initial_scale: Defaults to 2 ** 15.
        dynamic_growth_steps: Defaults to 2000.
        name: Defaults to "loss_scale_optimizer" (made unique).

    Deciding whether to skip a step reads one boolean back from the device per step.
    """

    def __init__(self, inner_optimizer, initial_scale=2.0 ** 15, dynamic_growth_steps=2000,
                 name=None, **kwargs):
        if not kwargs.pop("dynamic", True):
            raise ValueError(
                "LossScaleOptimizer no longer supports `dynamic=False`. Instead, simply set "
                "`loss_scale_factor` directly on the `inner_optimizer`."
            )
        unsupported = [k for k in kwargs if k in _BASE_ARGUMENTS]
        if unsupported:
            raise ValueError(
                "LossScaleOptimizer does not support arguments: "
                + ", ".join(f"`{k}`" for k in unsupported) + "."
            )
        if not isinstance(inner_optimizer, Optimizer):
            raise ValueError(
                "Argument `inner_optimizer` of LossScaleOptimizer must be an optimizer "
                f"instance. Received: inner_optimizer={inner_optimizer!r}"
            )
        super().__init__(learning_rate=0.0, name=name, **kwargs)
        self.inner_optimizer = inner_optimizer
        self.initial_scale = initial_scale
        self.dynamic_growth_steps = dynamic_growth_steps

    def build(self, variables):
        if self.built:
            return
        self.step_counter = self.add_variable((), initializer="zeros", dtype="int32",
                                              name="step_counter")
        self.dynamic_scale = self.add_variable(
            (), initializer=initializers.Constant(self.initial_scale), dtype="float32",
            name="dynamic_scale")
        self.inner_optimizer.build(variables)
        self._trainable_variables = list(variables)
        self.built = True

    @property
    def variables(self):
        return self._variables + self.inner_optimizer.variables

    def apply(self, grads, trainable_variables=None):
        if trainable_variables is None:
            trainable_variables = self.inner_optimizer._trainable_variables
        if not self.built:
            self.build(trainable_variables)
        present = [g for g in grads if g is not None]
        finite = (_kernels.all_finite(present) if _kernels is not None and present else
                  all(bool(ops.all(ops.isfinite(g))) for g in present))
        if finite:
            inverse = 1.0 / self.dynamic_scale.value
            self.inner_optimizer.apply(
                [None if g is None else g * ops.cast(inverse, ops.dtype(g)) for g in grads],
                trainable_variables)
            self.step_counter.assign_add(1)
            if int(ops.convert_to_numpy(self.step_counter)) >= self.dynamic_growth_steps:
                self.step_counter.assign(0)
                self.dynamic_scale.assign(self.dynamic_scale * 2.0)
        else:
            self.step_counter.assign(0)
            self.dynamic_scale.assign(self.dynamic_scale / 2.0)

    def scale_loss(self, loss):
        scale = self.dynamic_scale if self.built else self.initial_scale
        return loss * scale

    def finalize_variable_values(self, var_list):
        self.inner_optimizer.finalize_variable_values(var_list)

    def exclude_from_weight_decay(self, var_list=None, var_names=None):
        self.inner_optimizer.exclude_from_weight_decay(var_list=var_list, var_names=var_names)

    @property
    def iterations(self):
        return self.inner_optimizer.iterations

    @property
    def learning_rate(self):
        return self.inner_optimizer.learning_rate

    @learning_rate.setter
    def learning_rate(self, learning_rate):
        self.inner_optimizer.learning_rate = learning_rate

    def get_config(self):
        return {"name": self.name,
                "inner_optimizer": serialization_lib.serialize_keras_object(
                    self.inner_optimizer),
                "initial_scale": self.initial_scale,
                "dynamic_growth_steps": self.dynamic_growth_steps}

    @classmethod
    def from_config(cls, config, custom_objects=None):
        config = dict(config)
        inner = config.pop("inner_optimizer")
        if isinstance(inner, dict):
            inner = serialization_lib.deserialize_keras_object(inner,
                                                               custom_objects=custom_objects)
        return cls(inner, **config)
