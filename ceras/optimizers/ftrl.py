"""FTRL-Proximal (McMahan et al., 2013), with L1, L2 and L2-shrinkage regularization."""
from ceras import initializers, ops
from ceras.optimizers.optimizer import Optimizer


class Ftrl(Optimizer):
    """Follow The Regularized Leader, as in Keras (and TensorFlow's ``ApplyFtrlV2``).

    Args:
        learning_rate: Defaults to 0.001.
        learning_rate_power: <= 0; -0.5 is Adagrad-like. Defaults to -0.5.
        initial_accumulator_value: >= 0. Defaults to 0.1.
        l1_regularization_strength: >= 0. Defaults to 0.0.
        l2_regularization_strength: >= 0. Defaults to 0.0.
        l2_shrinkage_regularization_strength: >= 0; L2 applied to the gradient (a
            magnitude penalty) rather than to the stabilized loss. Defaults to 0.0.
        beta: Added to the L2 term as ``beta / (2 lr)``. Defaults to 0.0.
        The other arguments are ``Optimizer``'s.
    """

    def __init__(self, learning_rate=0.001, learning_rate_power=-0.5,
                 initial_accumulator_value=0.1, l1_regularization_strength=0.0,
                 l2_regularization_strength=0.0, l2_shrinkage_regularization_strength=0.0,
                 beta=0.0, weight_decay=None, clipnorm=None, clipvalue=None,
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
        if initial_accumulator_value < 0.0:
            raise ValueError(
                "`initial_accumulator_value` needs to be positive or zero. Received: "
                f"initial_accumulator_value={initial_accumulator_value}."
            )
        if learning_rate_power > 0.0:
            raise ValueError(
                "`learning_rate_power` needs to be negative or zero. Received: "
                f"learning_rate_power={learning_rate_power}."
            )
        for arg, value in (("l1_regularization_strength", l1_regularization_strength),
                           ("l2_regularization_strength", l2_regularization_strength),
                           ("l2_shrinkage_regularization_strength",
                            l2_shrinkage_regularization_strength)):
            if value < 0.0:
                raise ValueError(
                    f"`{arg}` needs to be positive or zero. Received: {arg}={value}."
                )
        self.learning_rate_power = learning_rate_power
        self.initial_accumulator_value = initial_accumulator_value
        self.l1_regularization_strength = l1_regularization_strength
        self.l2_regularization_strength = l2_regularization_strength
        self.l2_shrinkage_regularization_strength = l2_shrinkage_regularization_strength
        self.beta = beta

    def build(self, variables):
        if self.built:
            return
        super().build(variables)
        self._accumulators, self._linears = self.add_optimizer_variables(
            variables, ["accumulator", "linear"],
            initializer=[initializers.Constant(self.initial_accumulator_value), "zeros"])

    def add_optimizer_variables(self, trainable_variables, name, initializer="zeros"):
        # Ftrl's two slots start differently (accumulator: initial value; linear: 0).
        if not isinstance(initializer, list):
            return super().add_optimizer_variables(trainable_variables, name, initializer)
        slots = ([], [])
        for variable in trainable_variables:
            for slot_list, slot_name, init in zip(slots, name, initializer):
                slot_list.append(self.add_variable_from_reference(variable, slot_name, init))
        return slots

    def update_step(self, gradient, variable, learning_rate):
        dtype = variable.dtype
        lr = ops.cast(learning_rate, dtype)
        g = ops.cast(gradient, dtype)
        index = self._variable_index(variable)
        accumulator, linear = self._accumulators[index], self._linears[index]
        power = -self.learning_rate_power
        l2 = self.l2_regularization_strength + self.beta / (2.0 * lr)
        grad_to_use = g + 2 * self.l2_shrinkage_regularization_strength * variable
        new_accumulator = accumulator + ops.square(g)
        linear.assign_add(grad_to_use - (ops.power(new_accumulator, power)
                                         - ops.power(accumulator, power)) / lr * variable)
        quadratic = ops.power(new_accumulator, power) / lr + 2 * l2
        l1 = self.l1_regularization_strength
        linear_clipped = ops.clip(linear, -l1, l1)
        variable.assign((linear_clipped - linear) / quadratic)
        accumulator.assign(new_accumulator)

    def get_config(self):
        config = super().get_config()
        config.update({
            "learning_rate_power": self.learning_rate_power,
            "initial_accumulator_value": self.initial_accumulator_value,
            "l1_regularization_strength": self.l1_regularization_strength,
            "l2_regularization_strength": self.l2_regularization_strength,
            "l2_shrinkage_regularization_strength": self.l2_shrinkage_regularization_strength,
            "beta": self.beta,
        })
        return config
