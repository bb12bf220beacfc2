"""LSTM / GRU on torch's fused kernels against their own step loops (the same
numbers, gradients included), and the rules for choosing between them."""
import numpy as np
import pytest

from ceras import backend, layers, ops
from backend_testing import requires_torch

ATOL = 1e-5
MASKS = {
    "right_padded": [[1, 1, 1, 1, 1, 1], [1, 1, 1, 0, 0, 0], [1, 0, 0, 0, 0, 0],
                     [1, 1, 1, 1, 1, 0]],
    "holes": [[1, 1, 0, 1, 1, 1], [0, 1, 1, 0, 0, 0], [1, 0, 0, 0, 0, 1], [1, 1, 1, 1, 1, 0]],
}


def _np(x):
    return ops.convert_to_numpy(x)


def _seq(rng, shape=(4, 6, 3)):
    return rng.normal(size=shape).astype("float32")


def _paired(name, **kw):
    fused = getattr(layers, name)(5, **kw)
    loop = getattr(layers, name)(5, use_cudnn=False, **kw)
    return fused, loop


@requires_torch
@pytest.mark.parametrize("name", ["LSTM", "GRU"])
@pytest.mark.parametrize("mask_name", [None, "right_padded"])
@pytest.mark.parametrize("go_backwards", [False, True])
def test_fused_kernel_and_step_loop_agree(rng, monkeypatch, name, mask_name, go_backwards):
    import torch

    x = _seq(rng)
    mask = None if mask_name is None else np.array(MASKS[mask_name], bool)
    fused, loop = _paired(name, return_sequences=True, return_state=True,
                          go_backwards=go_backwards)
    fused(x)
    loop(x)
    loop.set_weights(fused.get_weights())
    results = []
    for layer in (loop, fused):
        if layer is fused:  # the fused path must not fall back to the step loop
            monkeypatch.setattr(backend.rnn, "rnn", _no_step_loop)
        xt = torch.tensor(x, requires_grad=True)
        outs = layer(xt, mask=mask)
        sum(o.sum() * (i + 1) for i, o in enumerate(outs)).backward()
        results.append([_np(o) for o in outs] + [xt.grad.numpy()] +
                       [w.value.grad.numpy() for w in layer.weights])
        for w in layer.weights:
            w.value.grad = None
    for a, b in zip(*results):
        np.testing.assert_allclose(a, b, atol=ATOL)


def _no_step_loop(*args, **kwargs):
    raise AssertionError("the fused kernel fell back to the step loop")


@pytest.mark.parametrize("name", ["LSTM", "GRU"])
def test_fused_kernel_with_input_dropout_matches_step_loop(rng, name):
    x = _seq(rng)
    fused, loop = _paired(name, dropout=0.5, seed=3, return_sequences=True)
    fused(x)
    loop(x)
    loop.set_weights(fused.get_weights())
    a, b = _np(fused(x, training=True)), _np(loop(x, training=True))
    np.testing.assert_allclose(a, b, atol=ATOL)
    assert not np.allclose(a, _np(fused(x, training=False)))


@pytest.mark.parametrize("name", ["SimpleRNN", "LSTM", "GRU"])
def test_recurrent_dropout_only_in_training(rng, name):
    x = _seq(rng)
    layer = getattr(layers, name)(5, dropout=0.3, recurrent_dropout=0.4, seed=1)
    inference = _np(layer(x))
    np.testing.assert_allclose(_np(layer(x, training=False)), inference)
    assert not np.allclose(_np(layer(x, training=True)), inference)
    assert layer.cell._dropout_mask is None  # masks live for one call only


def test_holes_in_the_mask_fall_back_to_the_step_loop(rng):
    x = _seq(rng)
    mask = np.array(MASKS["holes"], bool)
    fused, loop = _paired("LSTM", return_sequences=True)
    fused(x)
    loop(x)
    loop.set_weights(fused.get_weights())
    np.testing.assert_allclose(_np(fused(x, mask=mask)), _np(loop(x, mask=mask)), atol=ATOL)


def test_use_cudnn_true_rejects_configs_without_a_fused_kernel(rng):
    x = _seq(rng)
    with pytest.raises(ValueError, match=r'Layer "lstm" was given use_cudnn=True, but its '
                                         r"configuration cannot use the fused kernel"):
        layers.LSTM(3, activation="relu", use_cudnn=True)(x)
    with pytest.raises(ValueError, match=r"reset_after=True"):
        layers.GRU(3, reset_after=False, use_cudnn=True)(x)
    with pytest.raises(ValueError, match=r'expects use_cudnn to be "auto", True or False, '
                                         r"received use_cudnn='yes'"):
        layers.LSTM(3, use_cudnn="yes")


