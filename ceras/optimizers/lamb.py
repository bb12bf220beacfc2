"""Lamb: Adam with a layer-wise trust ratio (You et al., 2019)."""
from ceras import ops
from ceras.optimizers.optimizer import Optimizer


class Lamb(Optimizer):
    """Lamb: Adam's bias-corrected step ``r = m_hat / (sqrt(v_hat) + epsilon)``, scaled per
    variable by ``||var|| / ||r||`` (1 when either norm is 0).

    Args:
        learning_rate: Defaults to 0.001.
        beta_1: Decay of the first moment. Defaults to 0.9.
        beta_2: Decay of the second moment. Defaults to 0.999.
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
        self._momentums, self._velocities = self.add_optimizer_variables(
            variables, ["momentum", "velocity"])

    def update_step(self, gradient, variable, learning_rate):
        dtype = variable.dtype
        lr = ops.cast(learning_rate, dtype)
        g = ops.cast(gradient, dtype)
        step = ops.cast(self.iterations + 1, dtype)
        beta_1_power = ops.power(ops.cast(self.beta_1, dtype), step)
        beta_2_power = ops.power(ops.cast(self.beta_2, dtype), step)
        index = self._variable_index(variable)
        m, v = self._momentums[index], self._velocities[index]
        m.assign_add((g - m) * (1 - self.beta_1))
        v.assign_add((ops.square(g) - v) * (1 - self.beta_2))
        m_hat = m / (1 - beta_1_power)
        v_hat = v / (1 - beta_2_power)
        update = m_hat / (ops.sqrt(v_hat) + self.epsilon)
        w_norm = ops.sqrt(ops.sum(ops.square(variable)))
        g_norm = ops.sqrt(ops.sum(ops.square(update)))
        ratio = ops.where(ops.logical_and(ops.greater(w_norm, 0), ops.greater(g_norm, 0)),
                          w_norm / g_norm, 1.0)
        variable.assign_sub(ratio * lr * update)

    def get_config(self):
        config = super().get_config()
        config.update({"beta_1": self.beta_1, "beta_2": self.beta_2, "epsilon": self.epsilon})
        return config
