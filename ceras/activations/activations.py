"""The activation functions of keras.activations, on ceras.ops."""
from ceras import ops


def _keep_logits(output, x):
    # Keras tags sigmoid/softmax outputs with their input so that a crossentropy
    # loss can work from the logits, which is more accurate.
    try:
        output._keras_logits = x
    except AttributeError:
        pass
    return output


def relu(x, negative_slope=0.0, max_value=None, threshold=0.0):
    """Rectified linear unit: ``max(x, 0)`` by default.

    With the other arguments: ``max_value`` where ``x >= max_value``; ``x`` where
    ``threshold < x < max_value``; ``negative_slope * (x - threshold)`` elsewhere.

    Args:
        x: Input tensor.
        negative_slope: Slope below the threshold. Defaults to 0.0.
        max_value: Upper bound of the output; None (default) for none.
        threshold: Where the linear part starts. Defaults to 0.0.
    """
    if negative_slope == 0.0 and max_value is None and threshold == 0.0:
        return ops.relu(x)
    if negative_slope == 0.0 and threshold == 0.0 and max_value == 6:
        return ops.relu6(x)
    y = ops.where(ops.greater(x, threshold), x, ops.multiply(ops.subtract(x, threshold),
                                                             negative_slope))
    if max_value is not None:
        y = ops.minimum(y, max_value)
    return y


def leaky_relu(x, negative_slope=0.2):
    """``x`` for positive values, ``negative_slope * x`` otherwise."""
    return ops.leaky_relu(x, negative_slope=negative_slope)


def relu6(x):
    """``min(max(x, 0), 6)``."""
    return ops.relu6(x)


def softmax(x, axis=-1):
    """``exp(x) / sum(exp(x))`` along ``axis`` (an int or a tuple of ints)."""
    if isinstance(axis, int):
        output = ops.softmax(x, axis=axis)
    else:
        output = ops.exp(ops.subtract(x, ops.logsumexp(x, axis=axis, keepdims=True)))
    return _keep_logits(output, x)


def elu(x, alpha=1.0):
    """Exponential linear unit: ``x`` if positive, else ``alpha * (exp(x) - 1)``."""
    return ops.elu(x, alpha=alpha)


def selu(x):
    """Scaled ELU: ``scale * elu(x, alpha)`` with Klambauer et al.'s constants."""
    return ops.selu(x)


def softplus(x):
    """``log(exp(x) + 1)``."""
    return ops.softplus(x)


def softsign(x):
    """``x / (abs(x) + 1)``."""
    return ops.softsign(x)


def soft_shrink(x, threshold=0.5):
    """``x - threshold`` above ``threshold``, ``x + threshold`` below ``-threshold``, else 0."""
    return ops.soft_shrink(x, threshold=threshold)


def sparse_plus(x):
    """0 below -1, ``(x + 1)**2 / 4`` on [-1, 1], ``x`` above 1."""
    return ops.sparse_plus(x)


def silu(x):
    """Sigmoid linear unit (swish): ``x * sigmoid(x)``."""
    return ops.silu(x)


def squareplus(x, b=4):
    """``(x + sqrt(x**2 + b)) / 2``."""
    return ops.squareplus(x, b=b)


def gelu(x, approximate=False):
    """Gaussian error linear unit ``x * P(X <= x)``, X ~ N(0, 1); ``approximate``
    uses the tanh formula."""
    return ops.gelu(x, approximate=approximate)


def celu(x, alpha=1.0):
    """Continuously differentiable ELU: ``max(0, x) + min(0, alpha * (exp(x / alpha) - 1))``."""
    return ops.celu(x, alpha=alpha)


def glu(x, axis=-1):
    """Gated linear unit: ``a * sigmoid(b)`` where ``x`` splits into halves a, b on ``axis``."""
    return ops.glu(x, axis=axis)


def tanh(x):
    """Hyperbolic tangent."""
    return ops.tanh(x)


def tanh_shrink(x):
    """``x - tanh(x)``."""
    return ops.tanh_shrink(x)


def hard_tanh(x):
    """``clip(x, -1, 1)``."""
    return ops.hard_tanh(x)


def hard_shrink(x, threshold=0.5):
    """``x`` where ``abs(x) > threshold``, else 0."""
    return ops.hard_shrink(x, threshold=threshold)


def threshold(x, threshold, default_value):
    """``x`` where ``x > threshold``, else ``default_value``."""
    return ops.threshold(x, threshold, default_value)


def sigmoid(x):
    """``1 / (1 + exp(-x))``."""
    return _keep_logits(ops.sigmoid(x), x)


def exponential(x):
    """``exp(x)``."""
    return ops.exp(x)


def hard_sigmoid(x):
    """Piecewise-linear sigmoid: ``relu6(x + 3) / 6``."""
    return ops.hard_sigmoid(x)


def hard_silu(x):
    """Hard swish: ``x * relu6(x + 3) / 6``."""
    return ops.hard_silu(x)


def linear(x):
    """The identity: returns ``x`` unchanged."""
    return x


def mish(x):
    """``x * tanh(softplus(x))`` (Misra, 2019)."""
    return ops.multiply(x, ops.tanh(ops.softplus(x)))


def log_softmax(x, axis=-1):
    """``x - logsumexp(x)`` along ``axis``."""
    return ops.log_softmax(x, axis=axis)


def log_sigmoid(x):
    """``-softplus(-x)``."""
    return ops.log_sigmoid(x)


def sparse_sigmoid(x):
    """0 below -1, ``(x + 1) / 2`` on [-1, 1], 1 above."""
    return ops.sparse_sigmoid(x)


def sparsemax(x, axis=-1):
    """Euclidean projection of ``x`` onto the probability simplex along ``axis``."""
    return ops.sparsemax(x, axis=axis)


# Keras's other names for the same functions.
swish = silu
hard_swish = hard_silu
