"""SpectralNormalization: constrain a layer's kernel to spectral norm 1."""
from ceras import initializers, ops
from ceras.layers.core.wrapper import Wrapper


class SpectralNormalization(Wrapper):
    """Wraps a layer with a ``kernel`` (Dense, Conv*) or ``embeddings`` (Embedding)
    weight and, at each training call, replaces that weight by ``kernel / sigma``,
    where ``sigma`` estimates its largest singular value by power iteration (Miyato et
    al., 2018). The iteration's vector ``vector_u`` (1, out) is a non-trainable weight
    that carries over between steps. Inference calls use the kernel as it is.

    Args:
        layer: the layer to wrap.
        power_iterations: positive int, iterations per training call (default 1).

    Example:
        >>> sn = SpectralNormalization(Dense(4))
        >>> sn(np.ones((2, 3)), training=True).shape
        (2, 4)
    """

    def __init__(self, layer, power_iterations=1, **kwargs):
        super().__init__(layer, **kwargs)
        if not isinstance(power_iterations, int) or power_iterations <= 0:
            raise ValueError(
                f'Layer "{self.name}" expects `power_iterations` to be a positive integer, '
                f"received power_iterations={power_iterations!r}"
            )
        self.power_iterations = power_iterations

    def build(self, input_shape):
        super().build(input_shape)
        kernel = getattr(self.layer, "kernel", None)
        if kernel is None:
            kernel = getattr(self.layer, "embeddings", None)
        if kernel is None:
            raise ValueError(
                f'Layer "{self.name}" expects the wrapped layer to have a `kernel` or '
                f'`embeddings` weight, received {type(self.layer).__name__} '
                f'"{self.layer.name}", which has neither'
            )
        self.kernel = kernel
        self._kernel_shape = tuple(kernel.shape)
        self.vector_u = self.add_weight(
            name="vector_u", shape=(1, self._kernel_shape[-1]),
            initializer=initializers.TruncatedNormal(stddev=0.02), trainable=False)

    def call(self, inputs, training=False):
        if training:
            vector_u, kernel = self.normalized_weights()
            self.vector_u.assign(vector_u)
            self.kernel.assign(kernel)
        return self.layer(inputs)

    def normalized_weights(self):
        """(new vector_u, kernel divided by its estimated spectral norm)."""
        kernel = self.kernel.value
        w = ops.reshape(kernel, (-1, self._kernel_shape[-1]))
        u = self.vector_u.value
        for _ in range(self.power_iterations):
            v = ops.normalize(ops.matmul(u, ops.transpose(w)), axis=None)
            u = ops.normalize(ops.matmul(v, w), axis=None)
        u, v = ops.stop_gradient(u), ops.stop_gradient(v)
        sigma = ops.matmul(ops.matmul(v, w), ops.transpose(u))
        return u, ops.reshape(ops.divide(kernel, sigma), self._kernel_shape)

    def compute_output_shape(self, input_shape):
        return self.layer.compute_output_shape(input_shape)

    def get_config(self):
        config = super().get_config()
        config["power_iterations"] = self.power_iterations
        return config
