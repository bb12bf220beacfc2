"""Shared checks for the layer parity tests: the same layer built in ceras and in real
Keras (torch backend), weights copied from ceras into Keras, then outputs, input
gradients, updated state, output shapes and configs compared.

A case is ``(class_name, kwargs, input_shape)``; kwargs may be a function of the layers
module (``lambda L: {"layer": L.Dense(3)}``) when it holds objects.
"""
import numpy as np

import ceras
from ceras import layers, ops

ATOL = 1e-5
RTOL = 1e-5


def case_id(case):
    name, kwargs, shape = case[:3]
    args = "" if callable(kwargs) else ",".join(f"{k}={v}" for k, v in kwargs.items())
    return f"{name}({args}){list(shape)}"


def kwargs_for(kwargs, module):
    return kwargs(module) if callable(kwargs) else dict(kwargs)


def to_np(x):
    return ops.convert_to_numpy(x)


def make_pair(keras, name, kwargs):
    ours = getattr(layers, name)(**kwargs_for(kwargs, layers))
    theirs = getattr(keras.layers, name)(**kwargs_for(kwargs, keras.layers))
    return ours, theirs


def random_inputs(shape, rng, dtype="float32"):
    if isinstance(shape, list):
        return [random_inputs(s, rng, dtype) for s in shape]
    if dtype.startswith("int"):
        return rng.integers(0, 5, size=shape).astype(dtype)
    return rng.normal(size=shape).astype(dtype)


def _torch_inputs(x):
    import torch

    if isinstance(x, list):
        return [_torch_inputs(v) for v in x]
    t = torch.tensor(x)
    if t.is_floating_point():
        t.requires_grad_(True)
    return t


def _grads(inputs):
    if isinstance(inputs, list):
        return [_grads(v) for v in inputs]
    return None if inputs.grad is None else inputs.grad.detach().numpy()


def _run(layer, x, training, cotangent_seed, with_grad, call_kwargs):
    """Call ``layer``; with_grad also backpropagates a fixed random cotangent."""
    if not with_grad:
        out = layer(x, training=training, **call_kwargs)
        return to_np(out), None
    import torch

    xt = _torch_inputs(x)
    out = layer(xt, training=training, **call_kwargs)
    cot = np.random.default_rng(cotangent_seed).normal(size=tuple(out.shape))
    if out.requires_grad:
        (out * torch.tensor(cot, dtype=out.dtype)).sum().backward()
    return out.detach().numpy(), _grads(xt)


def assert_matches_keras(keras, name, kwargs, shape, rng, training=(False, True),
                         grad=True, dtype="float32", call_kwargs=None, atol=ATOL, rtol=RTOL):
    """Outputs, input gradients, weights and updated state match Keras."""
    call_kwargs = call_kwargs or {}
    ours, theirs = make_pair(keras, name, kwargs)
    x = random_inputs(shape, rng, dtype)
    ours(x, **call_kwargs)
    theirs(x, **call_kwargs)
    assert [v.name for v in ours.weights] == [v.name for v in theirs.weights]
    assert [tuple(v.shape) for v in ours.weights] == [tuple(v.shape) for v in theirs.weights]
    assert [v.trainable for v in ours.weights] == [v.trainable for v in theirs.weights]
    # Random values (not the initial ones) so a wrongly oriented weight cannot hide.
    weights = [w if not np.issubdtype(w.dtype, np.floating) else
               (rng.uniform(0.5, 1.5, w.shape) if "variance" in v.name or "stddev" in v.name
                else rng.normal(size=w.shape) * 0.5).astype(w.dtype)
               for v, w in zip(ours.weights, ours.get_weights())]
    ours.set_weights(weights)
    theirs.set_weights(weights)
    with_grad = grad and ceras.backend.backend() == "torch" and not dtype.startswith("int")
    for mode in training:
        y_ours, g_ours = _run(ours, x, mode, 7, with_grad, call_kwargs)
        y_theirs, g_theirs = _run(theirs, x, mode, 7, with_grad, call_kwargs)
        np.testing.assert_allclose(y_ours, y_theirs, atol=atol, rtol=rtol,
                                   err_msg=f"{name} output, training={mode}")
        if with_grad:
            for a, b in zip(_as_list(g_ours), _as_list(g_theirs)):
                if a is None or b is None:
                    assert a is None and b is None
                else:
                    np.testing.assert_allclose(a, b, atol=atol * 10, rtol=rtol * 10,
                                               err_msg=f"{name} input gradient, training={mode}")
        for a, b in zip(ours.get_weights(), theirs.get_weights()):
            np.testing.assert_allclose(a, b, atol=atol, rtol=rtol,
                                       err_msg=f"{name} weights after training={mode}")
    return ours, theirs


def _as_list(x):
    return x if isinstance(x, list) else [x]


def assert_config_matches_keras(keras, name, kwargs):
    ours, theirs = make_pair(keras, name, kwargs)
    a, b = ours.get_config(), theirs.get_config()
    a.pop("name"), b.pop("name")
    assert _plain(a) == _plain(b)


def _plain(config):
    """Configs compared as JSON would store them (tuples and lists alike), without the
    auto-generated layer names (their counters differ between the libraries)."""
    if isinstance(config, dict):
        return {k: _plain(v) for k, v in config.items()
                if k != "name" or "trainable" not in config}
    if isinstance(config, (list, tuple)):
        return [_plain(v) for v in config]
    return config


def assert_symbolic_shape_matches_keras(keras, name, kwargs, shape):
    """Output shape on a symbolic input with a None batch dim."""
    ours, theirs = make_pair(keras, name, kwargs)
    if isinstance(shape, list):
        y_ours = ours([ceras.Input(s[1:]) for s in shape])
        y_theirs = theirs([keras.Input(s[1:]) for s in shape])
    else:
        y_ours = ours(ceras.Input(shape[1:]))
        y_theirs = theirs(keras.Input(shape[1:]))
    assert tuple(y_ours.shape) == tuple(y_theirs.shape)
    return y_ours


def assert_config_round_trip(name, kwargs):
    layer = getattr(layers, name)(**kwargs_for(kwargs, layers))
    config = layer.get_config()
    clone = type(layer).from_config(config)
    assert clone.get_config() == config
