"""Attention: dot-product (Luong-style) attention over [query, value, key]."""
from ceras import backend, ops
from ceras.backend import KerasTensor
from ceras.layers.layer import Layer
from ceras.random.seed_generator import SeedGenerator


class Attention(Layer):
    """``softmax(scores(query, key)) @ value`` for (batch, Tq, dim) queries and
    (batch, Tv, dim) values / keys.

    Args:
        use_scale: learn a scalar ``scale`` that multiplies the scores (default False).
        score_mode: "dot" (``query @ key^T``, default) or "concat"
            (``concat_score_weight * sum(tanh(query + key))``).
        dropout: fraction of the attention weights dropped while training.
        seed: int seed of the dropout.

    Call arguments: ``inputs`` = ``[query, value]`` or ``[query, value, key]`` (key
    defaults to value); ``mask`` = ``[query_mask, value_mask]`` (taken from the inputs'
    masks when not given); ``training``; ``return_attention_scores`` (also return the
    (batch, Tq, Tv) weights); ``use_causal_mask`` (position i attends to j <= i only).
    Masked keys get ``score - 1e9`` before the softmax and masked queries output 0.

    Example:
        >>> q, v = np.ones((2, 3, 4)), np.ones((2, 5, 4))
        >>> Attention()([q, v]).shape
        (2, 3, 4)
    """

    def __init__(self, use_scale=False, score_mode="dot", dropout=0.0, seed=None, **kwargs):
        super().__init__(**kwargs)
        if score_mode not in ("dot", "concat"):
            raise ValueError(
                f'Layer "{self.name}" expects score_mode to be "dot" or "concat", received '
                f"score_mode={score_mode!r}"
            )
        self.use_scale = use_scale
        self.score_mode = score_mode
        self.dropout = dropout
        self.seed = seed
        if dropout > 0:
            self.seed_generator = SeedGenerator(seed)
        self.supports_masking = True

    def build(self, input_shape):
        self._validate_inputs(input_shape)
        self.scale = self.add_weight(
            name="scale", shape=(), initializer="ones") if self.use_scale else None
        self.concat_score_weight = self.add_weight(
            name="concat_score_weight", shape=(), initializer="ones",
        ) if self.score_mode == "concat" else None

    def _calculate_scores(self, query, key):
        scale = self.scale.value if self.scale is not None else None
        if self.score_mode == "dot":
            scores = ops.matmul(query, ops.swapaxes(key, -2, -1))
            return scores * scale if scale is not None else scores
        pairs = ops.expand_dims(query, -2) + ops.expand_dims(key, -3)
        if scale is not None:
            pairs = scale * pairs
        return self.concat_score_weight.value * ops.sum(ops.tanh(pairs), axis=-1)

    def _apply_scores(self, scores, value, scores_mask=None, training=False):
        if scores_mask is not None:
            # Keras subtracts a large constant (the float16 max in half precision).
            big = 65504.0 if ops.dtype(scores) == "float16" else 1.0e9
            padding = ops.logical_not(scores_mask)
            if len(padding.shape) == 2:
                padding = ops.expand_dims(padding, -2)
            scores = ops.where(padding, scores - big, scores)
        weights = ops.softmax(scores, axis=-1)
        if training and self.dropout > 0:
            weights = backend.random.dropout(weights, self.dropout, seed=self.seed_generator)
        return ops.matmul(weights, value), weights

    def _calculate_score_mask(self, scores, v_mask, use_causal_mask):
        if not use_causal_mask:
            return v_mask
        tq, tv = ops.shape(scores)[-2], ops.shape(scores)[-1]
        causal = ops.expand_dims(ops.tril(ops.ones((tq, tv), dtype="bool")), 0)
        if v_mask is None:
            return causal
        return ops.logical_and(ops.expand_dims(v_mask, -2), causal)

    def call(self, inputs, mask=None, training=False, return_attention_scores=False,
             use_causal_mask=False):
        self._validate_inputs(inputs, mask)
        q, v = inputs[0], inputs[1]
        k = inputs[2] if len(inputs) > 2 else v
        q_mask = mask[0] if mask else None
        v_mask = mask[1] if mask else None
        scores = self._calculate_scores(q, k)
        scores_mask = self._calculate_score_mask(scores, v_mask, use_causal_mask)
        output, weights = self._apply_scores(scores, v, scores_mask, training=training)
        if q_mask is not None:
            output = ops.where(ops.expand_dims(q_mask, -1), output, 0)
        return (output, weights) if return_attention_scores else output

    def compute_mask(self, inputs, mask=None):
        self._validate_inputs(inputs, mask)
        if mask is None or mask[0] is None:
            return None
        return ops.convert_to_tensor(mask[0])

    def compute_output_shape(self, input_shape):
        return (*input_shape[0][:-1], input_shape[1][-1])

    def compute_output_spec(self, inputs, mask=None, training=None,
                            return_attention_scores=False, use_causal_mask=False):
        self._validate_inputs(inputs, mask)
        q, v = inputs[0], inputs[1]
        k = inputs[2] if len(inputs) > 2 else v
        out = KerasTensor(self.compute_output_shape([q.shape, v.shape]),
                          dtype=self.compute_dtype)
        if return_attention_scores:
            return out, KerasTensor((*q.shape[:-1], k.shape[-2]), dtype=self.compute_dtype)
        return out

    def _validate_inputs(self, inputs, mask=None):
        cls = type(self).__name__
        if not isinstance(inputs, (list, tuple)) or not 2 <= len(inputs) <= 3:
            count = len(inputs) if isinstance(inputs, (list, tuple)) else "a single tensor"
            raise ValueError(
                f'Layer "{self.name}" ({cls}) expects a list of inputs [query, value] or '
                f"[query, value, key], received {count}"
            )
        if mask is not None and (not isinstance(mask, (list, tuple)) or
                                 not 2 <= len(mask) <= 3):
            raise ValueError(
                f'Layer "{self.name}" ({cls}) expects mask to be a list [query_mask, '
                f"value_mask], received mask={mask!r}"
            )

    def get_config(self):
        config = super().get_config()
        config.update({"use_scale": self.use_scale, "score_mode": self.score_mode,
                       "dropout": self.dropout, "seed": self.seed})
        return config
