"""Nadam: Adam with Nesterov momentum (Dozat, 2016)."""
from ceras import backend, ops
from ceras.optimizers.optimizer import Optimizer


class Nadam(Optimizer):
    """Nadam, with Keras's momentum schedule ``u_t = b1 (1 - 0.5 * 0.96^t)``.

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
        # The running product of the u_t. Keras creates it outside the optimizer's scope,
        # as an unnamed variable ('variable'); the same here, so saved files line up.
        self._u_product = backend.Variable(1.0, shape=(), dtype=variables[0].dtype
                                           if variables else backend.floatx(),
                                           trainable=False, name="variable")
        self._variables.append(self._u_product)

    def _u(self, step, dtype):
        return self.beta_1 * (1.0 - 0.5 * ops.power(ops.cast(0.96, dtype), step))

    def _update(self, grads, plan, learning_rate):
        if not (self._fused and self._fused_update_step is not None):
            step = ops.cast(self.iterations + 1, self._u_product.dtype)
            self._u_product.assign(self._u_product * self._u(step, self._u_product.dtype))
        super()._update(grads, plan, learning_rate)

    def update_step(self, gradient, variable, learning_rate):
        dtype = variable.dtype
        lr = ops.cast(learning_rate, dtype)
        g = ops.cast(gradient, dtype)
        step = ops.cast(self.iterations + 1, dtype)
        u_t = self._u(step, dtype)
        u_t_1 = self._u(step + 1, dtype)
        u_product_t = ops.cast(self._u_product, dtype)
        u_product_t_1 = u_product_t * u_t_1
        beta_2_power = ops.power(ops.cast(self.beta_2, dtype), step)
        index = self._variable_index(variable)
        m, v = self._momentums[index], self._velocities[index]
        m.assign_add((g - m) * (1 - self.beta_1))
        v.assign_add((ops.square(g) - v) * (1 - self.beta_2))
        m_hat = u_t_1 * m / (1 - u_product_t_1) + (1 - u_t) * g / (1 - u_product_t)
        v_hat = v / (1 - beta_2_power)
        variable.assign_sub((m_hat * lr) / (ops.sqrt(v_hat) + self.epsilon))

    def _fused_update_step(self, grads, plan, learning_rate):
        backend.optimizers.nadam_update(
            plan.values, grads, plan.slots(self._momentums), plan.slots(self._velocities),
            self._u_product.value, learning_rate, self._update_count(), self.beta_1,
            self.beta_2, self.epsilon)

    def get_config(self):
        config = super().get_config()
        config.update({"beta_1": self.beta_1, "beta_2": self.beta_2, "epsilon": self.epsilon})
        return config
