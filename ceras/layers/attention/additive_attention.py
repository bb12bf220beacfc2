"""AdditiveAttention: Bahdanau-style attention over [query, value, key]."""
from ceras import ops
from ceras.layers.attention.attention import Attention


class AdditiveAttention(Attention):
    """Attention whose scores are ``sum(scale * tanh(query + key), axis=-1)``.

    Args:
        use_scale: learn a per-feature ``scale`` vector of shape (dim,) (default True).
        dropout: fraction of the attention weights dropped while training.

    Call arguments are those of ``Attention``.

    Example:
        >>> q, v = np.ones((2, 3, 4)), np.ones((2, 5, 4))
        >>> AdditiveAttention()([q, v]).shape
        (2, 3, 4)
    """

    def __init__(self, use_scale=True, dropout=0.0, **kwargs):
        super().__init__(use_scale=use_scale, dropout=dropout, **kwargs)

    def build(self, input_shape):
        self._validate_inputs(input_shape)
        self.scale = self.add_weight(
            name="scale", shape=(input_shape[0][-1],), initializer="glorot_uniform",
        ) if self.use_scale else None
        self.concat_score_weight = None

    def _calculate_scores(self, query, key):
        pairs = ops.tanh(ops.expand_dims(query, -2) + ops.expand_dims(key, -3))
        if self.scale is not None:
            pairs = self.scale.value * pairs
        return ops.sum(pairs, axis=-1)

    def get_config(self):
        config = super().get_config()
        del config["score_mode"]
        return config
