"""MultiHeadAttention: scaled dot-product attention over several learned projections."""
import math
import string

from ceras import constraints, initializers, ops, regularizers
from ceras.backend import KerasTensor
from ceras.layers.attention.attention_mask import masked_softmax, merge_attention_masks
from ceras.layers.core.einsum_dense import EinsumDense
from ceras.layers.layer import Layer
from ceras.layers.regularization.dropout import Dropout


class MultiHeadAttention(Layer):
    """Multi-head attention (Vaswani et al., 2017).

    query, key and value are projected to ``num_heads`` heads (EinsumDense sublayers
    ``query``, ``key``, ``value``: kernels (dim, num_heads, key_dim) and biases
    (num_heads, key_dim)), attended with scale ``1/sqrt(key_dim)``, and projected back
    by ``attention_output`` (kernel (num_heads, value_dim, out_dim)). The weights are
    those four sublayers' kernels and biases in that order, as in Keras.

    Args:
        num_heads: positive int.
        key_dim: positive int, the size of each query / key head.
        value_dim: size of each value head (default key_dim).
        dropout: dropout rate on the attention weights.
        use_bias: biases in the projections (default True).
        output_shape: the output's last dims (default: the query's last dim).
        attention_axes: axes attended over (default: all but batch, heads and features).
        sliding_window: optional int; each position attends within this distance.
        flash_attention: accepted for Keras compatibility (torch picks its kernel).
        kernel_initializer, bias_initializer, kernel_regularizer, bias_regularizer,
        activity_regularizer, kernel_constraint, bias_constraint: for the projections.
        use_gate: multiply the attention output by a sigmoid gate of the query.
        seed: int seed of the dropout.

    Call arguments: ``query`` (B, T, dim), ``value`` (B, S, dim), ``key`` (default
    value), ``query_mask`` / ``value_mask`` / ``key_mask`` (taken from the inputs'
    masks when not given), ``attention_mask`` (B, T, S) booleans,
    ``return_attention_scores``, ``training``, ``use_causal_mask``.

    Example:
        >>> mha = MultiHeadAttention(num_heads=2, key_dim=8)
        >>> mha(np.ones((2, 5, 16)), np.ones((2, 7, 16))).shape
        (2, 5, 16)
    """

    def __init__(self, num_heads, key_dim, value_dim=None, dropout=0.0, use_bias=True,
                 output_shape=None, attention_axes=None, sliding_window=None,
                 flash_attention=None, kernel_initializer="glorot_uniform",
                 bias_initializer="zeros", kernel_regularizer=None, bias_regularizer=None,
                 activity_regularizer=None, kernel_constraint=None, bias_constraint=None,
                 use_gate=False, seed=None, **kwargs):
        super().__init__(**kwargs)
        for arg, val in (("num_heads", num_heads), ("key_dim", key_dim),
                         ("value_dim", value_dim)):
            if (val is not None or arg != "value_dim") and (
                    not isinstance(val, int) or isinstance(val, bool) or val <= 0):
                raise ValueError(
                    f'Layer "{self.name}" expects `{arg}` to be a positive integer, received '
                    f"{arg}={val!r}"
                )
        if sliding_window is not None and (not isinstance(sliding_window, int)
                                           or sliding_window <= 0):
            raise ValueError(
                f'Layer "{self.name}" expects `sliding_window` to be None or a positive '
                f"integer, received sliding_window={sliding_window!r}"
            )
        if isinstance(attention_axes, int):
            attention_axes = (attention_axes,)
        elif attention_axes is not None and not isinstance(attention_axes, (list, tuple)):
            raise ValueError(
                f'Layer "{self.name}" expects `attention_axes` to be an int, list or tuple, '
                f"received attention_axes={attention_axes!r}"
            )
        if isinstance(output_shape, int):
            output_shape = (output_shape,)
        self._num_heads = num_heads
        self._key_dim = key_dim
        self._value_dim = value_dim or key_dim
        self._dropout = dropout
        self._use_bias = use_bias
        self._use_gate = use_gate
        self._output_shape = tuple(output_shape) if output_shape else None
        self._attention_axes = tuple(attention_axes) if attention_axes is not None else None
        self._sliding_window = sliding_window
        self._flash_attention = flash_attention
        self._kernel_initializer = initializers.get(kernel_initializer)
        self._bias_initializer = initializers.get(bias_initializer)
        self._kernel_regularizer = regularizers.get(kernel_regularizer)
        self._bias_regularizer = regularizers.get(bias_regularizer)
        self._activity_regularizer = regularizers.get(activity_regularizer)
        self._kernel_constraint = constraints.get(kernel_constraint)
        self._bias_constraint = constraints.get(bias_constraint)
        self.seed = seed
        self._inverse_sqrt_key_dim = 1.0 / math.sqrt(float(key_dim))
        self.supports_masking = True

    num_heads = property(lambda self: self._num_heads)
    key_dim = property(lambda self: self._key_dim)
    value_dim = property(lambda self: self._value_dim)
    dropout = property(lambda self: self._dropout)
    use_bias = property(lambda self: self._use_bias)
    attention_axes = property(lambda self: self._attention_axes)
    query_dense = property(lambda self: self._query_dense)
    key_dense = property(lambda self: self._key_dense)
    value_dense = property(lambda self: self._value_dense)
    output_dense = property(lambda self: self._output_dense)

    # -- building ------------------------------------------------------------
    def _sublayer_kwargs(self):
        # Fresh initializer objects per sublayer, so each draws its own values.
        return dict(
            kernel_initializer=type(self._kernel_initializer).from_config(
                self._kernel_initializer.get_config()),
            bias_initializer=type(self._bias_initializer).from_config(
                self._bias_initializer.get_config()),
            kernel_regularizer=self._kernel_regularizer,
            bias_regularizer=self._bias_regularizer,
            activity_regularizer=self._activity_regularizer,
            kernel_constraint=self._kernel_constraint, bias_constraint=self._bias_constraint,
            dtype=self.dtype_policy)

    def _projection(self, rank, last_dims, name, activation=None):
        equation, bias_axes, out_rank = _projection_equation(rank - 1, 1, 2)
        return EinsumDense(equation, output_shape=[None] * (out_rank - 3) + list(last_dims),
                           bias_axes=bias_axes if self._use_bias else None,
                           activation=activation, name=name, **self._sublayer_kwargs())

    def build(self, query_shape, value_shape, key_shape=None):
        key_shape = value_shape if key_shape is None else key_shape
        if tuple(value_shape[1:-1]) != tuple(key_shape[1:-1]):
            raise ValueError(
                f'Layer "{self.name}" expects value and key to have equal dims except the '
                f"last, received value shape {tuple(value_shape)} and key shape "
                f"{tuple(key_shape)}"
            )
        heads = self._num_heads
        self._query_dense = self._projection(len(query_shape), (heads, self._key_dim), "query")
        self._query_dense.build(query_shape)
        self._key_dense = self._projection(len(key_shape), (heads, self._key_dim), "key")
        self._key_dense.build(key_shape)
        if self._use_gate:
            self._gate_dense = self._projection(len(query_shape), (heads, self._value_dim),
                                                "gate", activation="sigmoid")
            self._gate_dense.build(query_shape)
        self._value_dense = self._projection(len(value_shape), (heads, self._value_dim),
                                             "value")
        self._value_dense.build(value_shape)
        rank = len(value_shape) + 1  # the projected rank
        self._build_attention(rank)
        output_dims = self._output_shape or (query_shape[-1],)
        equation, bias_axes, out_rank = _projection_equation(
            len(query_shape) - 1, 2, len(output_dims))
        self._output_dense = EinsumDense(
            equation, output_shape=[None] * (out_rank - 1 - len(output_dims)) +
            list(output_dims), bias_axes=bias_axes if self._use_bias else None,
            name="attention_output", **self._sublayer_kwargs())
        projected = list(self._query_dense.compute_output_shape(query_shape))
        projected[-1] = self._value_dim
        self._output_dense.build(tuple(projected))

    def _build_attention(self, rank):
        if self._attention_axes is None:
            self._attention_axes = tuple(range(1, rank - 2))
        else:
            self._attention_axes = tuple(a if a >= 0 else (rank - 1) + a
                                         for a in self._attention_axes)
        self._dot_product_equation, self._combine_equation, scores_rank = \
            _attention_equations(rank, self._attention_axes)
        n = len(self._attention_axes)
        self._norm_axes = tuple(range(scores_rank - n, scores_rank))
        self._dropout_layer = Dropout(rate=self._dropout, seed=self.seed,
                                      dtype=self.dtype_policy)

    # -- calling -------------------------------------------------------------
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
                       and self._sliding_window is None)
        if not causal_only:
            attention_mask = merge_attention_masks(
                query, value, query_mask, value_mask, key_mask, attention_mask,
                use_causal_mask, self._sliding_window)
        gate = self._gate_dense(query) if self._use_gate else None
        q = self._query_dense(query)
        k = self._key_dense(key)
        v = self._value_dense(value)
        output, scores = self._compute_attention(
            q, k, v, attention_mask, training, return_attention_scores,
            use_causal_mask=causal_only)
        if gate is not None:
            output = ops.multiply(output, gate)
        output = self._output_dense(output)
        if query_mask is not None:
            output._keras_mask = query_mask
        return (output, scores) if return_attention_scores else output

    def _compute_attention(self, query, key, value, attention_mask=None, training=None,
                           return_attention_scores=False, use_causal_mask=False):
        if not (self._dropout > 0.0 or return_attention_scores or len(query.shape) != 4):
            if attention_mask is not None:
                for _ in range(4 - len(attention_mask.shape)):
                    attention_mask = ops.expand_dims(attention_mask, -3)
            out = ops.nn.dot_product_attention(
                query, key, value, mask=attention_mask, scale=self._inverse_sqrt_key_dim,
                is_causal=use_causal_mask and attention_mask is None)
            return out, None
        if use_causal_mask:
            attention_mask = merge_attention_masks(query, value, attention_mask=attention_mask,
                                                   use_causal_mask=True)
        query = ops.multiply(query, ops.cast(self._inverse_sqrt_key_dim, query.dtype))
        scores = ops.einsum(self._dot_product_equation, key, query)
        if attention_mask is not None:
            for _ in range(len(scores.shape) - len(attention_mask.shape)):
                attention_mask = ops.expand_dims(
                    attention_mask, -len(self._attention_axes) * 2 - 1)
        scores = masked_softmax(scores, attention_mask, axis=self._norm_axes)
        dropped = self._dropout_layer(scores, training=training) if self._dropout > 0 \
            else scores
        return ops.einsum(self._combine_equation, dropped, value), scores

    # -- shapes --------------------------------------------------------------
    def compute_output_shape(self, query_shape, value_shape, key_shape=None):
        query_shape, value_shape = tuple(query_shape), tuple(value_shape)
        key_shape = value_shape if key_shape is None else tuple(key_shape)
        if value_shape[1:-1] != key_shape[1:-1]:
            raise ValueError(
                f'Layer "{self.name}" expects value and key to have equal dims except the '
                f"last, received value shape {value_shape} and key shape {key_shape}"
            )
        return query_shape[:-1] + self._output_shape if self._output_shape else query_shape

    def compute_output_spec(self, query, value, key=None, query_mask=None, value_mask=None,
                            key_mask=None, attention_mask=None, return_attention_scores=False,
                            training=None, use_causal_mask=False):
        shape = self.compute_output_shape(query.shape, value.shape,
                                          key.shape if key is not None else None)
        out = KerasTensor(shape, dtype=self.compute_dtype)
        if return_attention_scores:
            scores = (query.shape[0], self._num_heads, query.shape[1], value.shape[1])
            return out, KerasTensor(scores, dtype=self.compute_dtype)
        return out

    def get_config(self):
        config = super().get_config()
        config.update({
            "num_heads": self._num_heads,
            "key_dim": self._key_dim,
            "value_dim": self._value_dim,
            "dropout": self._dropout,
            "use_bias": self._use_bias,
            "use_gate": self._use_gate,
            "output_shape": self._output_shape,
            "attention_axes": self._attention_axes,
            "sliding_window": self._sliding_window,
            "kernel_initializer": initializers.serialize(self._kernel_initializer),
            "bias_initializer": initializers.serialize(self._bias_initializer),
            "kernel_regularizer": regularizers.serialize(self._kernel_regularizer),
            "bias_regularizer": regularizers.serialize(self._bias_regularizer),
            "activity_regularizer": regularizers.serialize(self._activity_regularizer),
            "kernel_constraint": constraints.serialize(self._kernel_constraint),
            "bias_constraint": constraints.serialize(self._bias_constraint),
            "seed": self.seed,
        })
        return config


