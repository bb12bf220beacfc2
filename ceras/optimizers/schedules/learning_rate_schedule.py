"""Learning rate schedules: the learning rate as a function of the optimizer step.

An optimizer given a schedule calls it with its iteration count (a 0-based integer
tensor) once per step; the schedule answers with a float tensor. Everything here is
written with ``ceras.ops`` and tensor operators, so no step reads a value back to
Python, and with Python-number constants, so a step creates no constant tensors.
"""
import math

from ceras import backend, ops


class LearningRateSchedule:
    """Base class: subclasses define ``__call__(step)`` and ``get_config()``.

    >>> class Halving(LearningRateSchedule):
    ...     def __call__(self, step):
    ...         return 0.1 * 0.5 ** ops.floor(ops.cast(step, "float32") / 100)
    """

    def __call__(self, step):
        raise NotImplementedError(
            f"Learning rate schedule '{type(self).__name__}' must override "
            "`__call__(self, step)`."
        )

    def get_config(self):
        raise NotImplementedError(
            f"Learning rate schedule '{type(self).__name__}' must override `get_config()` in "
            "order to be serializable."
        )

    @classmethod
    def from_config(cls, config):
        return cls(**config)


def _check_positive(name, value):
    if not value > 0:
        raise ValueError(f"Argument `{name}` must be > 0. Received: {name}={value}")


def _float_step(step, initial_learning_rate):
    """``step`` as a float tensor of the learning rate's dtype (floatx for a Python float),
    which is the precision Keras computes a schedule in."""
    dtype = getattr(initial_learning_rate, "dtype", None)
    return ops.cast(step, backend.standardize_dtype(dtype) if dtype else backend.floatx())


class ExponentialDecay(LearningRateSchedule):
    """``initial_learning_rate * decay_rate ** (step / decay_steps)``.

    Args:
        initial_learning_rate: The rate at step 0.
        decay_steps: Steps per factor of ``decay_rate`` (> 0).
        decay_rate: The factor.
        staircase: If True, ``step / decay_steps`` is floored (the rate drops in steps).
        name: Defaults to "ExponentialDecay".
    """

    def __init__(self, initial_learning_rate, decay_steps, decay_rate, staircase=False,
                 name="ExponentialDecay"):
        _check_positive("decay_steps", decay_steps)
        self.initial_learning_rate = initial_learning_rate
        self.decay_steps = decay_steps
        self.decay_rate = decay_rate
        self.staircase = staircase
        self.name = name

    def __call__(self, step):
        p = _float_step(step, self.initial_learning_rate) / self.decay_steps
        if self.staircase:
            p = ops.floor(p)
        return self.initial_learning_rate * self.decay_rate ** p

    def get_config(self):
        return {"initial_learning_rate": self.initial_learning_rate,
                "decay_steps": self.decay_steps, "decay_rate": self.decay_rate,
                "staircase": self.staircase, "name": self.name}


class PiecewiseConstantDecay(LearningRateSchedule):
    """``values[0]`` while ``step <= boundaries[0]``, ``values[1]`` while
    ``boundaries[0] < step <= boundaries[1]``, ..., ``values[-1]`` after the last boundary.

    Args:
        boundaries: Increasing step numbers.
        values: One more value than boundaries.
        name: Defaults to "PiecewiseConstant".
    """

    def __init__(self, boundaries, values, name="PiecewiseConstant"):
        if len(boundaries) != len(values) - 1:
            raise ValueError(
                "The length of boundaries should be 1 less than the length of values. "
                f"Received: boundaries={boundaries} of length {len(boundaries)}, and "
                f"values={values} of length {len(values)}."
            )
        self.boundaries = boundaries
        self.values = values
        self.name = name
        self._tensors = None

    def __call__(self, step):
        if self._tensors is None:
            self._tensors = (ops.convert_to_tensor(self.boundaries),
                             ops.convert_to_tensor(self.values))
        boundaries, values = self._tensors
        step = ops.convert_to_tensor(step)
        # The number of boundaries strictly below `step` is the index of its value.
        above = ops.greater(step, ops.cast(boundaries, ops.dtype(step)))
        return ops.take(values, ops.sum(ops.cast(above, "int32")))

    def get_config(self):
        return {"boundaries": self.boundaries, "values": self.values, "name": self.name}


