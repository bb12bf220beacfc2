"""The data ``adapt()`` accepts, as a stream of NumPy batches.

An array-like (NumPy array, backend tensor, list, tuple, scalar) is one batch.
Anything else iterable (a generator, a ``PyDataset``, a torch ``DataLoader``)
yields batches; a batch that is an ``(x, y)`` or ``(x, y, sample_weight)``
tuple contributes its ``x``.
"""
import numpy as np

from ceras import backend


def is_array_like(data):
    return (isinstance(data, (np.ndarray, list, tuple, str, bytes, int, float, np.generic))
            or backend.is_tensor(data) or isinstance(data, backend.KerasVariable))


def to_numpy(batch, dtype=None):
    if backend.is_tensor(batch) or isinstance(batch, backend.KerasVariable):
        batch = backend.convert_to_numpy(batch)
    try:
        return np.asarray(batch, dtype=dtype)
    except ValueError:  # ragged rows: an object array of rows
        rows = np.empty(len(batch), dtype=object)
        rows[:] = [list(row) for row in batch]
        return rows


def iterate_batches(data, layer_name, batch_size=None, steps=None):
    """Yield ``data`` as NumPy batches, at most ``steps`` of them."""
    if backend.is_keras_tensor(data):
        raise ValueError(
            f'Layer "{layer_name}" adapt() needs concrete data (arrays, lists, tensors or an '
            f"iterable of batches), received a symbolic tensor {data}")
    if is_array_like(data):
        array = to_numpy(data)
        if batch_size is None or array.ndim == 0:
            yield array
            return
        for i, start in enumerate(range(0, len(array), batch_size)):
            if steps is not None and i >= steps:
                return
            yield array[start:start + batch_size]
        return
    if hasattr(data, "__getitem__") and hasattr(data, "__len__") and not isinstance(data, dict):
        source = (data[i] for i in range(len(data)))
    else:
        try:
            source = iter(data)
        except TypeError:
            raise TypeError(
                f'Layer "{layer_name}" adapt() expects an array, a tensor, a list or an '
                f"iterable of batches, received {type(data).__name__}") from None
    for i, batch in enumerate(source):
        if steps is not None and i >= steps:
            return
        if isinstance(batch, tuple) and 1 < len(batch) <= 3:
            batch = batch[0]
        yield to_numpy(batch)
