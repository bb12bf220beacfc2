"""SGD: gradient descent, with optional (Nesterov) momentum."""
from ceras import backend, ops
from ceras.optimizers.optimizer import Optimizer


class SGD(Optimizer):
    """Gradient descent with momentum.

    ``m = momentum * m - lr * g; var += m`` (``var += momentum * m - lr * g`` with
    Nesterov); plain ``var -= lr * g`` when ``momentum`` is 0.

    Args:
        learning_rate: Defaults to 0.01.
        momentum: In [0, 1]. Defaults to 0.0.
        nesterov: Use Nesterov momentum. Defaults to False.
        The other arguments are ``Optimizer``'s.

    >>> opt = SGD(learning_rate=0.1, momentum=0.9)
    """

    def __init__(self, learning_rate=0.01, momentum=0.0, nesterov=False, weight_decay=None,
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
        if not isinstance(momentum, (int, float)) or not 0 <= momentum <= 1:
            raise ValueError("`momentum` must be a float between [0, 1].")
        self.momentum = momentum
        self.nesterov = nesterov

    def build(self, variables):
        if self.built:
            return
        super().build(variables)
        self._momentums = []
        if self.momentum != 0:
            self._momentums = self.add_optimizer_variables(variables, "momentum")

    def update_step(self, gradient, variable, learning_rate):
        lr = ops.cast(learning_rate, variable.dtype)
        g = ops.cast(gradient, variable.dtype)
        if self.momentum == 0:
            variable.assign_sub(g * lr)
            return
        m = self._momentums[self._variable_index(variable)]
        momentum = ops.cast(self.momentum, variable.dtype)
        m.assign(-g * lr + m * momentum)
        if self.nesterov:
            variable.assign_add(-g * lr + m * momentum)
        else:
            variable.assign_add(m)

    def _fused_update_step(self, grads, plan, learning_rate):
        momentums = plan.slots(self._momentums) if self.momentum != 0 else []
        backend.optimizers.sgd_update(plan.values, grads, momentums, learning_rate,
                                      self.momentum, self.nesterov)

    def get_config(self):
        config = super().get_config()
        config.update({"momentum": self.momentum, "nesterov": self.nesterov})
        return config