def _input_mask(x, given):
    return given if given is not None else getattr(x, "_keras_mask", None)


def _projection_equation(free_dims, bound_dims, output_dims):
    """Einsum of a projection: ``free`` dims pass through, ``bound`` dims are contracted
    with the kernel, ``output`` dims come from it. Returns (equation, bias axes, rank)."""
    letters = string.ascii_lowercase
    free = letters[:free_dims]
    bound = letters[free_dims:free_dims + bound_dims]
    out = letters[free_dims + bound_dims:free_dims + bound_dims + output_dims]
    return f"{free}{bound},{bound}{out}->{free}{out}", out, free_dims + output_dims


def _attention_equations(rank, attn_axes):
    """Einsums of the query-key product and of the weighted sum of values, for
    projected tensors (batch, *dims, heads, channels) attending over ``attn_axes``."""
    letters = string.ascii_lowercase
    target = letters[:rank]
    batch_dims = [i for i in range(rank) if i not in attn_axes and i != rank - 1]
    extra = iter(letters[rank:])
    source = "".join(target[i] if i in batch_dims or i == rank - 1 else next(extra)
                     for i in range(rank))
    product = "".join([target[i] for i in batch_dims] + [target[i] for i in attn_axes]
                      + [source[i] for i in attn_axes])
    return (f"{source},{target}->{product}", f"{product},{source}->{target}", len(product))
