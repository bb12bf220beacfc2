"""Fused multi-tensor optimizer updates on torch.

Each function updates whole lists of tensors in place with a few ``torch._foreach_*``
(or ``torch._fused_*``) kernels: one launch per step for all variables, instead of a
Python loop over them. The formulas are Keras 3's, written so that the state they keep
(momentums, velocities, ...) is the same state Keras keeps, which keeps saved optimizer
variables interchangeable with Keras files.

Scalars (learning rate, iteration count) arrive as 0-d tensors. On an accelerator they
stay tensors, so a step never waits for the device. On the CPU there is no device to
wait for: reading them as Python numbers is a memory read, and lets the kernels take
plain scalars (torch's own fused CPU kernels read a tensor learning rate the same way).
The caller runs these between ``disable_grad()`` and ``restore_grad()``.
"""
import functools

import torch

# Tests switch this off to run the tensor-scalar (accelerator) path on the CPU.
READ_CPU_SCALARS = True


def disable_grad():
    """Turn autograd off for an update (in-place writes to Parameters); returns the previous
    mode for ``restore_grad``. Cheaper than ``torch.no_grad()``, which a step would pay for
    every call."""
    previous = torch.is_grad_enabled()
    torch._C._set_grad_enabled(False)
    return previous


def restore_grad(previous):
    torch._C._set_grad_enabled(previous)


def _host(x):
    if isinstance(x, torch.Tensor) and READ_CPU_SCALARS and x.is_cpu:
        return x.item()
    return x


def _add_scaled_(out, x, scale):
    """out += scale * x."""
    if isinstance(scale, torch.Tensor):
        torch._foreach_add_(out, torch._foreach_mul(x, scale))
    else:
        torch._foreach_add_(out, x, alpha=scale)


def _addcdiv_(out, num, den, scale):
    """out += scale * num / den; ``den`` is a temporary list and may be overwritten."""
    if isinstance(scale, torch.Tensor):
        torch._foreach_div_(den, scale)
        torch._foreach_addcdiv_(out, num, den)
    else:
        torch._foreach_addcdiv_(out, num, den, value=scale)


# -- shared steps: gradient scaling, clipping, decay, EMA ---------------------

def incrementer(counter):
    """A function adding 1 to the integer tensor ``counter`` in place (made once per
    optimizer: the 1 is a tensor, so no Python scalar is wrapped every step)."""
    one = torch.ones((), dtype=counter.dtype, device=counter.device)
    # A partial, not a lambda, so a compiled model can be pickled (and deep-copied).
    return functools.partial(torch._C.TensorBase.add_, counter, one)


def scale(grads, factor):
    return torch._foreach_mul(grads, _host(factor))


def clip_by_value(grads, clipvalue):
    clipped = torch._foreach_clamp_min(grads, -clipvalue)
    torch._foreach_clamp_max_(clipped, clipvalue)
    return clipped


def clip_by_norm(grads, clipnorm):
    # Keras: g * clipnorm / max(||g||, clipnorm), per tensor.
    norms = torch._foreach_norm(grads)
    torch._foreach_maximum_(norms, clipnorm)
    torch._foreach_reciprocal_(norms)
    torch._foreach_mul_(norms, clipnorm)
    return torch._foreach_mul(grads, norms)


def clip_by_global_norm(grads, clipnorm):
    # Keras: g * clipnorm * min(1 / global_norm, 1 / clipnorm).
    total = torch.linalg.vector_norm(torch.stack(torch._foreach_norm(grads)))
    factor = torch.clamp(total.reciprocal(), max=1.0 / clipnorm) * clipnorm
    return torch._foreach_mul(grads, factor)


def apply_weight_decay(params, learning_rate, weight_decay):
    # Keras 3's decoupled decay: var -= var * weight_decay * lr.
    lr = _host(learning_rate)
    torch._foreach_mul_(params, 1.0 - lr * weight_decay)


def update_moving_averages(averages, params, ema_momentum, iterations):
    # average = m * average + (1 - m) * var, with m = 0 on the first step (a copy), as Keras.
    step = _host(iterations)
    if isinstance(step, torch.Tensor):
        momentum = (step != 0).to(averages[0].dtype) * ema_momentum
        torch._foreach_mul_(averages, momentum)
        torch._foreach_add_(averages, torch._foreach_mul(params, 1.0 - momentum))
    else:
        torch._foreach_lerp_(averages, params, 1.0 - ema_momentum * (step != 0))


