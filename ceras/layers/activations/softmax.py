"""Softmax: the softmax activation, with optional mask."""
from ceras import activations, ops
from ceras.layers.layer import Layer


class Softmax(Layer):
    """``exp(x) / sum(exp(x))`` along ``axis`` (an int or a tuple of ints, default -1).

    ``mask`` (boolean, broadcastable to the input, True = keep) leaves masked entries
    out of the normalization and sets them to 0; a fully masked slice gives zeros.
    The mask is passed through to later layers.

    Example:
        >>> Softmax()(np.array([[1.0, 1.0]]))  # [[0.5, 0.5]]
    """

    def __init__(self, axis=-1, **kwargs):
        super().__init__(**kwargs)
        self.axis = axis
        self.supports_masking = True
        self.built = True

    def call(self, inputs, mask=None):
        if mask is None:
            return activations.softmax(inputs, axis=self.axis)
        shape, mask_shape = tuple(inputs.shape), tuple(mask.shape)
        if len(mask_shape) != len(shape) or any(
                m not in (1, d) for m, d in zip(mask_shape, shape)):
            raise ValueError(
                f'Layer "{self.name}" expects a mask broadcastable to the input (same rank, '
                f"each dim 1 or equal), received input shape {shape} and mask shape "
                f"{mask_shape}"
            )
        keep = ops.cast(mask, "bool")
        # A large finite negative rather than -inf, so a fully masked slice gives no NaN.
        large_negative = -3e4 if ops.dtype(inputs) == "float16" else -1e9
        outputs = activations.softmax(ops.where(keep, inputs, large_negative), axis=self.axis)
        return ops.where(keep, outputs, 0.0)

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        config = super().get_config()
        config["axis"] = self.axis
        return config
