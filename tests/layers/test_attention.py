"""Attention, AdditiveAttention, MultiHeadAttention and GroupedQueryAttention against
real Keras (weights copied ceras -> keras)."""
import numpy as np
import pytest

import ceras
from ceras import layers, ops
from ceras.backend import tree
from backend_testing import requires_torch

ATOL = 1e-5
Q_MASK = np.array([[1, 1, 1, 0], [1, 1, 0, 0]], bool)
V_MASK = np.array([[1, 1, 1, 1, 0], [1, 1, 0, 0, 0]], bool)


def _np(x):
    return ops.convert_to_numpy(x)


def _assert_parity(c_layer, k_layer, *args, **kwargs):
    c_layer(*args, **kwargs)
    k_layer(*args, **kwargs)
    k_layer.set_weights(c_layer.get_weights())
    yc = tree.flatten(c_layer(*args, **kwargs))
    yk = tree.flatten(k_layer(*args, **kwargs))
    assert len(yc) == len(yk)
    for a, b in zip(yc, yk):
        np.testing.assert_allclose(_np(a), b.detach().numpy(), atol=ATOL)
    assert [w.shape for w in c_layer.weights] == [tuple(w.shape) for w in k_layer.weights]
    # Paths below the layer itself: "query/kernel", "attention_output/bias" ...
    assert [w.path.split("/", 1)[1] for w in c_layer.weights] == \
        [w.path.split("/", 1)[1] for w in k_layer.weights]


def _strip_names(config):
    if isinstance(config, dict):
        return {k: _strip_names(v) for k, v in config.items() if k != "name"}
    if isinstance(config, (list, tuple)):
        return [_strip_names(v) for v in config]
    return config


@pytest.fixture
def qv(rng):
    return (rng.normal(size=(2, 4, 6)).astype("float32"),
            rng.normal(size=(2, 5, 6)).astype("float32"))


# -- Attention / AdditiveAttention ---------------------------------------------------------

SCORE_KW = [{}, {"use_scale": True}, {"score_mode": "concat"},
            {"score_mode": "concat", "use_scale": True}]


@pytest.mark.oracle
@pytest.mark.parametrize("kw", SCORE_KW)
@pytest.mark.parametrize("training", [False, True])
def test_attention_matches_keras(keras_oracle, qv, kw, training):
    q, v = qv
    _assert_parity(layers.Attention(**kw), keras_oracle.layers.Attention(**kw), [q, v],
                   training=training)
    _assert_parity(layers.Attention(**kw), keras_oracle.layers.Attention(**kw),
                   [q, v, v * 2], mask=[Q_MASK, V_MASK], return_attention_scores=True)
    _assert_parity(layers.Attention(**kw), keras_oracle.layers.Attention(**kw), [q, q],
                   use_causal_mask=True, mask=[Q_MASK, Q_MASK])


@pytest.mark.oracle
@pytest.mark.parametrize("use_scale", [True, False])
def test_additive_attention_matches_keras(keras_oracle, qv, use_scale):
    q, v = qv
    make = [lambda L: L.AdditiveAttention(use_scale=use_scale)] * 2
    _assert_parity(make[0](layers), make[1](keras_oracle.layers), [q, v],
                   mask=[Q_MASK, V_MASK], return_attention_scores=True)
    _assert_parity(make[0](layers), make[1](keras_oracle.layers), [q, q], use_causal_mask=True)


def test_attention_dropout_mask_and_symbolic_shapes(qv):
    q, v = qv
    layer = layers.Attention(dropout=0.5, seed=1)
    out, scores = layer([q, v], return_attention_scores=True)
    np.testing.assert_allclose(_np(scores).sum(-1), 1.0, rtol=1e-5)
    assert not np.allclose(_np(layer([q, v], training=True)), _np(out))
    masked = layer([q, v], mask=[Q_MASK, V_MASK])
    np.testing.assert_array_equal(_np(masked._keras_mask), Q_MASK)
    np.testing.assert_array_equal(_np(masked)[~Q_MASK], 0.0)
    sq, sv = ceras.Input((None, 6)), ceras.Input((7, 3))
    out, scores = layers.Attention()([sq, sv], return_attention_scores=True)
    assert out.shape == (None, None, 3) and scores.shape == (None, None, 7)