def overwrite_with_moving_averages(params, averages, iterations, frequency):
    due = (_host(iterations) + 1) % frequency == 0
    if isinstance(due, torch.Tensor):
        for p, a in zip(params, averages):
            p.copy_(torch.where(due, a, p))
    elif due:
        torch._foreach_copy_(params, averages)


def accumulate_gradients(accumulators, grads, iterations, steps):
    """Add ``grads`` into the accumulators; on every ``steps``-th call return the mean
    gradients (and reset), else None. Reads the step count (a sync on accelerators)."""
    if (int(iterations) + 1) % steps != 0:
        torch._foreach_add_(accumulators, grads)
        return None
    mean = torch._foreach_add(accumulators, grads)
    torch._foreach_div_(mean, float(steps))
    torch._foreach_zero_(accumulators)
    return mean


def all_finite(grads):
    """True when no gradient holds inf or nan (reads one value back from the device)."""
    peaks = torch._foreach_norm(grads, ord=float("inf"))  # inf and nan propagate
    return bool(torch.isfinite(torch.stack(peaks)).all())


# -- the optimizers -------------------------------------------------------------

def sgd_update(params, grads, momentums, learning_rate, momentum, nesterov):
    lr = _host(learning_rate)
    if not momentums:
        torch._fused_sgd_(params, grads, [], weight_decay=0.0, momentum=0.0, lr=lr,
                          dampening=0.0, nesterov=False, maximize=False, is_first_step=False)
        return
    # Keras keeps the learning rate inside the buffer (m = momentum * m - lr * g; var += m).
    # torch's kernel computes buf = momentum * buf + g'; var -= lr' * buf: with g' = -lr * g
    # and lr' = -1 both the buffer and the step are Keras's.
    scaled = torch._foreach_mul(grads, -lr)
    torch._fused_sgd_(params, scaled, momentums, weight_decay=0.0, momentum=momentum, lr=-1.0,
                      dampening=0.0, nesterov=nesterov, maximize=False, is_first_step=False)


_NO_BIAS_CORRECTION = {}


def _no_bias_correction_steps(params):
    # torch's fused Adam divides by 1 - beta ** step; an infinite step turns that into 1,
    # so the kernel runs the plain update and Keras's bias correction goes into the rate.
    # Cached per parameter list (optimizers pass the same list object every step).
    entry = _NO_BIAS_CORRECTION.get(id(params))
    if entry is None or entry[0] is not params:
        if len(_NO_BIAS_CORRECTION) > 64:
            _NO_BIAS_CORRECTION.clear()
        step = torch.tensor(float("inf"), device=params[0].device)
        entry = _NO_BIAS_CORRECTION[id(params)] = (params, [step] * len(params))
    return entry[1]


def adam_update(params, grads, momentums, velocities, velocity_hats, learning_rate,
                iterations, beta_1, beta_2, epsilon):
    # Keras: alpha = lr * sqrt(1 - beta_2^t) / (1 - beta_1^t); var -= alpha * m / (sqrt(v) + eps)
    # (epsilon outside the bias-corrected square root).
    step = _host(iterations) + 1
    alpha = _host(learning_rate) * (1 - beta_2 ** step) ** 0.5 / (1 - beta_1 ** step)
    torch._fused_adam_(params, grads, momentums, velocities, velocity_hats or [],
                       _no_bias_correction_steps(params), lr=alpha, beta1=beta_1, beta2=beta_2,
                       weight_decay=0.0, eps=epsilon, amsgrad=bool(velocity_hats),
                       maximize=False)


def adamax_update(params, grads, momentums, norms, learning_rate, iterations, beta_1, beta_2,
                  epsilon):
    step = _host(iterations) + 1
    torch._foreach_lerp_(momentums, grads, 1.0 - beta_1)
    torch._foreach_mul_(norms, beta_2)
    torch._foreach_maximum_(norms, torch._foreach_abs(grads))
    den = torch._foreach_add(norms, epsilon)
    _addcdiv_(params, momentums, den, -_host(learning_rate) / (1 - beta_1 ** step))


