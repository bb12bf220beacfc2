"""GroupedQueryAttention: multi-head attention with fewer key / value heads."""
import math

from ceras import constraints, initializers, ops, regularizers
from ceras.backend import KerasTensor
from ceras.layers.argument_validation import check_positive_int
from ceras.layers.attention.attention_mask import masked_softmax, merge_attention_masks
from ceras.layers.core.einsum_dense import EinsumDense
from ceras.layers.layer import Layer
from ceras.layers.regularization.dropout import Dropout


class GroupedQueryAttention(Layer):
    """Grouped-query attention (Ainslie et al., 2023): ``num_query_heads`` query heads
    share ``num_key_value_heads`` key / value heads (each shared by
    ``num_query_heads // num_key_value_heads`` consecutive query heads).

    Sublayers (and weights, in this order): ``query`` (kernel (dim, num_query_heads,
    head_dim)), ``key`` and ``value`` (dim, num_key_value_heads, head_dim),
    ``attention_output`` (num_query_heads, head_dim, dim). Public as
    ``GroupQueryAttention``, as in Keras; the class keeps Keras's class name, which
    names its layers ("grouped_query_attention") and their weight-file paths.

    Args:
        head_dim: size of each head.
        num_query_heads: number of query heads.
        num_key_value_heads: number of key and value heads; divides num_query_heads.
        dropout, use_bias, sliding_window, flash_attention, kernel_initializer,
        bias_initializer, kernel_regularizer, bias_regularizer, activity_regularizer,
        kernel_constraint, bias_constraint, use_gate, seed: as in MultiHeadAttention.

    Call arguments are those of ``MultiHeadAttention`` (3-D query / value / key).

    Example:
        >>> gqa = GroupedQueryAttention(head_dim=8, num_query_heads=4, num_key_value_heads=2)
        >>> gqa(np.ones((2, 5, 16)), np.ones((2, 7, 16))).shape
        (2, 5, 16)
    """

    # Keras exports this class as GroupQueryAttention and saves it under that name.
    _keras_export_name = "GroupQueryAttention"

    def __init__(self, head_dim, num_query_heads, num_key_value_heads, dropout=0.0,
                 use_bias=True, sliding_window=None, flash_attention=None,
                 kernel_initializer="glorot_uniform", bias_initializer="zeros",
                 kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 kernel_constraint=None, bias_constraint=None, use_gate=False, seed=None,
                 **kwargs):
        super().__init__(**kwargs)
        for arg, val in (("head_dim", head_dim), ("num_query_heads", num_query_heads),
                         ("num_key_value_heads", num_key_value_heads)):
            check_positive_int(val, arg, self.name)
        if num_query_heads % num_key_value_heads:
            raise ValueError(
                f'Layer "{self.name}" expects num_query_heads to be a multiple of '
                f"num_key_value_heads, received num_query_heads={num_query_heads} and "
                f"num_key_value_heads={num_key_value_heads}"
            )
        if sliding_window is not None and (not isinstance(sliding_window, int)
                                           or sliding_window <= 0):
            raise ValueError(
                f'Layer "{self.name}" expects `sliding_window` to be None or a positive '
                f"integer, received sliding_window={sliding_window!r}"
            )
        self.head_dim = head_dim
        self.num_query_heads = num_query_heads
        self.num_key_value_heads = num_key_value_heads
        self.num_repeats = num_query_heads // num_key_value_heads
        self.dropout = dropout
        self.use_bias = use_bias
        self.use_gate = use_gate
        self.sliding_window = sliding_window
        self._flash_attention = flash_attention
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.kernel_regularizer = regularizers.get(kernel_regularizer)
        self.bias_regularizer = regularizers.get(bias_regularizer)
        self.activity_regularizer = regularizers.get(activity_regularizer)
        self.kernel_constraint = constraints.get(kernel_constraint)
        self.bias_constraint = constraints.get(bias_constraint)
        self.seed = seed
        self._inverse_sqrt_head_dim = 1.0 / math.sqrt(float(head_dim))
        self.supports_masking = True

    def _dense(self, equation, heads, bias_axes, name, activation=None, width=None):
        return EinsumDense(
            equation, output_shape=(None, heads, self.head_dim) if width is None
            else (None, width), bias_axes=bias_axes if self.use_bias else None,
            activation=activation, name=name,
            kernel_initializer=type(self.kernel_initializer).from_config(
                self.kernel_initializer.get_config()),
            bias_initializer=type(self.bias_initializer).from_config(
                self.bias_initializer.get_config()),
            kernel_regularizer=self.kernel_regularizer, bias_regularizer=self.bias_regularizer,
            activity_regularizer=self.activity_regularizer,
            kernel_constraint=self.kernel_constraint, bias_constraint=self.bias_constraint,
            dtype=self.dtype_policy)

    def build(self, query_shape, value_shape, key_shape=None):
        key_shape = value_shape if key_shape is None else key_shape
        self.feature_dim = query_shape[-1]
        self._query_dense = self._dense("bqm,muh->bquh", self.num_query_heads, "uh", "query")
        self._query_dense.build(query_shape)
        self._key_dense = self._dense("bkm,mvh->bkvh", self.num_key_value_heads, "vh", "key")
        self._key_dense.build(key_shape)
        if self.use_gate:
            self._gate_dense = self._dense("bqm,muh->bquh", self.num_query_heads, "uh", "gate",
                                           activation="sigmoid")
            self._gate_dense.build(query_shape)
        self._value_dense = self._dense("bkm,mvh->bkvh", self.num_key_value_heads, "vh",
                                        "value")
        self._value_dense.build(value_shape)
        self._dropout_layer = Dropout(rate=self.dropout, seed=self.seed, dtype=self.dtype_policy)
        self._output_dense = self._dense("bquh,uhm->bqm", None, "m", "attention_output",
                                         width=self.feature_dim)
        self._output_dense.build((None, None, self.num_query_heads, self.head_dim))

    def call(self, query, value, key=None, query_mask=None, value_mask=None, key_mask=None,
             attention_mask=None, return_attention_scores=False, training=None,
             use_causal_mask=False):
        if key is None:
            key = value
        query_mask = _input_mask(query, query_mask)
        value_mask = _input_mask(value, value_mask)
        key_mask = _input_mask(key, key_mask) if key is not value else None
        causal_only = (use_causal_mask and query_mask is None and value_mask is None
                       and key_mask is None and attention_mask is None
                       and self.sliding_window is None)
        if not causal_only:
            attention_mask = merge_attention_masks(
                query, value, query_mask, value_mask, key_mask, attention_mask,
                use_causal_mask, self.sliding_window)
        gate = self._gate_dense(query) if self.use_gate else None
        q = self._query_dense(query)
        k = self._key_dense(key)
        v = self._value_dense(value)
        if not (self.dropout > 0 or return_attention_scores):
            # dot_product_attention shares each key / value head across its group.
            if attention_mask is not None:
                attention_mask = ops.expand_dims(attention_mask, -3)
            output = ops.nn.dot_product_attention(
                q, k, v, mask=attention_mask, scale=self._inverse_sqrt_head_dim,
                is_causal=causal_only)
            scores = None
        else:
            k = ops.repeat(k, self.num_repeats, axis=2)
            v = ops.repeat(v, self.num_repeats, axis=2)
            if causal_only:
                attention_mask = merge_attention_masks(query, value, use_causal_mask=True)
            q = ops.multiply(q, ops.cast(self._inverse_sqrt_head_dim, q.dtype))
            scores = ops.einsum("bquh,bkuh->buqk", q, k)
            if attention_mask is not None:
                attention_mask = ops.expand_dims(attention_mask, -3)
            scores = masked_softmax(scores, attention_mask, axis=-1)
            dropped = self._dropout_layer(scores, training=training) if self.dropout > 0 \
                else scores
            output = ops.einsum("buqk,bkuh->bquh", dropped, v)
        if gate is not None:
            output = ops.multiply(output, gate)
        output = self._output_dense(output)
        return (output, scores) if return_attention_scores else output

    def compute_output_shape(self, query_shape, value_shape, key_shape=None):
        return tuple(query_shape)

    def compute_output_spec(self, query, value, key=None, query_mask=None, value_mask=None,
                            key_mask=None, attention_mask=None, return_attention_scores=False,
                            training=None, use_causal_mask=False):
        out = KerasTensor(tuple(query.shape), dtype=self.compute_dtype)
        if return_attention_scores:
            scores = (query.shape[0], self.num_query_heads, query.shape[1], value.shape[1])
            return out, KerasTensor(scores, dtype=self.compute_dtype)
        return out

    def get_config(self):
        config = super().get_config()
        config.update({
            "head_dim": self.head_dim,
            "num_query_heads": self.num_query_heads,
            "num_key_value_heads": self.num_key_value_heads,
            "use_bias": self.use_bias,
            "use_gate": self.use_gate,
            "sliding_window": self.sliding_window,
            "dropout": self.dropout,
            "kernel_initializer": initializers.serialize(self.kernel_initializer),
            "bias_initializer": initializers.serialize(self.bias_initializer),
            "kernel_regularizer": regularizers.serialize(self.kernel_regularizer),
            "bias_regularizer": regularizers.serialize(self.bias_regularizer),
            "activity_regularizer": regularizers.serialize(self.activity_regularizer),
            "kernel_constraint": constraints.serialize(self.kernel_constraint),
            "bias_constraint": constraints.serialize(self.bias_constraint),
            "seed": self.seed,
        })
        return config


def _input_mask(x, given):
    return given if given is not None else getattr(x, "_keras_mask", None)


GroupQueryAttention = GroupedQueryAttention  # the name keras.layers exports
