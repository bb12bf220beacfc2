"""Constructor-argument checks shared by the convolution, pooling and reshaping layers.

Each check raises a ValueError that names the layer, the argument, what was expected
and what was received, and returns the argument in the form the layer stores (and
``get_config`` reports, as Keras does): tuples of ints, lower-case padding strings.
"""
from ceras import backend


def standardize_tuple(value, n, arg, layer, allow_zero=False):
    """An int, or an iterable of ``n`` ints, as a tuple of ``n`` ints (each > 0, or
    >= 0 with ``allow_zero``)."""
    if isinstance(value, int) and not isinstance(value, bool):
        values = (value,) * n
    else:
        try:
            values = tuple(value)
        except TypeError:
            values = None
        if values is None or len(values) != n or not all(
                isinstance(v, int) and not isinstance(v, bool) for v in values):
            raise ValueError(
                f'Layer "{layer}" expects `{arg}` to be an int or a tuple of {n} ints, '
                f"received {arg}={value!r}"
            )
    lowest = 0 if allow_zero else 1
    if any(v < lowest for v in values):
        bound = "non-negative" if allow_zero else "positive"
        raise ValueError(
            f'Layer "{layer}" expects `{arg}` to hold {bound} ints, received {arg}={value!r}'
        )
    return values


def standardize_padding(value, layer, allowed=("valid", "same")):
    padding = value.lower() if isinstance(value, str) else value
    if padding not in allowed:
        options = ", ".join(repr(p) for p in allowed)
        raise ValueError(
            f'Layer "{layer}" expects `padding` to be one of {options}, received '
            f"padding={value!r}"
        )
    return padding


def standardize_data_format(value, layer):
    try:
        return backend.standardize_data_format(value)
    except ValueError:
        raise ValueError(
            f'Layer "{layer}" expects `data_format` to be "channels_last" or '
            f'"channels_first", received data_format={value!r}'
        ) from None


def check_positive_int(value, arg, layer):
    if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
        raise ValueError(
            f'Layer "{layer}" expects `{arg}` to be a positive integer, received '
            f"{arg}={value!r}"
        )
    return value


def check_rate(value, layer, arg="rate", upper_inclusive=True):
    ok = isinstance(value, (int, float)) and not isinstance(value, bool) and (
        0 <= value <= 1 if upper_inclusive else 0 <= value < 1)
    if not ok:
        interval = "[0, 1]" if upper_inclusive else "[0, 1)"
        raise ValueError(
            f'Layer "{layer}" expects `{arg}` to be a float in {interval}, received '
            f"{arg}={value!r}"
        )
    return value


def conv_output_length(length, kernel, padding, stride, dilation=1):
    """Output size of one spatial dim of a convolution or pooling (None stays None)."""
    if length is None:
        return None
    if padding in ("same", "causal"):  # causal pads (kernel - 1) * dilation at the start
        return -(-length // stride)
    extent = (kernel - 1) * dilation + 1
    return (length - extent) // stride + 1 if length >= extent else 0


def spatial_dims(input_shape, data_format):
    """The spatial dims of a (batch, *spatial, channels) or (batch, channels, *spatial) shape."""
    shape = tuple(input_shape)
    return shape[1:-1] if data_format == "channels_last" else shape[2:]


def with_spatial(input_shape, spatial, channels, data_format):
    """Reassemble a shape from its batch dim, new spatial dims and a channel count."""
    if data_format == "channels_last":
        return (input_shape[0],) + tuple(spatial) + (channels,)
    return (input_shape[0], channels) + tuple(spatial)


def standardize_pairs(value, n, arg, layer):
    """Per-dim (before, after) amounts for padding or cropping: an int (the same
    everywhere), ``n`` ints (symmetric per dim) or ``n`` pairs; all non-negative."""
    def fail():
        raise ValueError(
            f'Layer "{layer}" expects `{arg}` to be a non-negative int, a tuple of {n} ints '
            f"or a tuple of {n} (before, after) pairs, received {arg}={value!r}"
        )

    def is_int(v):
        return isinstance(v, int) and not isinstance(v, bool) and v >= 0

    if is_int(value):
        return ((value, value),) * n
    try:
        items = tuple(value)
    except TypeError:
        fail()
    if len(items) != n:
        fail()
    pairs = []
    for item in items:
        if is_int(item):
            pairs.append((item, item))
            continue
        try:
            pair = tuple(item)
        except TypeError:
            fail()
        if len(pair) != 2 or not all(is_int(v) for v in pair):
            fail()
        pairs.append(pair)
    return tuple(pairs)
