"""ScheduleFreeAdamW: Adam steps averaged on the fly instead of a decaying schedule
(Defazio et al., 2024, "The Road Less Scheduled")."""
from ceras import backend, ops
from ceras.optimizers.optimizer import Optimizer


class ScheduleFreeAdamW(Optimizer):
    """Schedule-free AdamW, as Keras 3.15 computes it.

    The ``momentum`` slot holds the sequence ``z`` that takes the Adam steps
    (``z -= lr_t * g / (sqrt(v / (1 - b2^t)) + epsilon)``, with ``lr_t`` ramping linearly
    over ``warmup_steps``); each variable moves to the running uniform average of the
    ``z`` iterates (``var += (z - var) / t``). In Keras 3.15 ``beta_1`` cancels out of
    that update; it is kept for configs.

    Args:
        learning_rate: Defaults to 0.0025.
        beta_1: Defaults to 0.9.
        beta_2: Decay of the second moment. Defaults to 0.999.
        epsilon: Defaults to 1e-8.
        warmup_steps: Steps of linear learning rate warmup. Defaults to 0.
        The other arguments are ``Optimizer``'s.
    """

    def __init__(self, learning_rate=0.0025, beta_1=0.9, beta_2=0.999, epsilon=1e-8,
                 warmup_steps=0, weight_decay=None, clipnorm=None, clipvalue=None,
                 global_clipnorm=None, use_ema=False, ema_momentum=0.99,
                 ema_overwrite_frequency=None, loss_scale_factor=None,
                 gradient_accumulation_steps=None, name=None, **kwargs):
        super().__init__(
            learning_rate=learning_rate, name=name, weight_decay=weight_decay,
            clipnorm=clipnorm, clipvalue=clipvalue, global_clipnorm=global_clipnorm,
            use_ema=use_ema, ema_momentum=ema_momentum,
            ema_overwrite_frequency=ema_overwrite_frequency,
            loss_scale_factor=loss_scale_factor,
            gradient_accumulation_steps=gradient_accumulation_steps, **kwargs)
        self.beta_1 = beta_1
        self.beta_2 = beta_2
        self.epsilon = epsilon
        self.warmup_steps = warmup_steps

    def build(self, variables):
        if self.built:
            return
        super().build(variables)
        self._z, self._velocities = [], []
        for variable in variables:
            # z starts at the variable's value.
            self._z.append(self.add_variable_from_reference(
                variable, "momentum", initializer=_ValueOf(variable)))
            self._velocities.append(self.add_variable_from_reference(variable, "velocity"))

    def _warmup(self, step):
        if not self.warmup_steps:
            return 1.0
        return ops.minimum(1.0, step / self.warmup_steps)

    def update_step(self, gradient, variable, learning_rate):
        dtype = variable.dtype
        g = ops.cast(gradient, dtype)
        step = ops.cast(self.iterations + 1, dtype)
        lr = ops.cast(learning_rate, dtype) * self._warmup(step)
        index = self._variable_index(variable)
        z, v = self._z[index], self._velocities[index]
        v.assign(self.beta_2 * v + (1 - self.beta_2) * ops.square(g))
        v_hat = v / (1 - ops.power(ops.cast(self.beta_2, dtype), step))
        z.assign(z - lr * g / (ops.sqrt(v_hat) + self.epsilon))
        variable.assign(variable + (z - variable) / step)

    def _fused_update_step(self, grads, plan, learning_rate):
        backend.optimizers.schedule_free_adamw_update(
            plan.values, grads, plan.slots(self._z), plan.slots(self._velocities),
            learning_rate, self._update_count(), self.beta_2, self.epsilon, self.warmup_steps)

    def get_config(self):
        config = super().get_config()
        config.update({"beta_1": self.beta_1, "beta_2": self.beta_2, "epsilon": self.epsilon,
                       "warmup_steps": self.warmup_steps})
        return config


class _ValueOf:
    """An initializer returning a copy of a variable's current value."""

    def __init__(self, variable):
        self.variable = variable

    def __call__(self, shape, dtype=None):
        return ops.copy(self.variable.value)
