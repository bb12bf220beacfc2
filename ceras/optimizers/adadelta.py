"""Adadelta: unit-corrected adaptive steps (Zeiler, 2012)."""
from ceras import backend, ops
from ceras.optimizers.optimizer import Optimizer


class Adadelta(Optimizer):
    """Adadelta.

    ``E[g^2] = rho E[g^2] + (1 - rho) g^2;
    delta = sqrt(E[dx^2] + eps) / sqrt(E[g^2] + eps) * g;
    E[dx^2] = rho E[dx^2] + (1 - rho) delta^2; var -= lr * delta``

    Args:
        learning_rate: Defaults to 0.001.
        rho: Decay of the running averages. Defaults to 0.95.
        epsilon: Defaults to 1e-7.
        The other arguments are ``Optimizer``'s.
    """

    def __init__(self, learning_rate=0.001, rho=0.95, epsilon=1e-7, weight_decay=None,
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
        self.rho = rho
        self.epsilon = epsilon

    def build(self, variables):
        if self.built:
            return
        super().build(variables)
        self._accumulated_grads, self._accumulated_delta_vars = self.add_optimizer_variables(
            variables, ["accumulated_grad", "accumulated_delta_var"])

    def update_step(self, gradient, variable, learning_rate):
        lr = ops.cast(learning_rate, variable.dtype)
        g = ops.cast(gradient, variable.dtype)
        index = self._variable_index(variable)
        accumulated_grad = self._accumulated_grads[index]
        accumulated_delta_var = self._accumulated_delta_vars[index]
        rho = self.rho

        def rms(x):
            return ops.sqrt(x + self.epsilon)

        accumulated_grad.assign(rho * accumulated_grad + (1 - rho) * ops.square(g))
        delta_var = -rms(accumulated_delta_var) * g / rms(accumulated_grad)
        accumulated_delta_var.assign(
            rho * accumulated_delta_var + (1 - rho) * ops.square(delta_var))
        variable.assign_add(lr * delta_var)

    def _fused_update_step(self, grads, plan, learning_rate):
        backend.optimizers.adadelta_update(
            plan.values, grads, plan.slots(self._accumulated_grads),
            plan.slots(self._accumulated_delta_vars), learning_rate, self.rho, self.epsilon)

    def get_config(self):
        config = super().get_config()
        config.update({"rho": self.rho, "epsilon": self.epsilon})
        return config
