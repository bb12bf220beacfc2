"""RMSprop: divide the gradient by a running root mean square (Hinton, 2012)."""
from ceras import backend, ops
from ceras.optimizers.optimizer import Optimizer


class RMSprop(Optimizer):
    """RMSprop.

    ``v = rho v + (1 - rho) g^2; var -= lr * g / sqrt(v + epsilon)`` (Keras keeps epsilon
    inside the square root). ``centered`` subtracts the squared running mean of ``g``
    from ``v``; ``momentum`` > 0 accumulates the increments.

    Args:
        learning_rate: Defaults to 0.001.
        rho: Decay of the running mean square. Defaults to 0.9.
        momentum: Defaults to 0.0.
        epsilon: Defaults to 1e-7.
        centered: Defaults to False.
        The other arguments are ``Optimizer``'s.
    """

    def __init__(self, learning_rate=0.001, rho=0.9, momentum=0.0, epsilon=1e-7,
                 centered=False, weight_decay=None, clipnorm=None, clipvalue=None,
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
        self.rho = rho
        self.momentum = momentum
        self.epsilon = epsilon
        self.centered = centered

    def build(self, variables):
        if self.built:
            return
        super().build(variables)
        self._velocities = self.add_optimizer_variables(variables, "velocity")
        self._momentums = []
        if self.momentum > 0:
            self._momentums = self.add_optimizer_variables(variables, "momentum")
        self._average_gradients = []
        if self.centered:
            self._average_gradients = self.add_optimizer_variables(variables,
                                                                   "average_gradient")

    def update_step(self, gradient, variable, learning_rate):
        lr = ops.cast(learning_rate, variable.dtype)
        g = ops.cast(gradient, variable.dtype)
        index = self._variable_index(variable)
        velocity = self._velocities[index]
        rho = self.rho
        velocity.assign(rho * velocity + (1 - rho) * ops.square(g))
        if self.centered:
            average_grad = self._average_gradients[index]
            average_grad.assign(rho * average_grad + (1 - rho) * g)
            denominator = velocity - ops.square(average_grad) + self.epsilon
        else:
            denominator = velocity + self.epsilon
        increment = lr * g / ops.sqrt(denominator)
        if self.momentum > 0:
            momentum = self._momentums[index]
            momentum.assign(self.momentum * momentum + increment)
            variable.assign_sub(momentum)
        else:
            variable.assign_sub(increment)

    def _fused_update_step(self, grads, plan, learning_rate):
        backend.optimizers.rmsprop_update(
            plan.values, grads, plan.slots(self._velocities),
            plan.slots(self._momentums) if self.momentum > 0 else [],
            plan.slots(self._average_gradients) if self.centered else [], learning_rate,
            self.rho, self.momentum, self.epsilon)

    def get_config(self):
        config = super().get_config()
        config.update({"rho": self.rho, "momentum": self.momentum, "epsilon": self.epsilon,
                       "centered": self.centered})
        return config
