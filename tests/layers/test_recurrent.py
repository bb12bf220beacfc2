"""SimpleRNN, LSTM, GRU, their cells, RNN and StackedRNNCells against real Keras
(weights copied ceras -> keras), plus the fused-kernel / step-loop agreement."""
import numpy as np
import pytest

import ceras
from ceras import layers, ops
from ceras.backend import tree
from backend_testing import requires_torch

ATOL = 1e-5
MASKS = {
    "right_padded": [[1, 1, 1, 1, 1, 1], [1, 1, 1, 0, 0, 0], [1, 0, 0, 0, 0, 0],
                     [1, 1, 1, 1, 1, 0]],
    "holes": [[1, 1, 0, 1, 1, 1], [0, 1, 1, 0, 0, 0], [1, 0, 0, 0, 0, 1], [1, 1, 1, 1, 1, 0]],
    "empty_row": [[1, 1, 1, 1, 1, 1], [0, 0, 0, 0, 0, 0], [1, 0, 0, 0, 0, 0],
                  [1, 1, 1, 1, 1, 0]],
}


def _np(x):
    return ops.convert_to_numpy(x)


def _seq(rng, shape=(4, 6, 3)):
    return rng.normal(size=shape).astype("float32")


def _run_both(c_layer, k_layer, *args, **kwargs):
    """Build both, copy ceras weights into keras, return (ceras, keras) flat outputs."""
    c_layer(*args, **kwargs)
    k_layer(*args, **kwargs)
    k_layer.set_weights(c_layer.get_weights())
    yc = tree.flatten(c_layer(*args, **kwargs))
    yk = tree.flatten(k_layer(*args, **kwargs))
    return [_np(y) for y in yc], [y.detach().cpu().numpy() for y in yk]


def _assert_parity(c_layer, k_layer, *args, **kwargs):
    yc, yk = _run_both(c_layer, k_layer, *args, **kwargs)
    assert len(yc) == len(yk)
    for a, b in zip(yc, yk):
        np.testing.assert_allclose(a, b, atol=ATOL)
    assert [w.shape for w in c_layer.weights] == [tuple(w.shape) for w in k_layer.weights]
    assert [w.name for w in c_layer.weights] == [w.name for w in k_layer.weights]


def _strip_names(config):
    if isinstance(config, dict):
        return {k: _strip_names(v) for k, v in config.items() if k != "name"}
    if isinstance(config, (list, tuple)):
        return [_strip_names(v) for v in config]
    return config


LAYERS = [("SimpleRNN", {}), ("LSTM", {}), ("GRU", {}), ("GRU", {"reset_after": False})]
VARIANTS = [
    {},
    {"return_sequences": True},
    {"return_state": True, "go_backwards": True},
    {"return_sequences": True, "return_state": True, "unroll": True},
]


@pytest.mark.oracle
@pytest.mark.parametrize("name,kw", LAYERS)
@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("training", [False, True])
def test_recurrent_layer_matches_keras(keras_oracle, rng, name, kw, variant, training):
    x = _seq(rng)
    c = getattr(layers, name)(5, **kw, **variant)
    k = getattr(keras_oracle.layers, name)(5, **kw, **variant)
    _assert_parity(c, k, x, training=training)


@pytest.mark.oracle
@pytest.mark.parametrize("name,kw", LAYERS)
@pytest.mark.parametrize("mask_name", sorted(MASKS))
@pytest.mark.parametrize("go_backwards", [False, True])
@pytest.mark.parametrize("zero_output_for_mask", [False, True])
def test_masked_steps_match_keras(keras_oracle, rng, name, kw, mask_name, go_backwards,
                                  zero_output_for_mask):
    x = _seq(rng)
    mask = np.array(MASKS[mask_name], bool)
    options = dict(kw, return_sequences=True, return_state=True, go_backwards=go_backwards,
                   zero_output_for_mask=zero_output_for_mask)
    c = getattr(layers, name)(5, **options)
    k = getattr(keras_oracle.layers, name)(5, **options)
    _assert_parity(c, k, x, mask=mask)


