"""Masking, EinsumDense, Wrapper and TorchModuleWrapper: parity with Keras, masks,
weights shared with a wrapped torch module, serialization and argument errors."""
import numpy as np
import pytest
from layer_parity import (
    assert_config_matches_keras, assert_config_round_trip, assert_matches_keras,
    assert_symbolic_shape_matches_keras, case_id, to_np,
)

import ceras
from ceras import layers
from ceras.saving import serialization_lib

CASES = [
    ("Masking", dict(), (2, 5, 3)),
    ("Masking", dict(mask_value=1.0), (2, 5, 3)),
    ("EinsumDense", dict(equation="ab,bc->ac", output_shape=4, bias_axes="c"), (3, 5)),
    ("EinsumDense", dict(equation="abc,cde->abde", output_shape=(None, 3, 4), bias_axes="de",
                         activation="relu"), (2, 5, 6)),
    ("EinsumDense", dict(equation="abc,cd->abd", output_shape=(5, 4), bias_axes="b"),
     (2, 5, 6)),
    ("EinsumDense", dict(equation="...b,bc->...c", output_shape=4, bias_axes="c"), (2, 3, 5)),
    ("EinsumDense", dict(equation="ab...,bc->ac...", output_shape=4, bias_axes="c"),
     (2, 5, 3)),
    ("EinsumDense", dict(equation="abcd,cde->abe", output_shape=(None, 7)), (2, 3, 4, 5)),
]
PARAMS = [pytest.param(*c, id=case_id(c)) for c in CASES]


@pytest.mark.oracle
@pytest.mark.parametrize("name, kwargs, shape", PARAMS)
def test_matches_keras(keras_oracle, name, kwargs, shape, rng):
    assert_matches_keras(keras_oracle, name, kwargs, shape, rng)


@pytest.mark.oracle
@pytest.mark.parametrize("name, kwargs, shape", PARAMS)
def test_config_and_symbolic_shape_match_keras(keras_oracle, name, kwargs, shape):
    assert_config_matches_keras(keras_oracle, name, kwargs)
    assert_symbolic_shape_matches_keras(keras_oracle, name, kwargs, shape)


@pytest.mark.parametrize("name, kwargs, shape", PARAMS)
def test_config_round_trip(name, kwargs, shape):
    assert_config_round_trip(name, kwargs)


@pytest.mark.oracle
def test_masking_output_and_mask_match_keras(keras_oracle, rng):
    x = rng.normal(size=(2, 4, 3)).astype("float32")
    x[0, 1] = 0.0
    x[1, 3] = 0.0
    x[1, 0, 0] = 0.0  # one zero feature does not mask the step
    ours = layers.Masking()(x)
    theirs = keras_oracle.layers.Masking()(x)
    np.testing.assert_array_equal(to_np(ours), keras_oracle.ops.convert_to_numpy(theirs))
    np.testing.assert_array_equal(to_np(ours._keras_mask),
                                  [[True, False, True, True], [True, True, True, False]])
    np.testing.assert_array_equal(to_np(ours._keras_mask),
                                  keras_oracle.ops.convert_to_numpy(theirs._keras_mask))


def test_masking_mask_reaches_the_next_layer():
    inputs = ceras.Input((4, 2))
    masked = layers.Masking(mask_value=-1.0)(inputs)
    pooled = layers.GlobalAveragePooling1D()(masked)
    model = ceras.Model(inputs, pooled)
    x = np.array([[[1.0, 2.0], [-1.0, -1.0], [3.0, 4.0], [-1.0, -1.0]]], "float32")
    np.testing.assert_allclose(to_np(model(x)), [[2.0, 3.0]])


def test_einsum_dense_matches_numpy(rng):
    layer = layers.EinsumDense("abc,cde->abde", output_shape=(None, 2, 3), bias_axes="e")
    x = rng.normal(size=(2, 4, 5)).astype("float32")
    y = to_np(layer(x))
    k, b = layer.get_weights()
    np.testing.assert_allclose(y, np.einsum("abc,cde->abde", x, k) + b, rtol=1e-5, atol=1e-6)


def test_einsum_dense_errors():
    with pytest.raises(ValueError, match=r'Layer "einsum_dense" expects an einsum equation'):
        layers.EinsumDense("abc", 4)
    with pytest.raises(ValueError, match=r"output dim 'd' of equation 'ab,bc->ad' is in "
                                         r"neither the input nor the kernel"):
        layers.EinsumDense("ab,bc->ad", 4)(np.ones((2, 4), "float32"))


class _Scale(layers.Wrapper):
    def call(self, inputs):
        return self.layer(inputs) * 2.0


def test_wrapper_tracks_builds_and_serializes_the_inner_layer(rng):
    wrapper = _Scale(layers.Dense(3, name="inner"), name="scale")
    x = rng.normal(size=(2, 4)).astype("float32")
    y = to_np(wrapper(x))
    k, b = wrapper.layer.get_weights()
    np.testing.assert_allclose(y, 2 * (x @ k + b), rtol=1e-5, atol=1e-6)
    assert [v.path for v in wrapper.weights] == ["scale/inner/kernel", "scale/inner/bias"]
    config = wrapper.get_config()
    assert config["layer"]["class_name"] == "Dense"
    clone = _Scale.from_config(config)
    assert isinstance(clone.layer, layers.Dense) and clone.layer.units == 3


