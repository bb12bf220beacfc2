"""Masking: mark time steps whose features all equal a value as padding."""
from ceras import ops
from ceras.layers.layer import Layer


class Masking(Layer):
    """A step (a position along every axis but the last) is masked when all its
    features equal ``mask_value``; masked steps are zeroed and the mask (the input
    shape without its last axis) is passed to later layers (RNNs skip those steps).

    Args:
        mask_value: the padding value (default 0.0).

    Example:
        >>> x = np.array([[[1.0, 2.0], [0.0, 0.0]]])
        >>> Masking()(x)._keras_mask  # [[True, False]]
    """

    def __init__(self, mask_value=0.0, **kwargs):
        super().__init__(**kwargs)
        self.mask_value = mask_value
        self.supports_masking = True
        self.built = True

    def compute_mask(self, inputs, mask=None):
        return ops.any(ops.not_equal(inputs, self.mask_value), axis=-1)

    def call(self, inputs):
        keep = ops.any(ops.not_equal(inputs, self.mask_value), axis=-1, keepdims=True)
        return ops.multiply(inputs, ops.cast(keep, inputs.dtype))

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        config = super().get_config()
        config["mask_value"] = self.mask_value
        return config