@pytest.mark.oracle
def test_mask_from_embedding_in_a_model_matches_keras(keras_oracle):
    ids = np.array([[3, 1, 4, 0, 0], [5, 9, 2, 6, 0], [7, 0, 0, 0, 0]])

    def build(lib):
        inp = lib.Input((None,), dtype="int32")
        emb = lib.layers.Embedding(10, 3, mask_zero=True,
                                   embeddings_initializer="random_uniform")
        seq = lib.layers.LSTM(4, return_sequences=True)(emb(inp))
        return lib.Model(inp, [seq, lib.layers.GRU(2)(seq)])

    c, k = build(ceras), build(keras_oracle)
    k.set_weights(c.get_weights())
    for a, b in zip(c(ids), k(ids)):
        np.testing.assert_allclose(_np(a), b.detach().numpy(), atol=ATOL)
    masked_out = _np(c(ids)[0])
    np.testing.assert_allclose(masked_out[2, 1:], np.repeat(masked_out[2, :1], 4, 0))


@pytest.mark.oracle
@pytest.mark.parametrize("name", ["LSTM", "GRU", "SimpleRNN"])
def test_mask_from_masking_layer_matches_keras(keras_oracle, rng, name):
    x = _seq(rng)
    x[np.array(MASKS["holes"]) == 0] = 0.0

    def build(lib):
        inp = lib.Input((6, 3))
        masked = lib.layers.Masking(mask_value=0.0)(inp)
        return lib.Model(inp, getattr(lib.layers, name)(4, return_sequences=True)(masked))

    c, k = build(ceras), build(keras_oracle)
    k.set_weights(c.get_weights())
    np.testing.assert_allclose(_np(c(x)), k(x).detach().numpy(), atol=ATOL)


@pytest.mark.oracle
@pytest.mark.parametrize("name", ["LSTM", "GRU", "SimpleRNN"])
def test_initial_state_matches_keras(keras_oracle, rng, name):
    x = _seq(rng)
    count = 2 if name == "LSTM" else 1
    states = [rng.normal(size=(4, 5)).astype("float32") for _ in range(count)]
    c = getattr(layers, name)(5, return_state=True)
    k = getattr(keras_oracle.layers, name)(5, return_state=True)
    _assert_parity(c, k, x, initial_state=states)


@pytest.mark.oracle
@pytest.mark.parametrize("name", ["LSTM", "GRU", "SimpleRNN"])
def test_stateful_carries_states_and_resets_like_keras(keras_oracle, rng, name):
    x1, x2 = _seq(rng), _seq(rng)
    c = getattr(layers, name)(5, stateful=True)
    k = getattr(keras_oracle.layers, name)(5, stateful=True)
    c(x1)
    k(x1)
    k.set_weights(c.get_weights())
    c.reset_states()
    k.reset_states()
    first = _np(c(x1))
    for x in (x1, x2):  # the second call continues from the first's final states
        if x is x2:
            np.testing.assert_allclose(_np(c(x)), k(x).detach().numpy(), atol=ATOL)
        else:
            np.testing.assert_allclose(first, k(x).detach().numpy(), atol=ATOL)
    assert not np.allclose(_np(c(x1)), first)
    c.reset_states()
    np.testing.assert_allclose(_np(c(x1)), first, atol=ATOL)
    assert len(c.weights) == len(k.weights)  # the state variables are not weights


@pytest.mark.oracle
@pytest.mark.parametrize("name,kw", [("LSTM", {}), ("GRU", {}), ("LSTM", {"use_cudnn": False}),
                                     ("GRU", {"use_cudnn": False})])
@requires_torch
def test_input_gradients_match_keras(keras_oracle, rng, name, kw):
    import torch

    x = _seq(rng)
    c = getattr(layers, name)(5, return_sequences=True, **kw)
    k = getattr(keras_oracle.layers, name)(5, return_sequences=True)
    c(x)
    k(x)
    k.set_weights(c.get_weights())
    grads = []
    for layer in (c, k):
        xt = torch.tensor(x, requires_grad=True)
        out = layer(xt)
        (out * torch.linspace(-1, 1, out.shape[-1])).sum().backward()
        grads.append(xt.grad.numpy())
    np.testing.assert_allclose(grads[0], grads[1], atol=ATOL)


