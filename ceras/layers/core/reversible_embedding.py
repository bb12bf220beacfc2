"""ReversibleEmbedding: an Embedding that can also project vectors back to logits."""
from ceras import backend, ops
from ceras.layers.core.embedding import Embedding


class ReversibleEmbedding(Embedding):
    """Embedding whose ``call(inputs, reverse=True)`` maps ``(..., output_dim)`` vectors
    to ``(..., input_dim)`` logits, e.g. a language model's output head.

    Args:
        input_dim: vocabulary size.
        output_dim: embedding size.
        tie_weights: when True (default) the reverse projection is the transposed
            embedding matrix; when False it is a separate ``reverse_embeddings`` weight
            of shape ``(output_dim, input_dim)``.
        embeddings_initializer, embeddings_regularizer, embeddings_constraint,
            mask_zero: as for ``Embedding``.
        reverse_dtype: dtype of the reverse projection's computation (e.g.
            "float32" for stable logits under mixed precision); default the compute dtype.
        logit_soft_cap: when set, logits become ``tanh(logits / cap) * cap``.

    Example:
        >>> layer = ReversibleEmbedding(100, 8)
        >>> layer(layer(np.array([[1, 2]])), reverse=True).shape
        (1, 2, 100)
    """

    def __init__(self, input_dim, output_dim, tie_weights=True,
                 embeddings_initializer="uniform", embeddings_regularizer=None,
                 embeddings_constraint=None, mask_zero=False, reverse_dtype=None,
                 logit_soft_cap=None, **kwargs):
        super().__init__(input_dim, output_dim, embeddings_initializer=embeddings_initializer,
                         embeddings_regularizer=embeddings_regularizer,
                         embeddings_constraint=embeddings_constraint, mask_zero=mask_zero,
                         **kwargs)
        if logit_soft_cap is not None and not logit_soft_cap > 0:
            raise ValueError(f'Layer "{self.name}" expects logit_soft_cap to be a positive '
                             f"number or None, received logit_soft_cap={logit_soft_cap!r}")
        self.tie_weights = tie_weights
        self.reverse_dtype = (None if reverse_dtype is None
                              else backend.standardize_dtype(reverse_dtype))
        self.logit_soft_cap = logit_soft_cap

    def build(self, input_shape=None):
        if self.built:
            return
        super().build(input_shape)
        if not self.tie_weights:
            self.reverse_embeddings = self.add_weight(
                name="reverse_embeddings", shape=(self.output_dim, self.input_dim),
                initializer=self.embeddings_initializer,
                regularizer=self.embeddings_regularizer,
                constraint=self.embeddings_constraint)

    def call(self, inputs, reverse=False):
        if not reverse:
            return super().call(inputs)
        if self.tie_weights:
            kernel = ops.transpose(self.embeddings.value)
        else:
            kernel = self.reverse_embeddings.value
        dtype = self.reverse_dtype or self.compute_dtype
        logits = ops.matmul(ops.cast(inputs, dtype), ops.cast(kernel, dtype))
        if self.logit_soft_cap is not None:
            logits = ops.tanh(logits / self.logit_soft_cap) * self.logit_soft_cap
        return logits

    def compute_output_shape(self, input_shape, reverse=False):
        if reverse:
            return tuple(input_shape)[:-1] + (self.input_dim,)
        return super().compute_output_shape(input_shape)

    def compute_output_spec(self, inputs, reverse=False):
        shape = self.compute_output_shape(inputs.shape, reverse=reverse)
        if reverse:
            dtype = self.reverse_dtype or self.compute_dtype
        else:
            dtype = self.compute_dtype
        return backend.KerasTensor(shape, dtype=dtype)

    def get_config(self):
        config = super().get_config()
        config.update({
            "tie_weights": self.tie_weights,
            "reverse_dtype": self.reverse_dtype,
            "logit_soft_cap": self.logit_soft_cap,
        })
        return config
