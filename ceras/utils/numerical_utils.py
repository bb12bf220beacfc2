"""to_categorical and normalize, on NumPy arrays (as Keras's utils)."""
import numpy as np


def to_categorical(x, num_classes=None):
    """One-hot encode integer class labels: shape (..., ) -> (..., num_classes).

    Example:
        >>> to_categorical([0, 2], num_classes=3)
        array([[1., 0., 0.], [0., 0., 1.]])
    """
    x = np.asarray(x)
    if x.size and not np.issubdtype(x.dtype, np.integer):
        if not np.all(np.equal(np.mod(x, 1), 0)):
            raise ValueError(
                f"to_categorical expects integer class labels, received values of dtype "
                f"{x.dtype} such as {x.ravel()[0]!r}"
            )
    x = x.astype("int64")
    shape = x.shape
    if shape and shape[-1] == 1 and len(shape) > 1:
        shape = shape[:-1]
    x = x.reshape(-1)
    if num_classes is None:
        num_classes = int(x.max()) + 1 if x.size else 0
    if x.size and (x.min() < 0 or x.max() >= num_classes):
        raise ValueError(
            f"to_categorical: labels must be in [0, {num_classes}), received values in "
            f"[{x.min()}, {x.max()}]"
        )
    out = np.zeros((x.size, num_classes), dtype="float32")
    out[np.arange(x.size), x] = 1.0
    return out.reshape(shape + (num_classes,))


def normalize(x, axis=-1, order=2):
    """Scale ``x`` to unit ``order``-norm along ``axis`` (zero vectors stay zero)."""
    x = np.asarray(x, dtype="float32") if not np.issubdtype(np.asarray(x).dtype, np.floating) \
        else np.asarray(x)
    norm = np.linalg.norm(x, ord=order, axis=axis, keepdims=True)
    norm[norm == 0] = 1
    return x / norm
