"""Turning integer indices into one-hot, multi-hot, count or TF-IDF vectors,
shared by CategoryEncoding, Discretization, Hashing and the lookup layers."""
from ceras import ops

OUTPUT_MODES = ("int", "one_hot", "multi_hot", "count", "tf_idf")


def validate_output_mode(layer, output_mode, allowed):
    if output_mode not in allowed:
        raise ValueError(
            f'Layer "{layer.name}" expects output_mode to be one of {allowed}, received '
            f"output_mode={output_mode!r}")


def encode_categorical(inputs, output_mode, depth, dtype, count_weights=None,
                       idf_weights=None):
    """Encode integer ``inputs`` with values in ``[0, depth)``.

    one_hot adds a last axis of size ``depth`` (replacing a last axis of size 1);
    multi_hot, count and tf_idf reduce axis 1 (as Keras; a rank-1 input is one
    sample) and append the encoding. Values outside ``[0, depth)`` encode as
    all zeros.
    """
    if output_mode == "int":
        return ops.cast(inputs, dtype)
    if len(inputs.shape) == 0:
        inputs = ops.expand_dims(inputs, 0)
    if output_mode == "one_hot" and len(inputs.shape) > 1 and inputs.shape[-1] == 1:
        inputs = ops.squeeze(inputs, -1)
    hot = ops.equal(ops.expand_dims(inputs, -1), ops.arange(depth, dtype=inputs.dtype))
    if output_mode == "one_hot":
        return ops.cast(hot, dtype)
    axis = 1 if len(inputs.shape) > 1 else 0
    if output_mode == "multi_hot":
        return ops.cast(ops.any(hot, axis=axis), dtype)
    hot = ops.cast(hot, dtype)
    if count_weights is not None:
        hot = hot * ops.expand_dims(ops.cast(count_weights, dtype), -1)
    counts = ops.sum(hot, axis=axis)
    if output_mode == "tf_idf":
        counts = counts * ops.cast(idf_weights, dtype)
    return counts


def encoded_shape(input_shape, output_mode, depth):
    input_shape = tuple(input_shape)
    if output_mode == "int":
        return input_shape
    if not input_shape:
        return (1, depth) if output_mode == "one_hot" else (depth,)
    if output_mode == "one_hot":
        if len(input_shape) > 1 and input_shape[-1] == 1:
            return input_shape[:-1] + (depth,)
        return input_shape + (depth,)
    if len(input_shape) == 1:
        return (depth,)
    return input_shape[:1] + input_shape[2:] + (depth,)
