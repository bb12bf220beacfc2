"""Lion: sign-of-momentum updates (Chen et al., 2023)."""
from ceras import backend, ops
from ceras.optimizers.optimizer import Optimizer


class Lion(Optimizer):
    """Lion: ``var -= lr * sign(b1 m + (1 - b1) g); m = b2 m + (1 - b2) g``.

    Args:
        learning_rate: Defaults to 0.001.
        beta_1: Interpolation for the update direction, in (0, 1]. Defaults to 0.9.
        beta_2: Decay of the momentum. Defaults to 0.99.
        The other arguments are ``Optimizer``'s.
    """

    def __init__(self, learning_rate=0.001, beta_1=0.9, beta_2=0.99, weight_decay=None,
                 clipnorm=None, clipvalue=None, global_clipnorm=None, use_ema=False,
                 ema_momentum=0.99, ema_overwrite_frequency=None, loss_scale_factor=None,
                 gradient_accumulation_steps=None, name=None, **kwargs):
        super().__init__(
            learning_rate=learning_rate, name=name, weight_decay=weight_decay,
            clipnorm=clipnorm, clipvalue=clipvalue, global_clipnorm=global_clipnorm,
            use_ema=use_ema, ema_momentum=ema_momentum,
            ema_overwrite_frequency=ema_overwrite_frequency,
            loss_scale_factor=loss_scale_factor,
            gradient_accumulation_steps=gradient_accumulation_steps, **kwargs)
        if beta_1 <= 0 or beta_1 > 1:
            raise ValueError(
                "Argument `beta_1` must be in the [0, 1] range. Otherwise, the optimizer "
                f"degenerates to SignSGD. Received: beta_1={beta_1}."
            )
        self.beta_1 = beta_1
        self.beta_2 = beta_2

    def build(self, variables):
        if self.built:
            return
        super().build(variables)
        self._momentums = self.add_optimizer_variables(variables, "momentum")

    def update_step(self, gradient, variable, learning_rate):
        lr = ops.cast(learning_rate, variable.dtype)
        g = ops.cast(gradient, variable.dtype)
        m = self._momentums[self._variable_index(variable)]
        variable.assign_sub(lr * ops.sign(m * self.beta_1 + g * (1.0 - self.beta_1)))
        m.assign(m * self.beta_2 + g * (1.0 - self.beta_2))

    def _fused_update_step(self, grads, plan, learning_rate):
        backend.optimizers.lion_update(plan.values, grads, plan.slots(self._momentums),
                                       learning_rate, self.beta_1, self.beta_2)

    def get_config(self):
        config = super().get_config()
        config.update({"beta_1": self.beta_1, "beta_2": self.beta_2})
        return config