@pytest.mark.oracle
def test_wrapper_config_matches_keras(keras_oracle):
    assert_config_matches_keras(keras_oracle, "Wrapper", lambda L: dict(layer=L.Dense(3)))


def test_wrapper_rejects_non_layers():
    with pytest.raises(ValueError, match=r"Wrapper expects `layer` to be a ceras Layer, "
                                         r"received 3 of type int"):
        layers.Wrapper(3)


@pytest.fixture
def torch():
    """The torch module; TorchModuleWrapper exists on the torch backend only."""
    if ceras.backend.backend() != "torch":
        pytest.skip("TorchModuleWrapper is torch-only")
    return pytest.importorskip("torch")


def test_torch_module_wrapper_shares_parameters(torch, rng):
    module = torch.nn.Sequential(torch.nn.Linear(3, 4), torch.nn.ReLU(), torch.nn.Linear(4, 2))
    layer = layers.TorchModuleWrapper(module)
    x = rng.normal(size=(5, 3)).astype("float32")
    with torch.no_grad():
        expected = module(torch.tensor(x)).numpy()
    np.testing.assert_allclose(to_np(layer(x)), expected, rtol=1e-6)
    assert [tuple(v.shape) for v in layer.weights] == [(4, 3), (4,), (2, 4), (2,)]
    assert layer.weights[0].value is module[0].weight
    layer.weights[1].assign(np.ones(4, "float32"))  # writes reach the module
    np.testing.assert_array_equal(module[0].bias.detach().numpy(), 1.0)


def test_torch_module_wrapper_trains_inside_a_model(torch, rng):
    inputs = ceras.Input((3,))
    outputs = layers.TorchModuleWrapper(torch.nn.Linear(3, 1))(inputs)
    assert outputs.shape == (None, 1)  # traced when no output_shape is given
    model = ceras.Model(inputs, outputs)
    model.compile(optimizer="sgd", loss="mse")
    x = rng.normal(size=(64, 3)).astype("float32")
    y = x @ np.array([[1.0], [-2.0], [0.5]], "float32")
    before = model.evaluate(x, y, verbose=0)
    model.fit(x, y, epochs=5, batch_size=16, verbose=0)
    assert model.evaluate(x, y, verbose=0) < before


def test_torch_module_wrapper_train_and_eval_modes(torch):
    layer = layers.TorchModuleWrapper(torch.nn.Dropout(0.5))
    x = np.ones((4, 100), "float32")
    np.testing.assert_array_equal(to_np(layer(x, training=False)), x)
    assert (to_np(layer(x, training=True)) == 0).any()


@pytest.mark.oracle
def test_torch_module_wrapper_matches_keras(torch, keras_oracle, rng):
    module = torch.nn.Sequential(torch.nn.Linear(3, 4), torch.nn.BatchNorm1d(4))
    ours, theirs = layers.TorchModuleWrapper(module), keras_oracle.layers.TorchModuleWrapper(
        module)
    x = rng.normal(size=(6, 3)).astype("float32")
    for training in (False, True):
        np.testing.assert_allclose(to_np(ours(x, training=training)),
                                   keras_oracle.ops.convert_to_numpy(theirs(x, training=training)),
                                   rtol=1e-6)
    assert [v.name for v in ours.weights] != [] and len(ours.weights) == len(theirs.weights)
    assert [tuple(v.shape) for v in ours.weights] == [tuple(v.shape) for v in theirs.weights]
    assert sorted(ours.get_config()) == sorted(theirs.get_config())


def test_torch_module_wrapper_config_needs_unsafe_mode(torch, rng):
    layer = layers.TorchModuleWrapper(torch.nn.Linear(3, 2), output_shape=(None, 2))
    config = layer.get_config()
    assert isinstance(config["module"], str) and config["output_shape"] == (None, 2)
    with pytest.raises(ValueError, match=r"safe mode refuses it.*safe_mode=False"):
        layers.TorchModuleWrapper.from_config(config)
    with serialization_lib.SafeModeScope(False):
        clone = layers.TorchModuleWrapper.from_config(config)
    x = rng.normal(size=(2, 3)).astype("float32")
    np.testing.assert_allclose(to_np(clone(x)), to_np(layer(x)), rtol=1e-6)
    assert clone.compute_output_shape((None, 3)) == (None, 2)


def test_torch_module_wrapper_errors(torch):
    with pytest.raises(ValueError, match=r"TorchModuleWrapper expects `module` to be a "
                                         r"torch.nn.Module, received 5 of type int"):
        layers.TorchModuleWrapper(5)
    with pytest.raises(ValueError, match=r"TorchModuleWrapper cannot wrap a lazy module before "
                                         r"it is initialized"):
        layers.TorchModuleWrapper(torch.nn.LazyLinear(3))