def test_attention_errors(qv):
    q, v = qv
    with pytest.raises(ValueError, match=r'Layer "attention" expects score_mode to be "dot" or '
                                         r"\"concat\", received score_mode='add'"):
        layers.Attention(score_mode="add")
    layer = layers.Attention(name="att")
    with pytest.raises(ValueError, match=r'Layer "att" \(Attention\) expects a list of inputs '
                                         r"\[query, value\] or \[query, value, key\], received 1"):
        layer([q])
    with pytest.raises(ValueError, match=r'expects mask to be a list \[query_mask, value_mask\]'):
        layer([q, v], mask=Q_MASK)


@pytest.mark.oracle
@pytest.mark.parametrize("make", [lambda L: L.Attention(use_scale=True, score_mode="concat"),
                                  lambda L: L.AdditiveAttention(dropout=0.1, seed=3)])
def test_attention_config_matches_keras(keras_oracle, make):
    c, k = make(layers), make(keras_oracle.layers)
    assert _strip_names(c.get_config()) == _strip_names(k.get_config())
    assert type(c).from_config(c.get_config()).get_config() == c.get_config()


# -- MultiHeadAttention -------------------------------------------------------------------

MHA_KW = [{}, {"value_dim": 3, "output_shape": 7}, {"use_bias": False}, {"use_gate": True}]


@pytest.mark.oracle
@pytest.mark.parametrize("kw", MHA_KW)
@pytest.mark.parametrize("training", [False, True])
def test_mha_matches_keras(keras_oracle, rng, qv, kw, training):
    q, v = qv
    am = rng.random((2, 4, 5)) > 0.3

    def pair():
        return layers.MultiHeadAttention(2, 3, **kw), keras_oracle.layers.MultiHeadAttention(
            2, 3, **kw)

    _assert_parity(*pair(), q, v, training=training)
    _assert_parity(*pair(), q, v, v * 0.5, return_attention_scores=True)
    _assert_parity(*pair(), q, q, use_causal_mask=True)
    _assert_parity(*pair(), q, v, attention_mask=am)
    _assert_parity(*pair(), q, v, attention_mask=am, return_attention_scores=True)


@pytest.mark.oracle
def test_mha_variants_match_keras(keras_oracle, rng, qv):
    q, _ = qv
    mha = [layers.MultiHeadAttention, keras_oracle.layers.MultiHeadAttention]
    _assert_parity(mha[0](2, 3, sliding_window=2), mha[1](2, 3, sliding_window=2), q, q,
                   use_causal_mask=True)
    image = rng.normal(size=(2, 3, 4, 6)).astype("float32")
    _assert_parity(mha[0](2, 3, attention_axes=(1, 2)), mha[1](2, 3, attention_axes=(1, 2)),
                   image, image)
    _assert_parity(mha[0](2, 3, attention_axes=2), mha[1](2, 3, attention_axes=2), image, image,
                   return_attention_scores=True)


@pytest.mark.oracle
def test_mha_uses_input_masks_like_keras(keras_oracle):
    ids = np.array([[3, 1, 4, 0], [5, 9, 0, 0]])

    def build(lib):
        inp = lib.Input((None,), dtype="int32")
        x = lib.layers.Embedding(10, 6, mask_zero=True,
                                 embeddings_initializer="random_uniform")(inp)
        y = lib.layers.MultiHeadAttention(2, 3)(x, x)
        return lib.Model(inp, y)

    c, k = build(ceras), build(keras_oracle)
    k.set_weights(c.get_weights())
    np.testing.assert_allclose(_np(c(ids)), k(ids).detach().numpy(), atol=ATOL)


@requires_torch
@pytest.mark.oracle
@pytest.mark.parametrize("kw", [{}, {"dropout": 0.2}])
def test_mha_input_gradients_match_keras(keras_oracle, qv, kw):
    import torch

    q, v = qv
    c = layers.MultiHeadAttention(2, 3, **kw)
    k = keras_oracle.layers.MultiHeadAttention(2, 3, **kw)
    c(q, v)
    k(q, v)
    k.set_weights(c.get_weights())
    grads = []
    for layer in (c, k):
        qt, vt = torch.tensor(q, requires_grad=True), torch.tensor(v, requires_grad=True)
        out = layer(qt, vt, use_causal_mask=True, training=False)
        (out * torch.linspace(-1, 1, 6)).sum().backward()
        grads.append((qt.grad.numpy(), vt.grad.numpy()))
    for a, b in zip(*grads):
        np.testing.assert_allclose(a, b, atol=ATOL)


