"""Adamax: Adam with the infinity norm (Kingma & Ba, 2014, section 7)."""
from ceras import backend, ops
from ceras.optimizers.optimizer import Optimizer


class Adamax(Optimizer):
    """Adamax.

    ``m = b1 m + (1 - b1) g; u = max(b2 u, |g|);
    var -= lr * m / ((1 - b1^t) (u + epsilon))``

    Args:
        learning_rate: Defaults to 0.001.
        beta_1: Decay of the first moment. Defaults to 0.9.
        beta_2: Decay of the infinity norm. Defaults to 0.999.
        epsilon: Defaults to 1e-7.
        The other arguments are ``Optimizer``'s.
    """

    def __init__(self, learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7,
                 weight_decay=None, clipnorm=None, clipvalue=None, global_clipnorm=None,
                 use_ema=False, ema_momentum=0.99, ema_overwrite_frequency=None,
                 loss_scale_factor=None, gradient_accumulation_steps=None, name=None,
                 **kwargs):
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

    def build(self, variables):
        if self.built:
            return
        super().build(variables)
        self._m, self._u = self.add_optimizer_variables(variables, ["momentum", "norm"])

    def update_step(self, gradient, variable, learning_rate):
        dtype = variable.dtype
        lr = ops.cast(learning_rate, dtype)
        g = ops.cast(gradient, dtype)
        step = ops.cast(self.iterations + 1, dtype)
        beta_1_power = ops.power(ops.cast(self.beta_1, dtype), step)
        index = self._variable_index(variable)
        m, u = self._m[index], self._u[index]
        m.assign_add((g - m) * (1 - self.beta_1))
        u.assign(ops.maximum(self.beta_2 * u, ops.abs(g)))
        variable.assign_sub((lr * m) / ((1 - beta_1_power) * (u + self.epsilon)))

    def _fused_update_step(self, grads, plan, learning_rate):
        backend.optimizers.adamax_update(
            plan.values, grads, plan.slots(self._m), plan.slots(self._u), learning_rate,
            self._update_count(), self.beta_1, self.beta_2, self.epsilon)

    def get_config(self):
        config = super().get_config()
        config.update({"beta_1": self.beta_1, "beta_2": self.beta_2, "epsilon": self.epsilon})
        return config
