"""Optimizer: the public base class (``keras.optimizers.Optimizer``).

It is BaseOptimizer with each stage of a step (gradient scaling, accumulation,
clipping, weight decay, the update, moving averages, the step count) handed to the
backend's fused multi-tensor kernels (``backend.optimizers``) when the backend has them,
so a step costs a few kernel launches for all variables together. An optimizer
provides its kernel call as ``_fused_update_step(grads, plan, learning_rate)``; one
without it (or a backend without kernels) runs its per-variable ``update_step``.
"""
from ceras import backend
from ceras.optimizers.base_optimizer import BaseOptimizer

_kernels = getattr(backend, "optimizers", None)


def _tensor(value):
    return value.value if isinstance(value, backend.KerasVariable) else value


class Optimizer(BaseOptimizer):
    """Base class of all optimizers.

    Args:
        learning_rate: A float, a ``LearningRateSchedule``, or a callable taking no
            argument and returning the rate.
        weight_decay: If set, variables decay by ``var * weight_decay * lr`` each step
            (decoupled, before the update). Defaults to None.
        clipnorm: Clip each gradient to this L2 norm. Defaults to None.
        clipvalue: Clip each gradient entry to [-clipvalue, clipvalue]. Defaults to None.
        global_clipnorm: Clip all gradients together to this global L2 norm.
        use_ema: Keep exponential moving averages of the variables. Defaults to False.
        ema_momentum: Their momentum. Defaults to 0.99.
        ema_overwrite_frequency: Every this many steps, copy the averages into the
            variables. Defaults to None (only ``finalize_variable_values`` does).
        loss_scale_factor: ``scale_loss`` multiplies the loss by it and ``apply``
            divides the gradients by it. Defaults to None.
        gradient_accumulation_steps: Update every this many calls, with the mean of
            their gradients. Defaults to None.
        name: Defaults to the snake-case class name, made unique.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Tests switch this off to compare the fused kernels with the generic path.
        self._fused = _kernels is not None
        self._ema_tensors = None
        self._increment = None

    def build(self, variables):
        super().build(variables)
        self._ema_tensors = None

    def apply(self, grads, trainable_variables=None):
        if _kernels is None:
            return super().apply(grads, trainable_variables)
        previous = _kernels.disable_grad()
        try:
            return super().apply(grads, trainable_variables)
        finally:
            _kernels.restore_grad(previous)

    def _update_count(self):
        """The number of updates so far, as a tensor (``iterations``)."""
        return _tensor(self.iterations)

    def _scale_gradients(self, grads, factor):
        if not self._fused:
            return super()._scale_gradients(grads, factor)
        return _kernels.scale(grads, factor)

    def _accumulate_gradients(self, grads, plan):
        if not self._fused:
            return super()._accumulate_gradients(grads, plan)
        return _kernels.accumulate_gradients(plan.slots(self._accumulated_gradients), grads,
                                             self._iterations.value,
                                             self.gradient_accumulation_steps)

    def _clip_gradients(self, grads):
        if not self._fused:
            return super()._clip_gradients(grads)
        if self.clipnorm and self.clipnorm > 0:
            return _kernels.clip_by_norm(grads, self.clipnorm)
        if self.global_clipnorm and self.global_clipnorm > 0:
            return _kernels.clip_by_global_norm(grads, self.global_clipnorm)
        if self.clipvalue and self.clipvalue > 0:
            return _kernels.clip_by_value(grads, self.clipvalue)
        return grads

    def _apply_weight_decay(self, plan, learning_rate):
        if not self._fused:
            return super()._apply_weight_decay(plan, learning_rate)
        if plan.decayed:
            _kernels.apply_weight_decay(plan.decayed_values, _tensor(learning_rate),
                                        self.weight_decay)

    def _update(self, grads, plan, learning_rate):
        if self._fused and self._fused_update_step is not None:
            self._fused_update_step(grads, plan, _tensor(learning_rate))
        else:
            super()._update(grads, plan, learning_rate)

    def _moving_average_tensors(self):
        if self._ema_tensors is None:
            self._ema_tensors = ([v.value for v in self._trainable_variables],
                                 [v.value for v in self._model_variables_moving_average])
        return self._ema_tensors

    def _update_moving_averages(self):
        if not self._fused:
            return super()._update_moving_averages()
        params, averages = self._moving_average_tensors()
        _kernels.update_moving_averages(averages, params, self.ema_momentum,
                                        self._update_count())

    def _overwrite_with_moving_averages(self):
        if not self._fused:
            return super()._overwrite_with_moving_averages()
        params, averages = self._moving_average_tensors()
        _kernels.overwrite_with_moving_averages(params, averages, self._update_count(),
                                                self.ema_overwrite_frequency)

    def _increment_iterations(self):
        if not self._fused:
            return super()._increment_iterations()
        if self._increment is None:
            self._increment = _kernels.incrementer(self._iterations.value)
        self._increment()
