"""CategoryEncoding: integer features to one-hot, multi-hot or count vectors."""
from ceras import backend, ops
from ceras.layers.layer import Layer
from ceras.layers.preprocessing.encoding import (
    encode_categorical, encoded_shape, validate_output_mode,
)


class CategoryEncoding(Layer):
    """Encodes integer features in ``[0, num_tokens)``.

    Args:
        num_tokens: the number of distinct values (the output's last size).
        output_mode: "multi_hot" (default; a 1 for each value present in the
            last axis), "one_hot" (a vector per value; a last axis of size 1
            is replaced) or "count" (how often each value appears, optionally
            weighted by ``count_weights`` in ``call``).
        sparse: must be False (no sparse tensors on this backend).

    Example:
        >>> CategoryEncoding(num_tokens=4, output_mode="count")(np.array([[0, 1, 1]]))
        [[1., 2., 0., 0.]]
    """

    def __init__(self, num_tokens=None, output_mode="multi_hot", sparse=False, **kwargs):
        super().__init__(autocast=False, **kwargs)
        if output_mode == "binary":  # the Keras 2 name of "multi_hot"
            output_mode = "multi_hot"
        validate_output_mode(self, output_mode, ("count", "one_hot", "multi_hot"))
        if num_tokens is None or isinstance(num_tokens, bool) or not isinstance(
                num_tokens, int) or num_tokens < 1:
            raise ValueError(
                f'Layer "{self.name}" expects num_tokens to be a positive integer (use '
                f"IntegerLookup when it is not known beforehand), received "
                f"num_tokens={num_tokens!r}")
        if sparse:
            raise ValueError(
                f'Layer "{self.name}": sparse outputs are not supported on this backend, '
                f"received sparse={sparse!r}")
        self.num_tokens = num_tokens
        self.output_mode = output_mode
        self.sparse = sparse
        self.built = True

    def call(self, inputs, count_weights=None):
        inputs = ops.convert_to_tensor(inputs)
        if not backend.is_int(ops.dtype(inputs)):
            inputs = ops.cast(inputs, "int64")
        if count_weights is not None and self.output_mode != "count":
            raise ValueError(
                f'Layer "{self.name}" accepts count_weights only with output_mode="count", '
                f"received output_mode={self.output_mode!r}")
        if ops.size(inputs) and int(ops.max(inputs)) >= self.num_tokens:
            raise ValueError(
                f'Layer "{self.name}" expects input values in [0, {self.num_tokens}), '
                f"received a maximum of {int(ops.max(inputs))}")
        return encode_categorical(inputs, self.output_mode, self.num_tokens,
                                  self.compute_dtype, count_weights=count_weights)

    def compute_output_shape(self, input_shape):
        return encoded_shape(input_shape, self.output_mode, self.num_tokens)

    def get_config(self):
        config = super().get_config()
        config.update({"num_tokens": self.num_tokens, "output_mode": self.output_mode})
        return config
