"""PReLU: a leaky ReLU whose negative slopes are learned."""
from ceras import constraints, initializers, ops, regularizers
from ceras.layers.input_spec import InputSpec
from ceras.layers.layer import Layer


class PReLU(Layer):
    """``x`` for ``x >= 0``, ``alpha * x`` otherwise, with ``alpha`` a learned weight
    shaped like one sample (``input_shape[1:]``), or of size 1 along ``shared_axes``.

    Args:
        alpha_initializer: default "Zeros" (the layer starts as a ReLU).
        alpha_regularizer, alpha_constraint: optional.
        shared_axes: int or list of (1-based, non-batch) axes along which one slope is
            shared, e.g. ``[1, 2]`` for one slope per channel of (batch, h, w, c) images.

    Example:
        >>> PReLU(shared_axes=[1, 2])(np.ones((2, 4, 4, 3))).shape
        (2, 4, 4, 3)
    """

    def __init__(self, alpha_initializer="Zeros", alpha_regularizer=None,
                 alpha_constraint=None, shared_axes=None, **kwargs):
        super().__init__(**kwargs)
        self.alpha_initializer = initializers.get(alpha_initializer)
        self.alpha_regularizer = regularizers.get(alpha_regularizer)
        self.alpha_constraint = constraints.get(alpha_constraint)
        if shared_axes is None:
            self.shared_axes = None
        elif isinstance(shared_axes, int):
            self.shared_axes = [shared_axes]
        else:
            self.shared_axes = list(shared_axes)
        self.supports_masking = True

    def build(self, input_shape):
        shape = list(input_shape[1:])
        for axis in self.shared_axes or ():
            if not 1 <= axis < len(input_shape):
                raise ValueError(
                    f'Layer "{self.name}" expects `shared_axes` among the non-batch axes '
                    f"1..{len(input_shape) - 1}, received shared_axes={self.shared_axes}"
                )
            shape[axis - 1] = 1
        if any(d is None for d in shape):
            raise ValueError(
                f'Layer "{self.name}" needs known sizes on the axes that are not shared, '
                f"received input shape {tuple(input_shape)} and "
                f"shared_axes={self.shared_axes}"
            )
        self.alpha = self.add_weight(
            name="alpha", shape=tuple(shape), initializer=self.alpha_initializer,
            regularizer=self.alpha_regularizer, constraint=self.alpha_constraint)
        axes = {i: input_shape[i] for i in range(1, len(input_shape))
                if i not in (self.shared_axes or ())}
        self.input_spec = InputSpec(ndim=len(input_shape), axes=axes)

    def call(self, inputs):
        positive = ops.relu(inputs)
        negative = ops.multiply(ops.negative(self.alpha.value), ops.relu(ops.negative(inputs)))
        return ops.add(positive, negative)

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        config = super().get_config()
        config.update({
            "alpha_initializer": initializers.serialize(self.alpha_initializer),
            "alpha_regularizer": regularizers.serialize(self.alpha_regularizer),
            "alpha_constraint": constraints.serialize(self.alpha_constraint),
            "shared_axes": self.shared_axes,
        })
        return config
