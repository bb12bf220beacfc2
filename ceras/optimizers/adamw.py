"""AdamW: Adam with decoupled weight decay (Loshchilov & Hutter, 2019)."""
from ceras.optimizers.adam import Adam


class AdamW(Adam):
    """Adam whose ``weight_decay`` defaults to 0.004 (and must be set).

    Each step first decays the variables (``var -= var * weight_decay * lr``), then
    runs Adam's update.

    Args:
        learning_rate: Defaults to 0.001.
        weight_decay: Defaults to 0.004.
        beta_1, beta_2, epsilon, amsgrad: As in ``Adam``.
        The other arguments are ``Optimizer``'s.
    """

    def __init__(self, learning_rate=0.001, weight_decay=0.004, beta_1=0.9, beta_2=0.999,
                 epsilon=1e-7, amsgrad=False, clipnorm=None, clipvalue=None,
                 global_clipnorm=None, use_ema=False, ema_momentum=0.99,
                 ema_overwrite_frequency=None, loss_scale_factor=None,
                 gradient_accumulation_steps=None, name=None, **kwargs):
        super().__init__(
            learning_rate=learning_rate, beta_1=beta_1, beta_2=beta_2, epsilon=epsilon,
            amsgrad=amsgrad, name=name, weight_decay=weight_decay, clipnorm=clipnorm,
            clipvalue=clipvalue, global_clipnorm=global_clipnorm, use_ema=use_ema,
            ema_momentum=ema_momentum, ema_overwrite_frequency=ema_overwrite_frequency,
            loss_scale_factor=loss_scale_factor,
            gradient_accumulation_steps=gradient_accumulation_steps, **kwargs)
        if self.weight_decay is None:
            raise ValueError(
                "Argument `weight_decay` must be a float. Received: weight_decay=None"
            )
