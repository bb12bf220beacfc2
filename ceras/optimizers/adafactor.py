"""Adafactor: factored second moments, sublinear memory (Shazeer & Stern, 2018)."""
from ceras import backend, ops
from ceras.optimizers.optimizer import Optimizer


class Adafactor(Optimizer):
    """Adafactor. A variable of rank >= 2 keeps row and column means of the squared
    gradient (``r``, ``c``) instead of a full second moment.

    Args:
        learning_rate: Defaults to 0.001.
        beta_2_decay: The second-moment decay is ``1 - t ** beta_2_decay``. Defaults to -0.8.
        epsilon_1: Added to the squared gradient. Defaults to 1e-30.
        epsilon_2: Lower bound of the relative step scale. Defaults to 1e-3.
        clip_threshold: Update RMS clipping threshold. Defaults to 1.0.
        relative_step: Cap the rate at ``1 / sqrt(t)``. Defaults to True.
        The other arguments are ``Optimizer``'s.
    """

    def __init__(self, learning_rate=0.001, beta_2_decay=-0.8, epsilon_1=1e-30, epsilon_2=1e-3,
                 clip_threshold=1.0, relative_step=True, weight_decay=None, clipnorm=None,
                 clipvalue=None, global_clipnorm=None, use_ema=False, ema_momentum=0.99,
                 ema_overwrite_frequency=None, loss_scale_factor=None,
                 gradient_accumulation_steps=None, name=None, **kwargs):
        super().__init__(
            learning_rate=learning_rate, name=name, weight_decay=weight_decay,
            clipnorm=clipnorm, clipvalue=clipvalue, global_clipnorm=global_clipnorm,
            use_ema=use_ema, ema_momentum=ema_momentum,
            ema_overwrite_frequency=ema_overwrite_frequency,
            loss_scale_factor=loss_scale_factor,
            gradient_accumulation_steps=gradient_accumulation_steps, **kwargs)
        self.beta_2_decay = beta_2_decay
        self.epsilon_1 = epsilon_1
        self.epsilon_2 = epsilon_2
        self.clip_threshold = clip_threshold
        self.relative_step = relative_step

    def build(self, variables):
        if self.built:
            return
        super().build(variables)
        self._r, self._c, self._v = [], [], []
        for variable in variables:
            if len(variable.shape) < 2:
                # Keras keeps a scalar placeholder (outside the optimizer's scope, named
                # after the variable) for r and c; the same here, so saved files line up.
                r, c = self._placeholder(variable.name), self._placeholder(variable.name)
            else:
                shape = tuple(variable.shape)
                r = self.add_variable(shape[:-1], dtype=variable.dtype, name=variable.name)
                c = self.add_variable(shape[:-2] + shape[-1:], dtype=variable.dtype,
                                      name=variable.name)
            self._r.append(r)
            self._c.append(c)
            self._v.append(self.add_variable_from_reference(variable, "velocity"))

    def _placeholder(self, name):
        placeholder = backend.Variable(0, shape=(), dtype="int32", trainable=False, name=name)
        self._variables.append(placeholder)
        return placeholder

    def _rms(self, x):
        return ops.sqrt(ops.mean(ops.square(x)))

    def update_step(self, gradient, variable, learning_rate):
        dtype = variable.dtype
        lr = ops.cast(learning_rate, dtype)
        g = ops.cast(gradient, dtype)
        step = ops.cast(self.iterations + 1, dtype)
        index = self._variable_index(variable)
        r, c, v = self._r[index], self._c[index], self._v[index]
        rho_t = ops.minimum(lr, 1 / ops.sqrt(step))
        alpha_t = ops.maximum(self.epsilon_2, self._rms(variable)) * rho_t
        regulated_grad_square = ops.square(g) + self.epsilon_1
        beta_2_t = 1 - ops.power(step, self.beta_2_decay)
        if len(variable.shape) >= 2:
            r.assign(beta_2_t * r + (1 - beta_2_t) * ops.mean(regulated_grad_square, axis=-1))
            c.assign(beta_2_t * c + (1 - beta_2_t) * ops.mean(regulated_grad_square, axis=-2))
            v.assign(ops.expand_dims(r / ops.mean(r, axis=-1, keepdims=True), axis=-1)
                     * ops.expand_dims(c, -2))
        else:
            v.assign(beta_2_t * v + (1 - beta_2_t) * regulated_grad_square)
        u_t = g / ops.sqrt(v)
        u_t_hat = u_t / ops.maximum(1.0, self._rms(u_t) / self.clip_threshold)
        variable.assign_sub(alpha_t * u_t_hat)

    def get_config(self):
        config = super().get_config()
        config.update({"beta_2_decay": self.beta_2_decay, "epsilon_1": self.epsilon_1,
                       "epsilon_2": self.epsilon_2, "clip_threshold": self.clip_threshold,
                       "relative_step": self.relative_step})
        return config

