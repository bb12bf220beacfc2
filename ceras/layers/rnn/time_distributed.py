"""TimeDistributed: apply a layer to every time step of a sequence."""
from ceras import ops
from ceras.layers.core.wrapper import Wrapper
from ceras.layers.layer import Layer


class TimeDistributed(Wrapper):
    """Applies ``layer`` to each slice ``inputs[:, t]`` with the same weights.

    The steps are folded into the batch (one call on (batch * time, ...)), which is
    what a per-step loop computes for any layer that treats samples independently.
    A layer with non-trainable state in training mode (BatchNormalization's moving
    statistics) is run step by step instead, as Keras does, so its batch statistics
    are per step.

    Args:
        layer: a Layer instance.

    Example:
        >>> TimeDistributed(Dense(8))(np.ones((32, 10, 16))).shape
        (32, 10, 8)
    """

    def __init__(self, layer, **kwargs):
        if not isinstance(layer, Layer):
            raise ValueError(
                "TimeDistributed expects a ceras Layer instance to wrap, received "
                f"layer={layer!r}"
            )
        super().__init__(layer, **kwargs)
        self.supports_masking = True

    def _child_input_shape(self, input_shape):
        if not isinstance(input_shape, (tuple, list)) or len(input_shape) < 3:
            raise ValueError(
                f'Layer "{self.name}" (TimeDistributed) expects an input of rank >= 3 '
                f"(batch, time, ...), received input shape {input_shape}"
            )
        return (input_shape[0], *input_shape[2:])

    def compute_output_shape(self, input_shape):
        child = self.layer.compute_output_shape(self._child_input_shape(tuple(input_shape)))
        return (child[0], input_shape[1], *child[1:])

    def build(self, input_shape):
        super().build(self._child_input_shape(tuple(input_shape)))

    def call(self, inputs, training=None, mask=None):
        shape = tuple(inputs.shape)
        if mask is not None:
            mask_shape = tuple(mask.shape)
            if len(mask_shape) < 2 or any(
                    m is not None and s is not None and m != s
                    for m, s in zip(mask_shape[:2], shape[:2])):
                raise ValueError(
                    f'Layer "{self.name}" (TimeDistributed) expects a mask of shape '
                    f"({shape[0]}, {shape[1]}, ...) matching the input's batch and time "
                    f"dimensions, received mask shape {mask_shape}"
                )
        layer = self.layer
        kwargs = {}
        if layer._call_has_training:
            kwargs["training"] = training
        if training and layer.non_trainable_weights:
            return self._call_per_step(inputs, mask, kwargs)
        batch, steps = ops.shape(inputs)[:2]
        if layer._call_has_mask and mask is not None:
            kwargs["mask"] = ops.reshape(mask, (-1,) + tuple(mask.shape[2:]))
        folded = ops.reshape(inputs, (-1,) + shape[2:])
        outputs = layer.call(folded, **kwargs)
        return ops.reshape(outputs, (batch, steps) + tuple(outputs.shape[1:]))

    def _call_per_step(self, inputs, mask, kwargs):
        outputs = []
        for t in range(inputs.shape[1]):
            if self.layer._call_has_mask and mask is not None:
                kwargs["mask"] = mask[:, t]
            outputs.append(self.layer.call(inputs[:, t], **kwargs))
        return ops.stack(outputs, axis=1)