def test_mha_dropout_shapes_and_symbolic(qv):
    q, v = qv
    layer = layers.MultiHeadAttention(2, 3, dropout=0.5, seed=0)
    out = layer(q, v)
    assert not np.allclose(_np(layer(q, v, training=True)), _np(out))
    np.testing.assert_allclose(_np(layer(q, v, training=False)), _np(out), atol=1e-6)
    sq, sv = ceras.Input((None, 6)), ceras.Input((None, 6))
    out, scores = layers.MultiHeadAttention(4, 2, output_shape=(3,))(
        sq, sv, return_attention_scores=True)
    assert out.shape == (None, None, 3) and scores.shape == (None, 4, None, None)
    assert layer.query_dense.kernel.shape == (6, 2, 3)
    assert layer.output_dense.kernel.shape == (2, 3, 6)


def test_mha_errors():
    with pytest.raises(ValueError, match=r'Layer "multi_head_attention" expects `num_heads` to '
                                         r"be a positive integer, received num_heads=0"):
        layers.MultiHeadAttention(0, 2)
    with pytest.raises(ValueError, match=r"expects `key_dim` to be a positive integer, "
                                         r"received key_dim=None"):
        layers.MultiHeadAttention(2, None)
    with pytest.raises(ValueError, match=r"expects `sliding_window` to be None or a positive "
                                         r"integer, received sliding_window=0"):
        layers.MultiHeadAttention(2, 2, sliding_window=0)
    with pytest.raises(ValueError, match=r"expects `attention_axes` to be an int, list or "
                                         r"tuple, received attention_axes='1'"):
        layers.MultiHeadAttention(2, 2, attention_axes="1")
    layer = layers.MultiHeadAttention(2, 2, name="mha")
    with pytest.raises(ValueError, match=r'Layer "mha" expects value and key to have equal dims '
                                         r"except the last, received value shape \(2, 5, 6\) "
                                         r"and key shape \(2, 4, 6\)"):
        layer(np.zeros((2, 3, 6), "float32"), np.zeros((2, 5, 6), "float32"),
              np.zeros((2, 4, 6), "float32"))


# -- GroupedQueryAttention ----------------------------------------------------------------

@pytest.mark.oracle
@pytest.mark.parametrize("kw", [{}, {"use_gate": True}, {"use_bias": False},
                                {"sliding_window": 2}])
def test_gqa_matches_keras(keras_oracle, rng, qv, kw):
    q, v = qv
    am = rng.random((2, 4, 5)) > 0.3

    def pair():
        return (layers.GroupQueryAttention(3, 4, 2, **kw),
                keras_oracle.layers.GroupQueryAttention(3, 4, 2, **kw))

    _assert_parity(*pair(), q, v)
    _assert_parity(*pair(), q, v, return_attention_scores=True)
    _assert_parity(*pair(), q, q, use_causal_mask=True)
    _assert_parity(*pair(), q, v, attention_mask=am)
    _assert_parity(*pair(), q, v, query_mask=Q_MASK, value_mask=V_MASK)


def test_gqa_errors_and_alias():
    assert layers.GroupQueryAttention is layers.GroupedQueryAttention
    assert layers.GroupQueryAttention(2, 4, 2).name == "grouped_query_attention"  # as Keras
    with pytest.raises(ValueError, match=r"expects num_query_heads to be a multiple of "
                                         r"num_key_value_heads, received num_query_heads=4 and "
                                         r"num_key_value_heads=3"):
        layers.GroupQueryAttention(2, 4, 3)
    with pytest.raises(ValueError, match=r"expects `head_dim` to be a positive integer"):
        layers.GroupQueryAttention(0, 4, 2)
    out = layers.GroupQueryAttention(2, 4, 2)(ceras.Input((None, 6)), ceras.Input((3, 6)))
    assert out.shape == (None, None, 6)


@pytest.mark.oracle
@pytest.mark.parametrize("make", [
    lambda L: L.MultiHeadAttention(2, 3, value_dim=4, output_shape=(5,), use_gate=True),
    lambda L: L.GroupQueryAttention(4, 4, 2, dropout=0.1, sliding_window=3),
])
def test_mha_gqa_config_matches_keras(keras_oracle, qv, make):
    q, v = qv
    c, k = make(layers), make(keras_oracle.layers)
    assert _strip_names(c.get_config()) == _strip_names(k.get_config())
    c(q, v)
    k(q, v)
    assert _strip_names(c.get_config()) == _strip_names(k.get_config())
    rebuilt = type(c).from_config(c.get_config())
    assert _strip_names(rebuilt.get_config()) == _strip_names(c.get_config())
