"""Adagrad: per-coordinate rates from the accumulated squared gradients (Duchi et al.)."""
from ceras import backend, initializers, ops
from ceras.optimizers.optimizer import Optimizer


class Adagrad(Optimizer):
    """Adagrad: ``acc += g^2; var -= lr * g / sqrt(acc + epsilon)``.

    Args:
        learning_rate: Defaults to 0.001.
        initial_accumulator_value: Starting value of the accumulators. Defaults to 0.1.
        epsilon: Defaults to 1e-7.
        The other arguments are ``Optimizer``'s.
    """

    def __init__(self, learning_rate=0.001, initial_accumulator_value=0.1, epsilon=1e-7,
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
        self.initial_accumulator_value = initial_accumulator_value
        self.epsilon = epsilon

    def build(self, variables):
        if self.built:
            return
        super().build(variables)
        self._accumulators = self.add_optimizer_variables(
            variables, "accumulator",
            initializer=initializers.Constant(self.initial_accumulator_value))

    def update_step(self, gradient, variable, learning_rate):
        lr = ops.cast(learning_rate, variable.dtype)
        g = ops.cast(gradient, variable.dtype)
        accumulator = self._accumulators[self._variable_index(variable)]
        accumulator.assign_add(ops.square(g))
        variable.assign_sub(lr * g / ops.sqrt(accumulator + self.epsilon))

    def _fused_update_step(self, grads, plan, learning_rate):
        backend.optimizers.adagrad_update(plan.values, grads, plan.slots(self._accumulators),
                                          learning_rate, self.epsilon)

    def get_config(self):
        config = super().get_config()
        config.update({"initial_accumulator_value": self.initial_accumulator_value,
                       "epsilon": self.epsilon})
        return config
