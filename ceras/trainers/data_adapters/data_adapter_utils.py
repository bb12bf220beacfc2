"""Helpers every data adapter shares: (x, y, sample_weight) packing, class
weights, the train / validation split and the x / y length check."""
import math

import numpy as np

from ceras import backend
from ceras.backend import tree


def unpack_x_y_sample_weight(data):
    """``(x,)``, ``(x, y)`` or ``(x, y, sample_weight)`` -> ``(x, y, sample_weight)``
    (a non-tuple is ``x``; missing parts are None).

    Example:
        >>> x, y, sw = unpack_x_y_sample_weight((features, labels))
        >>> sw is None
        True
    """
    if isinstance(data, list):
        data = tuple(data)
    if not isinstance(data, tuple):
        return data, None, None
    if len(data) == 1:
        return data[0], None, None
    if len(data) == 2:
        return data[0], data[1], None
    if len(data) == 3:
        return data
    raise ValueError(
        "Data is expected to be in format `x`, `(x,)`, `(x, y)`, or "
        f"`(x, y, sample_weight)`, found a tuple of {len(data)} elements: "
        f"{_describe(data)}")


def pack_x_y_sample_weight(x, y=None, sample_weight=None):
    """The inverse of ``unpack_x_y_sample_weight``: the shortest tuple that holds them."""
    if y is None:
        # A lone tuple/list x would be read back as (x, y): wrap it.
        return (x,) if isinstance(x, (list, tuple)) else x
    if sample_weight is None:
        return x, y
    return x, y, sample_weight


def _describe(data):
    return tree.map_structure(
        lambda v: f"<{type(v).__name__} shape={tuple(v.shape)}>" if hasattr(v, "shape")
        else repr(v), data)


def is_pandas(x):
    module = type(x).__module__ or ""
    return module.startswith("pandas") and hasattr(x, "to_numpy")


def is_array(x):
    """A single array-like leaf: NumPy, backend tensor, pandas, or anything with
    a shape that converts to an array (jax arrays, torch tensors on any backend)."""
    if isinstance(x, np.ndarray) or backend.is_tensor(x) or is_pandas(x):
        return True
    return hasattr(x, "shape") and hasattr(x, "__array__") and hasattr(x, "__len__")


def is_scalar_list(x):
    """A (nested) Python list of numbers: one array, not a list of inputs."""
    if not isinstance(x, list) or not x:
        return False
    first = x
    while isinstance(first, list) and first:
        first = first[0]
    return isinstance(first, (int, float, bool, np.number))


def num_samples(x):
    return int(x.shape[0]) if len(x.shape) else 0


def check_lengths(x, y=None, sample_weight=None):
    """All leaves of ``x``, ``y`` and ``sample_weight`` must have the same length;
    the error names each part's lengths."""
    parts = {"x": x, "y": y, "sample_weight": sample_weight}
    sizes = {}
    for name, value in parts.items():
        if value is None:
            continue
        leaves = [v for v in tree.flatten(value) if v is not None]
        for leaf in leaves:
            if not hasattr(leaf, "shape") or len(leaf.shape) == 0:
                raise ValueError(
                    f"Expected every array in `{name}` to have at least one dimension (the "
                    f"samples); received {_describe(leaf)}")
        sizes[name] = [num_samples(v) for v in leaves]
    distinct = {n for values in sizes.values() for n in values}
    if len(distinct) > 1:
        detail = ", ".join(f"'{name}' sizes: {', '.join(map(str, values))}"
                           for name, values in sizes.items())
        raise ValueError(
            "Data cardinality is ambiguous: make sure all arrays contain the same number "
            f"of samples. Received {detail}.")
    return distinct.pop() if distinct else 0


def class_weight_to_sample_weights(y, class_weight):
    """Per-sample weights from a ``{class_index: weight}`` dict (missing classes get 1).

    One-hot targets use their argmax, others are rounded to the nearest integer.
    """
    y = backend.convert_to_numpy(y)
    if y.ndim > 1:
        y = np.argmax(y, axis=-1) if y.shape[-1] != 1 else np.squeeze(y, axis=-1)
    labels = np.round(y).astype("int64").reshape(-1)
    weights = np.ones(labels.shape[0], dtype=backend.floatx())
    for label, weight in class_weight.items():
        weights[labels == int(label)] = weight
    return weights


def standardize_class_weight(y, sample_weight, class_weight):
    """Fold ``class_weight`` into ``sample_weight`` (Keras allows only one of them,
    and class weights only for single-output models)."""
    if class_weight is None:
        return sample_weight
    if sample_weight is not None:
        raise ValueError("You cannot `class_weight` and `sample_weight` at the same time.")
    if not isinstance(class_weight, dict):
        raise ValueError(
            "`class_weight` must be a dict mapping class indices to weights, received "
            f"{type(class_weight).__name__}: {class_weight!r}")
    if tree.is_nested(y):
        raise ValueError("`class_weight` is only supported for Models with a single output.")
    if y is None:
        raise ValueError("`class_weight` needs targets `y`, but y is None.")
    return class_weight_to_sample_weights(y, class_weight)


def broadcast_sample_weight(y, sample_weight):
    """One sample_weight array for a multi-output ``y`` applies to every output."""
    if sample_weight is None or not tree.is_nested(y):
        return sample_weight
    if tree.is_nested(sample_weight):
        if len(tree.flatten(sample_weight)) != len(tree.flatten(y)):
            raise ValueError(
                "You should provide one `sample_weight` array per output in `y`. The two "
                f"structures did not match:\n- y: {_describe(y)}\n"
                f"- sample_weight: {_describe(sample_weight)}")
        return sample_weight
    shape = tuple(sample_weight.shape)
    if not (len(shape) == 1 or (len(shape) == 2 and shape[1] == 1)):
        raise ValueError(
            "For a model with multiple outputs, when providing a single `sample_weight` "
            "array, it should only have one scalar score per sample (i.e. shape "
            f"`(num_samples,)`); received shape {shape}. To weight each output "
            "differently, pass one array per output.")
    return tree.map_structure(lambda _: sample_weight, y)


def train_validation_split(arrays, validation_split):
    """Split ``arrays`` (a structure of arrays) into the first ``1 - validation_split``
    of the samples and the last ``validation_split`` (taken before any shuffling)."""
    flat = tree.flatten(arrays)
    bad = [type(t).__name__ for t in flat if t is not None and not is_array(t)]
    if bad:
        raise ValueError(
            "`validation_split` is only supported for Tensors or NumPy arrays; it cannot "
            "split a generator, a PyDataset or a DataLoader. Found incompatible type in the "
            f"input: {bad[0]}. Pass `validation_data` instead.")
    if not 0.0 < validation_split < 1.0:
        raise ValueError(
            "`validation_split` must be a float between 0 and 1 (exclusive), received "
            f"validation_split={validation_split!r}")
    total = check_lengths(*(arrays if isinstance(arrays, tuple) else (arrays,)))
    split_at = int(math.floor(total * (1.0 - validation_split)))
    if split_at == 0 or split_at == total:
        raise ValueError(
            f"Training data contains {total} samples, which is not sufficient to split it "
            "into a validation and training set as specified by "
            f"`validation_split={validation_split}`. Either provide more data, or a "
            "different value for the `validation_split` argument.")

    def _slice(t, start, stop):
        if t is None:
            return None
        if is_pandas(t):
            return t.iloc[start:stop]
        return t[start:stop]

    train = tree.map_structure(lambda t: _slice(t, 0, split_at), arrays)
    val = tree.map_structure(lambda t: _slice(t, split_at, total), arrays)
    return train, val