class PolynomialDecay(LearningRateSchedule):
    """From ``initial_learning_rate`` to ``end_learning_rate`` over ``decay_steps`` along
    ``(1 - step / decay_steps) ** power``; with ``cycle=True`` the decay restarts with a
    longer period (the next multiple of ``decay_steps``) instead of staying at the end.

    Args:
        initial_learning_rate: The rate at step 0.
        decay_steps: Length of the decay (> 0).
        end_learning_rate: Defaults to 0.0001.
        power: Defaults to 1.0 (linear).
        cycle: Defaults to False.
        name: Defaults to "PolynomialDecay".
    """

    def __init__(self, initial_learning_rate, decay_steps, end_learning_rate=0.0001, power=1.0,
                 cycle=False, name="PolynomialDecay"):
        _check_positive("decay_steps", decay_steps)
        self.initial_learning_rate = initial_learning_rate
        self.decay_steps = decay_steps
        self.end_learning_rate = end_learning_rate
        self.power = power
        self.cycle = cycle
        self.name = name

    def __call__(self, step):
        step = _float_step(step, self.initial_learning_rate)
        decay_steps = self.decay_steps
        if self.cycle:
            # Step 0 keeps multiplier 1 rather than ceil(0) = 0.
            multiplier = ops.where(ops.equal(step, 0), 1.0, ops.ceil(step / decay_steps))
            decay_steps = multiplier * decay_steps
        else:
            step = ops.minimum(step, decay_steps)
        fraction = step / decay_steps
        end = self.end_learning_rate
        return (self.initial_learning_rate - end) * (1 - fraction) ** self.power + end

    def get_config(self):
        return {"initial_learning_rate": self.initial_learning_rate,
                "decay_steps": self.decay_steps, "end_learning_rate": self.end_learning_rate,
                "power": self.power, "cycle": self.cycle, "name": self.name}


class InverseTimeDecay(LearningRateSchedule):
    """``initial_learning_rate / (1 + decay_rate * step / decay_steps)``.

    Args:
        initial_learning_rate: The rate at step 0.
        decay_steps: Steps per unit of decay (> 0).
        decay_rate: The decay rate.
        staircase: If True, ``step / decay_steps`` is floored.
        name: Defaults to "InverseTimeDecay".
    """

    def __init__(self, initial_learning_rate, decay_steps, decay_rate, staircase=False,
                 name="InverseTimeDecay"):
        _check_positive("decay_steps", decay_steps)
        self.initial_learning_rate = initial_learning_rate
        self.decay_steps = decay_steps
        self.decay_rate = decay_rate
        self.staircase = staircase
        self.name = name

    def __call__(self, step):
        p = _float_step(step, self.initial_learning_rate) / self.decay_steps
        if self.staircase:
            p = ops.floor(p)
        return self.initial_learning_rate / (1 + self.decay_rate * p)

    def get_config(self):
        return {"initial_learning_rate": self.initial_learning_rate,
                "decay_steps": self.decay_steps, "decay_rate": self.decay_rate,
                "staircase": self.staircase, "name": self.name}


def _cosine(fraction):
    return 0.5 * (1.0 + ops.cos(math.pi * fraction))


