"""Functional models: graph building, running, errors, torch integration."""
import numpy as np
import pytest

import ceras
from ceras import layers, ops
from backend_testing import requires_torch


def _mlp():
    inputs = ceras.Input((4,), name="features")
    x = layers.Dense(8, activation="relu")(inputs)
    outputs = layers.Dense(3)(x)
    return ceras.Model(inputs, outputs)


def test_functional_matches_numpy_math(rng):
    model = _mlp()
    x = rng.normal(size=(5, 4)).astype("float32")
    w1, b1, w2, b2 = model.get_weights()
    expected = np.maximum(x @ w1 + b1, 0) @ w2 + b2
    np.testing.assert_allclose(ops.convert_to_numpy(model(x)), expected, rtol=1e-5, atol=1e-6)


def test_functional_is_functional_instance_and_tracks_layers():
    model = _mlp()
    assert type(model).__name__ == "Functional"
    assert [type(l).__name__ for l in model.layers] == ["InputLayer", "Dense", "Dense"]
    assert model.get_layer(index=1) is model.layers[1]
    assert len(model.weights) == 4
    assert model.count_params() == 4 * 8 + 8 + 8 * 3 + 3


def test_symbolic_shapes_with_none_batch():
    model = _mlp()
    assert model.output_shape == (None, 3)
    y = model(ceras.Input((4,)))
    assert y.shape == (None, 3)


def test_multi_input_multi_output_dict_and_list():
    a = ceras.Input((3,), name="a")
    b = ceras.Input((2,), name="b")
    merged = layers.Concatenate()([a, b])
    out1 = layers.Dense(1, name="head1")(merged)
    out2 = layers.Dense(2, name="head2")(merged)
    model = ceras.Model({"a": a, "b": b}, [out1, out2])
    xa = np.ones((4, 3), "float32")
    xb = np.zeros((4, 2), "float32")
    y1, y2 = model({"a": xa, "b": xb})
    assert tuple(y1.shape) == (4, 1) and tuple(y2.shape) == (4, 2)
    k = model.get_layer("head1").kernel.numpy()
    bias = model.get_layer("head1").bias.numpy()
    np.testing.assert_allclose(ops.convert_to_numpy(y1),
                               np.concatenate([xa, xb], 1) @ k + bias, rtol=1e-6)


def test_shared_layer_and_ops_in_graph():
    inputs = ceras.Input((3,))
    shared = layers.Dense(3, use_bias=False)
    y = shared(shared(inputs)) + 1.0
    model = ceras.Model(inputs, y)
    x = np.eye(3, dtype="float32")
    k = shared.kernel.numpy()
    np.testing.assert_allclose(ops.convert_to_numpy(model(x)), x @ k @ k + 1.0, rtol=1e-5)
    assert len(model.weights) == 1


def test_nested_model_inside_functional():
    inner = _mlp()
    inputs = ceras.Input((4,))
    outputs = layers.Dense(1)(inner(inputs))
    outer = ceras.Model(inputs, outputs)
    x = np.ones((2, 4), "float32")
    expected = ops.convert_to_numpy(inner(x)) @ outer.layers[-1].kernel.numpy() \
        + outer.layers[-1].bias.numpy()
    np.testing.assert_allclose(ops.convert_to_numpy(outer(x)), expected, rtol=1e-5)
    assert len(outer.weights) == 6


def test_wrong_input_shape_names_layer_expected_and_received():
    model = _mlp()
    with pytest.raises(ValueError, match=r'layer "functional".*expected shape=\(None, 4\), '
                                         r"found shape=\(2, 5\)"):
        model(np.ones((2, 5), "float32"))


def test_wrong_number_of_inputs():
    a, b = ceras.Input((2,)), ceras.Input((2,))
    model = ceras.Model([a, b], layers.Add()([a, b]))
    with pytest.raises(ValueError, match=r"expects 2 input\(s\), but it received 3"):
        model([np.ones((1, 2))] * 3)


def test_graph_disconnected_error():
    a, b = ceras.Input((2,)), ceras.Input((2,))
    out = layers.Add()([a, b])
    with pytest.raises(ValueError, match="Graph disconnected"):
        ceras.Model(a, out)


@requires_torch
def test_torch_module_integration():
    torch = pytest.importorskip("torch")
    model = _mlp()
    params = list(model.parameters())
    assert len(params) == 4
    assert all(isinstance(p, torch.nn.Parameter) for p in params)
    state = model.state_dict()
    assert len(state) == 4
    loss = model(torch.ones(2, 4)).sum()
    loss.backward()
    assert all(p.grad is not None for p in params)


def test_subclassed_model_tracks_layers_in_lists_and_dicts():
    class Net(ceras.Model):
        def __init__(self):
            super().__init__()
            self.blocks = [layers.Dense(4), layers.Dense(4)]
            self.heads = {"out": layers.Dense(1)}

        def call(self, x):
            for block in self.blocks:
                x = block(x)
            return self.heads["out"](x)

    net = Net()
    y = net(np.ones((2, 3), "float32"))
    assert tuple(y.shape) == (2, 1)
    assert len(net.weights) == 6
    if ceras.backend.backend() == "torch":  # also a torch.nn.Module there
        assert len(list(net.parameters())) == 6
    assert net.name == "net"


def test_training_flag_propagates_to_sublayers():
    seen = []

    class Probe(layers.Layer):
        def call(self, x, training=None):
            seen.append(training)
            return x

    class Outer(layers.Layer):
        def __init__(self):
            super().__init__()
            self.probe = Probe()

        def call(self, x):
            return self.probe(x)

    inputs = ceras.Input((2,))
    model = ceras.Model(inputs, Outer()(inputs))
    model(np.ones((1, 2), "float32"), training=True)
    model(np.ones((1, 2), "float32"))
    assert seen[-2:] == [True, None]


@pytest.mark.oracle
def test_branchy_graph_layer_order_and_weights_file_match_keras(keras_oracle, tmp_path, rng):
    keras = keras_oracle

    def build(lib):
        inputs = lib.Input((4,))
        left = lib.layers.Dense(3, name="left_a")(inputs)
        left = lib.layers.Dense(3, name="left_b")(left)
        right = lib.layers.Dense(3, name="right")(inputs)
        merged = lib.layers.Add(name="merge")([left, right])
        skip = lib.layers.Dense(3, name="skip")(inputs)
        out = lib.layers.Concatenate(name="cat")([merged, skip])
        return lib.Model(inputs, lib.layers.Dense(2, name="head")(out))

    ours, theirs = build(ceras), build(keras)
    assert [l.name for l in ours.layers][1:] == [l.name for l in theirs.layers][1:]
    ours.save_weights(tmp_path / "w.weights.h5")
    theirs.load_weights(tmp_path / "w.weights.h5")
    x = rng.normal(size=(2, 4)).astype("float32")
    np.testing.assert_allclose(keras.ops.convert_to_numpy(theirs(x)),
                               ops.convert_to_numpy(ours(x)), rtol=1e-5)
