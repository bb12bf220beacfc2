"""Bidirectional, TimeDistributed and ConvLSTM1D/2D/3D against real Keras."""
import numpy as np
import pytest

import ceras
from ceras import layers, ops
from ceras.backend import tree
from backend_testing import requires_torch

ATOL = 1e-5
RIGHT_PADDED = np.array([[1, 1, 1, 1, 1], [1, 1, 1, 0, 0], [1, 0, 0, 0, 0]], bool)
HOLES = np.array([[1, 0, 1, 1, 1], [1, 1, 1, 0, 1], [0, 0, 1, 0, 0]], bool)


def _np(x):
    return ops.convert_to_numpy(x)


def _assert_parity(c_layer, k_layer, *args, atol=ATOL, **kwargs):
    c_layer(*args, **kwargs)
    k_layer(*args, **kwargs)
    k_layer.set_weights(c_layer.get_weights())
    yc = tree.flatten(c_layer(*args, **kwargs))
    yk = tree.flatten(k_layer(*args, **kwargs))
    assert len(yc) == len(yk)
    for a, b in zip(yc, yk):
        np.testing.assert_allclose(_np(a), b.detach().numpy(), atol=atol)
    assert [w.shape for w in c_layer.weights] == [tuple(w.shape) for w in k_layer.weights]


def _strip_names(config):
    if isinstance(config, dict):
        return {k: _strip_names(v) for k, v in config.items() if k != "name"}
    if isinstance(config, (list, tuple)):
        return [_strip_names(v) for v in config]
    return config


@pytest.fixture
def seq(rng):
    return rng.normal(size=(3, 5, 4)).astype("float32")


# -- Bidirectional --------------------------------------------------------------------

@pytest.mark.oracle
@pytest.mark.parametrize("merge_mode", ["concat", "sum", "mul", "ave", None])
@pytest.mark.parametrize("return_sequences", [False, True])
@pytest.mark.parametrize("return_state", [False, True])
def test_bidirectional_merge_modes_match_keras(keras_oracle, seq, merge_mode, return_sequences,
                                               return_state):
    def make(lib):
        return lib.layers.Bidirectional(
            lib.layers.LSTM(3, return_sequences=return_sequences, return_state=return_state),
            merge_mode=merge_mode)

    _assert_parity(make(ceras), make(keras_oracle), seq)


@pytest.mark.oracle
@pytest.mark.parametrize("rnn", ["GRU", "SimpleRNN", "LSTM"])
@pytest.mark.parametrize("mask", [RIGHT_PADDED, HOLES], ids=["right_padded", "holes"])
@pytest.mark.parametrize("return_sequences", [False, True])
def test_bidirectional_with_mask_matches_keras(keras_oracle, seq, rnn, mask, return_sequences):
    def make(lib):
        return lib.layers.Bidirectional(getattr(lib.layers, rnn)(
            3, return_sequences=return_sequences))

    _assert_parity(make(ceras), make(keras_oracle), seq, mask=mask)


@pytest.mark.oracle
def test_bidirectional_backward_layer_and_initial_state(keras_oracle, seq, rng):
    states = [rng.normal(size=(3, 3)).astype("float32") for _ in range(2)]

    def make(lib):
        return lib.layers.Bidirectional(
            lib.layers.GRU(3, return_sequences=True),
            backward_layer=lib.layers.GRU(3, return_sequences=True, go_backwards=True,
                                          reset_after=False))

    _assert_parity(make(ceras), make(keras_oracle), seq, initial_state=states)


@pytest.mark.oracle
def test_bidirectional_weights_names_order_and_config(keras_oracle, seq):
    c = layers.Bidirectional(layers.LSTM(3, name="enc"))
    k = keras_oracle.layers.Bidirectional(keras_oracle.layers.LSTM(3, name="enc"))
    c(seq)
    k(seq)
    assert c.forward_layer.name == "forward_enc" and c.backward_layer.name == "backward_enc"
    assert [w.shape for w in c.weights] == [tuple(w.shape) for w in k.weights]
    config = c.get_config()
    assert _strip_names(config) == _strip_names(k.get_config())
    rebuilt = layers.Bidirectional.from_config(config)
    assert rebuilt.backward_layer.go_backwards and not rebuilt.forward_layer.go_backwards


@requires_torch
@pytest.mark.parametrize("rnn", ["LSTM", "GRU"])
@pytest.mark.parametrize("return_sequences", [False, True])
@pytest.mark.parametrize("one_call", [False, True])
def test_bidirectional_fused_call_agrees_with_step_loops(monkeypatch, seq, rng, rnn,
                                                         return_sequences, one_call):
    import torch

    from ceras import backend

    if one_call:  # the single bidirectional kernel call used on GPU, here on CPU
        monkeypatch.setattr(backend.rnn, "_ONE_CALL_BIDIRECTIONAL", ("cpu", "cuda"))

    count = 4 if rnn == "LSTM" else 2
    states = [rng.normal(size=(3, 3)).astype("float32") for _ in range(count)]

    def make(**kw):
        return layers.Bidirectional(getattr(layers, rnn)(
            3, return_sequences=return_sequences, return_state=True, **kw))

    fused, loop = make(), make(use_cudnn=False)
    fused(seq)
    loop(seq)
    loop.set_weights(fused.get_weights())
    results = []
    for layer in (loop, fused):
        if layer is fused:  # one bidirectional kernel call, no per-direction layer calls
            for name in ("rnn", "lstm", "gru"):
                monkeypatch.setattr(backend.rnn, name, _not_called)
        xt = torch.tensor(seq, requires_grad=True)
        outs = layer(xt, initial_state=states)
        sum(o.sum() * (i + 1) for i, o in enumerate(outs)).backward()
        results.append([_np(o) for o in outs] + [xt.grad.numpy()])
    for a, b in zip(*results):
        np.testing.assert_allclose(a, b, atol=ATOL)


