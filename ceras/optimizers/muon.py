"""Muon: momentum orthogonalized by Newton-Schulz iterations (Jordan et al., 2024)."""
import re

from ceras import ops
from ceras.optimizers.optimizer import Optimizer


class Muon(Optimizer):
    """Muon for matrices (rank 2), AdamW for everything else.

    A matrix's momentum (Nesterov by default) is orthogonalized with ``ns_steps``
    Newton-Schulz iterations of coefficients (``muon_a``, ``muon_b``, ``muon_c``) and
    scaled by ``sqrt(max(rows, cols)) * rms_rate`` (Moonlight's rule). Variables of
    other ranks, embeddings (``exclude_embeddings``) and variables whose path matches a
    regex of ``exclude_layers`` get Adam (``adam_beta_1``, ``adam_beta_2``, ``epsilon``)
    at ``learning_rate * adam_lr_ratio`` with weight decay ``adam_weight_decay``.

    Args:
        learning_rate: Defaults to 0.001.
        adam_beta_1, adam_beta_2: Adam's betas. Default to 0.9 and 0.999.
        adam_weight_decay: Weight decay of the Adam variables. Defaults to 0.004.
        epsilon: Adam's epsilon. Defaults to 1e-7.
        weight_decay: Weight decay of the Muon variables. Defaults to 0.004.
        exclude_layers: Regexes of variable paths that use Adam. Defaults to None.
        exclude_embeddings: Embedding variables use Adam. Defaults to True.
        muon_a, muon_b, muon_c: Newton-Schulz coefficients.
        adam_lr_ratio: Adam's rate relative to ``learning_rate``. Defaults to 1.
        momentum: Defaults to 0.95.
        ns_steps: Newton-Schulz iterations. Defaults to 5.
        nesterov: Defaults to True.
        rms_rate: Update RMS scale, or None for no rescaling. Defaults to 0.2.
        The other arguments are ``Optimizer``'s.
    """

    def __init__(self, learning_rate=0.001, adam_beta_1=0.9, adam_beta_2=0.999,
                 adam_weight_decay=0.004, epsilon=1e-7, weight_decay=0.004, clipnorm=None,
                 clipvalue=None, global_clipnorm=None, use_ema=False, ema_momentum=0.99,
                 ema_overwrite_frequency=None, loss_scale_factor=None,
                 gradient_accumulation_steps=None, name=None, exclude_layers=None,
                 exclude_embeddings=True, muon_a=3.4445, muon_b=-4.775, muon_c=2.0315,
                 adam_lr_ratio=1, momentum=0.95, ns_steps=5, nesterov=True, rms_rate=0.2,
                 **kwargs):
        super().__init__(
            learning_rate=learning_rate, name=name, weight_decay=weight_decay,
            clipnorm=clipnorm, clipvalue=clipvalue, global_clipnorm=global_clipnorm,
            use_ema=use_ema, ema_momentum=ema_momentum,
            ema_overwrite_frequency=ema_overwrite_frequency,
            loss_scale_factor=loss_scale_factor,
            gradient_accumulation_steps=gradient_accumulation_steps, **kwargs)
        self.adam_beta_1 = adam_beta_1
        self.adam_beta_2 = adam_beta_2
        self.epsilon = epsilon
        self.exclude_layers = exclude_layers or []
        self.muon_a = muon_a
        self.muon_b = muon_b
        self.muon_c = muon_c
        self.adam_lr_ratio = adam_lr_ratio
        self.momentum = momentum
        self.ns_steps = ns_steps
        self.nesterov = nesterov
        self.exclude_embeddings = exclude_embeddings
        self.adam_weight_decay = adam_weight_decay
        self.rms_rate = rms_rate

    def _should_use_adamw(self, variable):
        if len(variable.shape) != 2:
            return True
        if self.exclude_embeddings and "embedding" in variable.path.lower():
            return True
        return any(re.search(pattern, variable.path) for pattern in self.exclude_layers)

    def build(self, variables):
        if self.built:
            return
        super().build(variables)
        self._momentums, self._velocities = [], []
        for variable in variables:
            self._momentums.append(self.add_variable_from_reference(variable, "momentum"))
            self._velocities.append(
                self.add_variable_from_reference(variable, "velocity")
                if self._should_use_adamw(variable) else None)

    def _apply_weight_decay(self, plan, learning_rate):
        for j in plan.decayed:
            variable = plan.variables[j]
            decay = (self.adam_weight_decay if self._should_use_adamw(variable)
                     else self.weight_decay)
            if decay is None:
                continue
            wd = ops.cast(decay, variable.dtype)
            lr = ops.cast(learning_rate, variable.dtype)
            variable.assign(variable - variable * wd * lr)

    def _has_weight_decay(self):
        # The Adam variables decay by `adam_weight_decay` even when `weight_decay` is None.
        return self.weight_decay is not None or self.adam_weight_decay is not None

    def update_step(self, gradient, variable, learning_rate):
        if self._should_use_adamw(variable):
            self._adam_update_step(gradient, variable, learning_rate * self.adam_lr_ratio)
        else:
            self._muon_update_step(gradient, variable, learning_rate)

    def _muon_update_step(self, gradient, variable, learning_rate):
        dtype = variable.dtype
        lr = ops.cast(learning_rate, dtype)
        g = ops.cast(gradient, dtype)
        m = self._momentums[self._variable_index(variable)]
        m.assign_add(g + m * (self.momentum - 1))
        direction = g + self.momentum * m if self.nesterov else m.value
        update = self._orthogonalize(direction)
        variable.assign_sub(self._adjust(lr * update))

    def _adam_update_step(self, gradient, variable, learning_rate):
        dtype = variable.dtype
        lr = ops.cast(learning_rate, dtype)
        g = ops.cast(gradient, dtype)
        step = ops.cast(self.iterations + 1, dtype)
        beta_1_power = ops.power(ops.cast(self.adam_beta_1, dtype), step)
        beta_2_power = ops.power(ops.cast(self.adam_beta_2, dtype), step)
        index = self._variable_index(variable)
        m, v = self._momentums[index], self._velocities[index]
        alpha = lr * ops.sqrt(1 - beta_2_power) / (1 - beta_1_power)
        m.assign_add((g - m) * (1 - self.adam_beta_1))
        v.assign_add((ops.square(g) - v) * (1 - self.adam_beta_2))
        variable.assign_sub((m * alpha) / (ops.sqrt(v) + self.epsilon))

    def _adjust(self, update):
        # Moonlight: scale the orthogonal update to an RMS of about rms_rate.
        if self.rms_rate is None:
            return update
        rows, cols = update.shape[-2], update.shape[-1]
        return update * ops.sqrt(ops.cast(max(rows, cols), update.dtype)) * self.rms_rate

    def _orthogonalize(self, x):
        """Newton-Schulz iteration towards the nearest semi-orthogonal matrix."""
        tall = x.shape[-2] > x.shape[-1]
        if tall:
            x = ops.swapaxes(x, -2, -1)
        x = x / (ops.linalg.norm(x, axis=(-2, -1), keepdims=True) + 1e-7)
        for _ in range(self.ns_steps):
            gram = ops.matmul(x, ops.swapaxes(x, -2, -1))
            poly = self.muon_b * gram + self.muon_c * ops.matmul(gram, gram)
            x = self.muon_a * x + ops.matmul(poly, x)
        return ops.swapaxes(x, -2, -1) if tall else x

    def get_config(self):
        config = super().get_config()
        config.update({
            "adam_beta_1": self.adam_beta_1, "adam_beta_2": self.adam_beta_2,
            "epsilon": self.epsilon, "exclude_layers": self.exclude_layers,
            "muon_a": self.muon_a, "muon_b": self.muon_b, "muon_c": self.muon_c,
            "adam_lr_ratio": self.adam_lr_ratio, "momentum": self.momentum,
            "ns_steps": self.ns_steps, "nesterov": self.nesterov,
            "exclude_embeddings": self.exclude_embeddings,
            "adam_weight_decay": self.adam_weight_decay, "rms_rate": self.rms_rate,
        })
        return config
