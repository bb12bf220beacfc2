"""GlobalAveragePooling1D: average over the steps of sequence inputs."""
from ceras import ops
from ceras.layers.pooling.base_global_pooling import BaseGlobalPooling


class GlobalAveragePooling1D(BaseGlobalPooling):
    """Global average pooling over the steps; arguments as in BaseGlobalPooling.

    With a mask (batch, steps), e.g. from ``Embedding(mask_zero=True)``, only the
    unmasked steps are averaged; the mask stops here.

    Example:
        >>> GlobalAveragePooling1D()(np.ones((2, 8, 3))).shape
        (2, 3)
    """

    def __init__(self, data_format=None, keepdims=False, **kwargs):
        super().__init__(pool_dimensions=1, pool_mode="average", data_format=data_format,
                         keepdims=keepdims, **kwargs)
        self.supports_masking = True

    def call(self, inputs, mask=None):
        if mask is None:
            return ops.mean(inputs, axis=self._axes, keepdims=self.keepdims)
        steps_axis = self._axes[0]
        weights = ops.expand_dims(ops.cast(mask, inputs.dtype),
                                  2 if steps_axis == 1 else 1)
        total = ops.sum(ops.multiply(inputs, weights), axis=steps_axis, keepdims=self.keepdims)
        count = ops.sum(weights, axis=steps_axis, keepdims=self.keepdims)
        return ops.divide(total, count)

    def compute_mask(self, inputs, mask=None):
        return None