def _not_called(*args, **kwargs):
    raise AssertionError("Bidirectional did not take its fused path")


def test_bidirectional_stateful_reset_and_shapes(seq):
    layer = layers.Bidirectional(layers.LSTM(3, stateful=True, return_state=True))
    out, *states = layer(seq)
    assert out.shape == (3, 6) and [s.shape for s in states] == [(3, 3)] * 4
    assert len(layer.states) == 4
    first = _np(layer(seq)[0])
    layer.reset_states()
    np.testing.assert_allclose(_np(layer(seq)[0]), _np(out), atol=ATOL)
    assert not np.allclose(first, _np(out))
    symbolic = layers.Bidirectional(layers.GRU(4, return_sequences=True), merge_mode=None)(
        ceras.Input((None, 4)))
    assert [t.shape for t in symbolic] == [(None, None, 4)] * 2


def test_bidirectional_errors(seq):
    with pytest.raises(ValueError, match=r'expects merge_mode to be one of "sum", "mul", "ave", '
                                         r'"concat" or None, received merge_mode=\'max\''):
        layers.Bidirectional(layers.LSTM(2), merge_mode="max")
    with pytest.raises(ValueError, match=r"expects a ceras Layer instance to wrap, received "
                                         r"layer=3"):
        layers.Bidirectional(3)
    with pytest.raises(ValueError, match=r"to have different go_backwards, received "
                                         r"go_backwards=False for both"):
        layers.Bidirectional(layers.LSTM(2), backward_layer=layers.LSTM(2))
    with pytest.raises(ValueError, match=r'to have the same "return_sequences", received True '
                                         r"\(forward\) and False \(backward\)"):
        layers.Bidirectional(layers.LSTM(2, return_sequences=True),
                             backward_layer=layers.LSTM(2, go_backwards=True))
    with pytest.raises(ValueError, match=r"expects backward_layer to be a ceras Layer"):
        layers.Bidirectional(layers.LSTM(2), backward_layer="gru")
    with pytest.raises(AttributeError, match=r"has no state to reset: it is not stateful"):
        layers.Bidirectional(layers.LSTM(2)).reset_states()


# -- TimeDistributed --------------------------------------------------------------------

@pytest.mark.oracle
def test_time_distributed_dense_and_conv_match_keras(keras_oracle, seq, rng):
    _assert_parity(layers.TimeDistributed(layers.Dense(2, activation="tanh")),
                   keras_oracle.layers.TimeDistributed(keras_oracle.layers.Dense(
                       2, activation="tanh")), seq)
    frames = rng.normal(size=(2, 3, 6, 6, 2)).astype("float32")
    _assert_parity(layers.TimeDistributed(layers.Conv2D(3, 3)),
                   keras_oracle.layers.TimeDistributed(keras_oracle.layers.Conv2D(3, 3)), frames)


@pytest.mark.oracle
def test_time_distributed_batch_norm_training_is_per_step(keras_oracle, seq):
    def make(lib):
        return lib.layers.TimeDistributed(lib.layers.BatchNormalization())

    c, k = make(ceras), make(keras_oracle)
    _assert_parity(c, k, seq, training=True, atol=1e-4)
    np.testing.assert_allclose(
        [w.numpy() for w in c.weights][2], k.weights[2].numpy(), atol=1e-5)


def test_time_distributed_shapes_mask_and_errors(seq):
    layer = layers.TimeDistributed(layers.Dense(7))
    assert layer(ceras.Input((None, 4))).shape == (None, None, 7)
    assert layer.compute_output_shape((2, 5, 4)) == (2, 5, 7)
    seq_t = ops.convert_to_tensor(seq)
    seq_t._keras_mask = ops.convert_to_tensor(RIGHT_PADDED)
    out = layer(seq_t)
    np.testing.assert_array_equal(_np(out._keras_mask), RIGHT_PADDED)
    with pytest.raises(ValueError, match=r"expects an input of rank >= 3 \(batch, time, ...\), "
                                         r"received input shape \(2, 4\)"):
        layers.TimeDistributed(layers.Dense(2))(np.zeros((2, 4), "float32"))
    with pytest.raises(ValueError, match=r"expects a mask of shape \(3, 5, ...\) matching the "
                                         r"input's batch and time dimensions, received mask "
                                         r"shape \(3, 4\)"):
        layer(seq, mask=np.ones((3, 4), bool))
    with pytest.raises(ValueError, match=r"TimeDistributed expects a ceras Layer instance"):
        layers.TimeDistributed("dense")