def nadam_update(params, grads, momentums, velocities, u_product, learning_rate, iterations,
                 beta_1, beta_2, epsilon):
    step = _host(iterations) + 1
    u_t = beta_1 * (1.0 - 0.5 * 0.96 ** step)
    u_t_1 = beta_1 * (1.0 - 0.5 * 0.96 ** (step + 1))
    u_product.mul_(u_t)
    u_product_t = _host(u_product)
    u_product_t_1 = u_product_t * u_t_1
    torch._foreach_lerp_(momentums, grads, 1.0 - beta_1)
    torch._foreach_mul_(velocities, beta_2)
    torch._foreach_addcmul_(velocities, grads, grads, value=1.0 - beta_2)
    # m_hat = u_t_1 m / (1 - u_product_t_1) + (1 - u_t) g / (1 - u_product_t)
    m_hat = torch._foreach_mul(momentums, u_t_1 / (1.0 - u_product_t_1))
    _add_scaled_(m_hat, grads, (1.0 - u_t) / (1.0 - u_product_t))
    # sqrt(v / (1 - beta_2^t)) + eps
    den = torch._foreach_sqrt(velocities)
    torch._foreach_div_(den, (1.0 - beta_2 ** step) ** 0.5)
    torch._foreach_add_(den, epsilon)
    _addcdiv_(params, m_hat, den, -_host(learning_rate))


def rmsprop_update(params, grads, velocities, momentums, average_gradients, learning_rate, rho,
                   momentum, epsilon):
    lr = _host(learning_rate)
    torch._foreach_mul_(velocities, rho)
    torch._foreach_addcmul_(velocities, grads, grads, value=1.0 - rho)
    if average_gradients:
        torch._foreach_lerp_(average_gradients, grads, 1.0 - rho)
        den = torch._foreach_addcmul(velocities, average_gradients, average_gradients,
                                     value=-1.0)
        torch._foreach_add_(den, epsilon)
    else:
        den = torch._foreach_add(velocities, epsilon)
    # Keras keeps epsilon inside the square root for RMSprop.
    torch._foreach_sqrt_(den)
    if momentums:
        torch._foreach_mul_(momentums, momentum)
        _addcdiv_(momentums, grads, den, lr)
        torch._foreach_sub_(params, momentums)
    else:
        _addcdiv_(params, grads, den, -lr)


def adagrad_update(params, grads, accumulators, learning_rate, epsilon):
    torch._foreach_addcmul_(accumulators, grads, grads)
    den = torch._foreach_add(accumulators, epsilon)
    torch._foreach_sqrt_(den)
    _addcdiv_(params, grads, den, -_host(learning_rate))


def adadelta_update(params, grads, accumulated_grads, accumulated_delta_vars, learning_rate,
                    rho, epsilon):
    torch._foreach_mul_(accumulated_grads, rho)
    torch._foreach_addcmul_(accumulated_grads, grads, grads, value=1.0 - rho)
    # delta = sqrt(E[dx^2] + eps) * g / sqrt(E[g^2] + eps); the variable moves by -lr * delta.
    delta = torch._foreach_add(accumulated_delta_vars, epsilon)
    torch._foreach_sqrt_(delta)
    den = torch._foreach_add(accumulated_grads, epsilon)
    torch._foreach_sqrt_(den)
    torch._foreach_mul_(delta, grads)
    torch._foreach_div_(delta, den)
    torch._foreach_mul_(accumulated_delta_vars, rho)
    torch._foreach_addcmul_(accumulated_delta_vars, delta, delta, value=1.0 - rho)
    _add_scaled_(params, delta, -_host(learning_rate))


def lion_update(params, grads, momentums, learning_rate, beta_1, beta_2):
    direction = torch._foreach_mul(momentums, beta_1)
    torch._foreach_add_(direction, grads, alpha=1.0 - beta_1)
    direction = torch._foreach_sign(direction)
    _add_scaled_(params, direction, -_host(learning_rate))
    torch._foreach_lerp_(momentums, grads, 1.0 - beta_2)


def schedule_free_adamw_update(params, grads, zs, velocities, learning_rate, iterations,
                               beta_2, epsilon, warmup_steps):
    step = _host(iterations) + 1
    lr = _host(learning_rate)
    if warmup_steps:
        warmup = step / warmup_steps
        lr = lr * (torch.clamp(warmup, max=1.0) if isinstance(warmup, torch.Tensor)
                   else min(1.0, warmup))
    torch._foreach_mul_(velocities, beta_2)
    torch._foreach_addcmul_(velocities, grads, grads, value=1.0 - beta_2)
    den = torch._foreach_div(velocities, 1.0 - beta_2 ** step)
    torch._foreach_sqrt_(den)
    torch._foreach_add_(den, epsilon)
    _addcdiv_(zs, grads, den, -lr)
    # The variables follow the uniform running average of z.
    if isinstance(step, torch.Tensor):
        torch._foreach_add_(params, torch._foreach_div(torch._foreach_sub(zs, params), step))
    else:
        torch._foreach_lerp_(params, zs, 1.0 / step)