# -- cells, RNN, StackedRNNCells ----------------------------------------------------

@pytest.mark.oracle
@pytest.mark.parametrize("cell", ["SimpleRNNCell", "LSTMCell", "GRUCell"])
def test_cell_in_rnn_matches_keras(keras_oracle, rng, cell):
    x = _seq(rng)
    mask = np.array(MASKS["holes"], bool)
    c = layers.RNN(getattr(layers, cell)(4), return_sequences=True, return_state=True)
    k = keras_oracle.layers.RNN(getattr(keras_oracle.layers, cell)(4), return_sequences=True,
                                return_state=True)
    _assert_parity(c, k, x, mask=mask)


@pytest.mark.oracle
def test_cell_step_matches_keras(keras_oracle, rng):
    x = rng.normal(size=(2, 3)).astype("float32")
    h = rng.normal(size=(2, 4)).astype("float32")
    cc, kc = layers.LSTMCell(4), keras_oracle.layers.LSTMCell(4)
    yc, yk = _run_both(cc, kc, x, [h, h * 2])
    for a, b in zip(yc, yk):
        np.testing.assert_allclose(a, b, atol=ATOL)


@pytest.mark.oracle
def test_stacked_cells_match_keras(keras_oracle, rng):
    x = _seq(rng)

    def cells(lib):
        return [lib.layers.LSTMCell(4), lib.layers.GRUCell(3, reset_after=False),
                lib.layers.SimpleRNNCell(2)]

    c = layers.RNN(cells(ceras), return_sequences=True, return_state=True)
    k = keras_oracle.layers.RNN(cells(keras_oracle), return_sequences=True, return_state=True)
    _assert_parity(c, k, x, mask=np.array(MASKS["right_padded"], bool))
    assert isinstance(c.cell, layers.StackedRNNCells)
    assert c.cell.state_size == [[4, 4], 3, 2] and c.cell.output_size == 2


@pytest.mark.oracle
def test_custom_cell_matches_keras(keras_oracle, rng):
    def make(lib):
        class MinimalCell(lib.layers.Layer):
            def __init__(self, units, **kwargs):
                super().__init__(**kwargs)
                self.units = units
                self.state_size = units

            def build(self, input_shape):
                self.kernel = self.add_weight(shape=(input_shape[-1], self.units), name="w")
                self.recurrent = self.add_weight(shape=(self.units, self.units), name="u")

            def call(self, inputs, states):
                out = lib.ops.tanh(lib.ops.matmul(inputs, self.kernel) +
                                   lib.ops.matmul(states[0], self.recurrent))
                return out, [out]

        return lib.layers.RNN(MinimalCell(3), return_sequences=True, go_backwards=True)

    _assert_parity(make(ceras), make(keras_oracle), _seq(rng))


@pytest.mark.oracle
@pytest.mark.parametrize("make", [
    lambda L: L.LSTM(4, dropout=0.1, seed=2, return_state=True),
    lambda L: L.GRU(4, reset_after=False, go_backwards=True),
    lambda L: L.SimpleRNN(4, activation="relu", stateful=True),
    lambda L: L.RNN([L.LSTMCell(4), L.GRUCell(2)], unroll=True),
    lambda L: L.LSTMCell(3, unit_forget_bias=False),
    lambda L: L.GRUCell(3, recurrent_dropout=0.2),
    lambda L: L.SimpleRNNCell(3, use_bias=False),
    lambda L: L.StackedRNNCells([L.SimpleRNNCell(2), L.SimpleRNNCell(3)]),
])
def test_config_round_trip_and_keras_equality(keras_oracle, make):
    c, k = make(layers), make(keras_oracle.layers)
    config = c.get_config()
    assert _strip_names(config) == _strip_names(k.get_config())
    rebuilt = type(c).from_config(config)
    assert _strip_names(rebuilt.get_config()) == _strip_names(config)