class CosineDecay(LearningRateSchedule):
    """Cosine decay over ``decay_steps`` down to ``alpha * rate``, after an optional
    linear warmup from ``initial_learning_rate`` to ``warmup_target`` over
    ``warmup_steps`` (the warmup applies only when ``warmup_target`` is set).

    Args:
        initial_learning_rate: The rate at step 0.
        decay_steps: Length of the cosine decay (> 0).
        alpha: Final rate as a fraction of the decayed-from rate. Defaults to 0.0.
        name: Defaults to "CosineDecay".
        warmup_target: Rate reached at the end of the warmup. Defaults to None.
        warmup_steps: Length of the warmup. Defaults to 0.
    """

    def __init__(self, initial_learning_rate, decay_steps, alpha=0.0, name="CosineDecay",
                 warmup_target=None, warmup_steps=0):
        _check_positive("decay_steps", decay_steps)
        self.initial_learning_rate = initial_learning_rate
        self.decay_steps = decay_steps
        self.alpha = alpha
        self.name = name
        self.warmup_target = warmup_target
        self.warmup_steps = warmup_steps

    def _decay(self, step, rate):
        return rate * ((1 - self.alpha) * _cosine(step / self.decay_steps) + self.alpha)

    def __call__(self, step):
        initial = self.initial_learning_rate
        step = _float_step(step, initial)
        if self.warmup_target is None:
            return self._decay(ops.minimum(step, self.decay_steps), initial)
        target, warmup_steps = self.warmup_target, self.warmup_steps
        step = ops.minimum(step, self.decay_steps + warmup_steps)
        # Both branches are computed and one is selected: no host-side branch on `step`.
        warmup = (target - initial) * (step / max(warmup_steps, 1)) + initial
        decay = self._decay(ops.maximum(step - warmup_steps, 0.0), target)
        return ops.where(ops.less(step, warmup_steps), warmup, decay)

    def get_config(self):
        return {"initial_learning_rate": self.initial_learning_rate,
                "decay_steps": self.decay_steps, "alpha": self.alpha, "name": self.name,
                "warmup_target": self.warmup_target, "warmup_steps": self.warmup_steps}


class CosineDecayRestarts(LearningRateSchedule):
    """Cosine decay with warm restarts (SGDR): each period is ``t_mul`` times longer than
    the previous one and starts from ``m_mul`` times its rate.

    Args:
        initial_learning_rate: The rate at step 0.
        first_decay_steps: Length of the first period (> 0).
        t_mul: Period growth factor. Defaults to 2.0.
        m_mul: Restart rate factor. Defaults to 1.0.
        alpha: Final rate of a period, as a fraction of its start. Defaults to 0.0.
        name: Defaults to "SGDRDecay".
    """

    def __init__(self, initial_learning_rate, first_decay_steps, t_mul=2.0, m_mul=1.0,
                 alpha=0.0, name="SGDRDecay"):
        _check_positive("first_decay_steps", first_decay_steps)
        self.initial_learning_rate = initial_learning_rate
        self.first_decay_steps = first_decay_steps
        self._t_mul = t_mul
        self._m_mul = m_mul
        self.alpha = alpha
        self.name = name

    def __call__(self, step):
        fraction = _float_step(step, self.initial_learning_rate) / self.first_decay_steps
        t_mul = self._t_mul
        if t_mul == 1.0:
            restarts = ops.floor(fraction)
            fraction = fraction - restarts
        else:
            # Period i spans t_mul**i first periods; solve the geometric sum for i.
            restarts = ops.floor(ops.log(1.0 - fraction * (1.0 - t_mul)) / math.log(t_mul))
            growth = t_mul ** restarts
            fraction = (fraction - (1.0 - growth) / (1.0 - t_mul)) / growth
        m_fac = self._m_mul ** restarts
        decayed = (1 - self.alpha) * (m_fac * _cosine(fraction)) + self.alpha
        return self.initial_learning_rate * decayed

    def get_config(self):
        return {"initial_learning_rate": self.initial_learning_rate,
                "first_decay_steps": self.first_decay_steps, "t_mul": self._t_mul,
                "m_mul": self._m_mul, "alpha": self.alpha, "name": self.name}