@pytest.mark.oracle
def test_time_distributed_config_matches_keras(keras_oracle):
    c = layers.TimeDistributed(layers.Dense(3))
    k = keras_oracle.layers.TimeDistributed(keras_oracle.layers.Dense(3))
    assert _strip_names(c.get_config()) == _strip_names(k.get_config())
    rebuilt = layers.TimeDistributed.from_config(c.get_config())
    assert rebuilt.layer.units == 3


# -- ConvLSTM ---------------------------------------------------------------------------

CONV_CASES = [
    ("ConvLSTM1D", (2, 3, 7, 2), dict(kernel_size=3, return_sequences=True)),
    ("ConvLSTM1D", (2, 3, 7, 2), dict(kernel_size=2, strides=2, return_state=True)),
    ("ConvLSTM2D", (2, 3, 5, 5, 2), dict(kernel_size=3, padding="same",
                                         return_sequences=True, go_backwards=True)),
    ("ConvLSTM2D", (2, 3, 6, 6, 2), dict(kernel_size=(2, 3), dilation_rate=2,
                                         return_state=True)),
    ("ConvLSTM2D", (2, 3, 2, 5, 5), dict(kernel_size=3, data_format="channels_first")),
    ("ConvLSTM3D", (1, 2, 4, 4, 4, 2), dict(kernel_size=2, return_sequences=True)),
]


@pytest.mark.oracle
@pytest.mark.parametrize("name,shape,kw", CONV_CASES)
def test_conv_lstm_matches_keras(keras_oracle, rng, name, shape, kw):
    x = rng.normal(size=shape).astype("float32")
    c = getattr(layers, name)(3, **kw)
    k = getattr(keras_oracle.layers, name)(3, **kw)
    _assert_parity(c, k, x)
    symbolic = getattr(layers, name)(3, **kw)(ceras.Input((None,) + shape[2:]))
    eager = tree.flatten(c(x))
    for s, e in zip(tree.flatten(symbolic), eager):
        assert s.shape[0] is None and tuple(s.shape[2:]) == tuple(e.shape[2:])


@pytest.mark.oracle
def test_conv_lstm_config_matches_keras(keras_oracle):
    c = layers.ConvLSTM2D(4, 3, padding="same", return_sequences=True)
    k = keras_oracle.layers.ConvLSTM2D(4, 3, padding="same", return_sequences=True)
    assert _strip_names(c.get_config()) == _strip_names(k.get_config())
    assert _strip_names(layers.ConvLSTM2D.from_config(c.get_config()).get_config()) == \
        _strip_names(c.get_config())


def test_conv_lstm_errors():
    with pytest.raises(ValueError, match=r'Layer "conv_lstm_cell" cannot combine strides > 1 '
                                         r"with dilation_rate > 1"):
        layers.ConvLSTM2D(2, 3, strides=2, dilation_rate=2)
    with pytest.raises(ValueError, match=r'Input 0 of layer "clstm" is incompatible with '
                                         r"the layer: expected ndim=5 .*found ndim=4"):
        layers.ConvLSTM2D(2, 3, name="clstm")(np.zeros((1, 2, 5, 5), "float32"))
    with pytest.raises(ValueError, match=r"needs known spatial and channel dimensions, received "
                                         r"input shape \(None, None, 3\)"):
        layers.ConvLSTM1D(2, 3)(ceras.Input((None, None, 3)))


@pytest.mark.oracle
def test_recurrent_model_files_load_both_ways(keras_oracle, tmp_path, rng):
    def build(lib):
        enc_in, dec_in = lib.Input((None, 3)), lib.Input((None, 2))
        _, h, c = lib.layers.LSTM(4, return_state=True)(enc_in)
        dec = lib.layers.LSTM(4, return_sequences=True)(dec_in, initial_state=[h, c])
        dec = lib.layers.Bidirectional(lib.layers.GRU(3, return_sequences=True))(dec)
        out = lib.layers.TimeDistributed(lib.layers.Dense(2))(dec)
        return lib.Model([enc_in, dec_in], lib.layers.Attention()([out, out]))

    c, k = build(ceras), build(keras_oracle)
    k.set_weights(c.get_weights())
    data = [rng.normal(size=(2, 5, 3)).astype("float32"),
            rng.normal(size=(2, 4, 2)).astype("float32")]
    expected = _np(c(data))
    np.testing.assert_allclose(k(data).detach().numpy(), expected, atol=ATOL)
    c.save(tmp_path / "ceras.keras")
    k.save(tmp_path / "keras.keras")
    from_ceras = keras_oracle.models.load_model(tmp_path / "ceras.keras")
    np.testing.assert_allclose(from_ceras(data).detach().numpy(), expected, atol=ATOL)
    from_keras = ceras.models.load_model(tmp_path / "keras.keras")
    np.testing.assert_allclose(_np(from_keras(data)), expected, atol=ATOL)