def test_lstm_weights_layout_and_forget_bias():
    layer = layers.LSTM(3)
    layer(np.zeros((1, 2, 5), "float32"))
    kernel, recurrent, bias = layer.get_weights()
    assert kernel.shape == (5, 12) and recurrent.shape == (3, 12) and bias.shape == (12,)
    np.testing.assert_array_equal(bias, [0] * 3 + [1] * 3 + [0] * 6)
    assert [w.name for w in layer.weights] == ["kernel", "recurrent_kernel", "bias"]
    gru = layers.GRU(3)
    gru(np.zeros((1, 2, 5), "float32"))
    assert [w.shape for w in gru.weights] == [(5, 9), (3, 9), (2, 9)]


# -- symbolic shapes ----------------------------------------------------------------

@pytest.mark.parametrize("name", ["SimpleRNN", "LSTM", "GRU"])
def test_symbolic_shapes_with_unknown_batch_and_time(name):
    inp = ceras.Input((None, 3))
    layer = getattr(layers, name)(5, return_sequences=True, return_state=True)
    outs = layer(inp)
    count = 2 if name == "LSTM" else 1
    assert [o.shape for o in outs] == [(None, None, 5)] + [(None, 5)] * count
    assert getattr(layers, name)(5)(inp).shape == (None, 5)
    model = ceras.Model(inp, outs[0])
    assert _np(model(np.zeros((2, 7, 3), "float32"))).shape == (2, 7, 5)


def test_symbolic_stacked_rnn_state_shapes():
    inp = ceras.Input((4, 3), batch_size=2)
    outs = layers.RNN([layers.LSTMCell(4), layers.GRUCell(2)], return_state=True)(inp)
    assert outs[0].shape == (2, 2)
    assert [s.shape for s in tree.flatten(outs[1:])] == [(2, 4), (2, 4), (2, 2)]


# -- errors -------------------------------------------------------------------------

def test_lstm_given_2d_input_names_layer_and_ndims():
    layer = layers.LSTM(4)
    with pytest.raises(ValueError, match=r'Input 0 of layer "lstm" is incompatible with the '
                                         r"layer: expected ndim=3 .*found ndim=2. Full shape "
                                         r"received: \(2, 3\)"):
        layer(np.zeros((2, 3), "float32"))
    with pytest.raises(ValueError, match=r'layer "gru" is incompatible.*found ndim=2'):
        layers.GRU(2)(ceras.Input((3,)))


def test_invalid_constructor_arguments_raise():
    with pytest.raises(ValueError, match=r'Layer "lstm" expects `units` to be a positive '
                                         r"integer, received units=0"):
        layers.LSTM(0)
    with pytest.raises(ValueError, match=r'Layer "my_gru" expects `units` to be a positive '
                                         r"integer, received units=-2"):
        layers.GRU(-2, name="my_gru")
    with pytest.raises(ValueError, match=r'Layer "simple_rnn_cell" expects `units`'):
        layers.SimpleRNNCell(1.5)
    with pytest.raises(ValueError, match=r'Layer "rnn" expects a cell with a `call` attribute '
                                         r".*without `call`"):
        layers.RNN(object())
    with pytest.raises(ValueError, match=r'Layer "stacked_rnn_cells" expects every cell to '
                                         r"have `call` and `state_size`"):
        layers.StackedRNNCells([layers.LSTMCell(2), 3])


def test_stateful_needs_a_fixed_batch_size(rng):
    with pytest.raises(ValueError, match=r'Layer "lstm" is stateful, so its batch size must '
                                         r"be fixed; received input shape \(None, 4, 3\)"):
        layers.LSTM(2, stateful=True)(ceras.Input((4, 3)))
    layer = layers.GRU(2, stateful=True)
    layer(_seq(rng))
    with pytest.raises(ValueError, match=r'Layer "gru" is stateful with batch size 4, but '
                                         r"received a batch of 2 sequences"):
        layer(_seq(rng, (2, 6, 3)))

