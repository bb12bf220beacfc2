"""The attention mask of MultiHeadAttention / GroupedQueryAttention, merged from the
inputs' masks, an explicit mask, causality and a sliding window (all booleans,
True = may attend)."""
from ceras import ops


def merge_attention_masks(query, value, query_mask=None, value_mask=None, key_mask=None,
                          attention_mask=None, use_causal_mask=False, sliding_window=None):
    """A (batch or 1, Tq, Tv) boolean mask, or None when nothing is masked."""
    auto = None

    def both(a, b):
        return b if a is None else ops.logical_and(a, b)

    if query_mask is not None:
        auto = ops.expand_dims(ops.cast(query_mask, "bool"), -1)
    for m in (value_mask, key_mask):
        if m is not None:
            auto = both(auto, ops.expand_dims(ops.cast(m, "bool"), -2))
    if use_causal_mask:
        auto = both(auto, causal_mask(query, value))
    if sliding_window is not None:
        auto = both(auto, sliding_window_mask(query, value, sliding_window))
    if attention_mask is not None:
        attention_mask = ops.cast(attention_mask, "bool")
    if auto is None:
        return attention_mask
    return auto if attention_mask is None else ops.logical_and(attention_mask, auto)


def causal_mask(query, value=None):
    """(1, Tq, Tv): query step i sees value steps j <= i."""
    tq = ops.shape(query)[1]
    tv = tq if value is None else ops.shape(value)[1]
    return ops.expand_dims(ops.tril(ops.ones((tq, tv), dtype="bool")), 0)


def sliding_window_mask(query, value, window):
    """(1, Tq, Tv): |i - j| < window (a symmetric band; with causality, the usual
    causal sliding window)."""
    tq = ops.shape(query)[1]
    tv = tq if value is None else ops.shape(value)[1]
    rows = ops.reshape(ops.arange(tq, dtype="int32"), (1, tq, 1))
    cols = ops.reshape(ops.arange(tv, dtype="int32"), (1, 1, tv))
    return ops.less(ops.abs(rows - cols), window)


def masked_softmax(scores, mask, axis=-1):
    """Softmax with masked logits set to -1e9 (-3e4 in float16) and masked weights
    zeroed afterwards, as Keras's Softmax layer does."""
    if mask is not None:
        big = -3e4 if ops.dtype(scores) == "float16" else -1e9
        scores = ops.where(mask, scores, big)
    if isinstance(axis, (list, tuple)) and len(axis) > 1:
        weights = ops.exp(scores - ops.logsumexp(scores, axis=axis, keepdims=True))
    else:
        axis = axis[0] if isinstance(axis, (list, tuple)) else axis
        weights = ops.softmax(scores, axis=axis)
    return weights if mask is None else ops.where(mask, weights, 0.0)
