"""MultiOptimizer / OptimizerMap: same weights as Keras after N steps, same configs."""
import numpy as np
import pytest

from ceras import layers, optimizers
from ceras.saving import serialization_lib


def _np(x):
    x = x.numpy() if hasattr(x, "numpy") and not isinstance(x, np.ndarray) else x
    return x.detach().numpy() if hasattr(x, "detach") else np.asarray(x)


def _variables(lib):
    enc = lib.layers.Dense(3, name="enc_dense")
    dec = lib.layers.Dense(2, name="dec")
    enc.build((None, 4))
    dec.build((None, 3))
    return enc.weights + dec.weights


def _run(lib, make_optimizer, steps=4):
    import torch  # the oracle (Keras on torch) wants torch gradients

    variables = _variables(lib)
    start = np.random.default_rng(0)
    for v in variables:
        v.assign(start.normal(size=v.shape).astype("float32"))
    optimizer = make_optimizer(lib.optimizers)
    grads_rng = np.random.default_rng(1)
    for _ in range(steps):
        grads = [torch.tensor(grads_rng.normal(size=v.shape).astype("float32"))
                 for v in variables]
        optimizer.apply(grads, variables)
    return optimizer, [_np(v) for v in variables]


def _with_map(o):
    return o.MultiOptimizer(o.OptimizerMap(o.SGD(0.1, momentum=0.9),
                                           {"enc_dense/.*": o.Adam(0.01), "dec/bias": o.SGD(1.0)}))


def _with_function(o):
    return o.MultiOptimizer(
        lambda v: o.RMSprop(0.01) if v.path.endswith("kernel") else o.SGD(0.5),
        loss_scale_factor=4.0)


@pytest.mark.oracle
@pytest.mark.parametrize("make_optimizer", [_with_map, _with_function])
def test_multi_optimizer_matches_keras_after_steps(keras_oracle, make_optimizer):
    ours, mine = _run(__import__("ceras"), make_optimizer)
    theirs, ref = _run(keras_oracle, make_optimizer)
    for a, b in zip(mine, ref):
        np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-6)
    assert int(_np(ours.iterations)) == int(_np(theirs.iterations)) == 4
    assert [int(_np(o.iterations)) for o in ours.optimizers] == [
        int(_np(o.iterations)) for o in theirs.optimizers]
    assert len(ours.variables) == len(theirs.variables)


@pytest.mark.oracle
def test_optimizer_map_lookup_matches_keras(keras_oracle):
    for lib in (__import__("ceras"), keras_oracle):
        o = lib.optimizers
        default, adam = o.SGD(), o.Adam()
        mapping = o.OptimizerMap(default, {"enc.*": adam})
        assert mapping["enc.*"] is adam
        assert mapping["enc_dense/kernel"] is adam
        assert mapping["dec/enc"] is default
        assert list(mapping) == ["enc.*"] and len(mapping) == 1
        mapping["dec/.*"] = o.SGD(2.0)
        assert list(mapping.keys()) == ["enc.*", "dec/.*"]


@pytest.mark.oracle
def test_multi_optimizer_configs_match_keras(keras_oracle):
    def config(o):
        return o.MultiOptimizer(o.OptimizerMap(o.SGD(0.5), {"a/.*": o.Adam(0.25)}),
                                name="multi").get_config()

    mine, ref = config(optimizers), config(keras_oracle.optimizers)
    assert set(mine) == set(ref) == {"optimizer_map", "loss_scale_factor", "name"}
    assert mine["optimizer_map"]["class_name"] == ref["optimizer_map"]["class_name"]
    assert mine["optimizer_map"]["module"] == ref["optimizer_map"]["module"]
    inner, ref_inner = mine["optimizer_map"]["config"], ref["optimizer_map"]["config"]
    assert set(inner) == set(ref_inner)
    assert list(inner["optimizer_map"]) == list(ref_inner["optimizer_map"])
    assert inner["default_optimizer"]["class_name"] == "SGD"


def test_multi_optimizer_round_trip_and_learning_rate_error():
    optimizer = optimizers.MultiOptimizer(
        optimizers.OptimizerMap(optimizers.SGD(0.5), {"a/.*": optimizers.Adam(0.25)}),
        loss_scale_factor=2.0)
    clone = optimizers.MultiOptimizer.from_config(optimizer.get_config())
    assert clone.loss_scale_factor == 2.0
    assert [type(o).__name__ for o in clone.optimizers] == ["Adam", "SGD"]
    np.testing.assert_allclose(float(_np(clone.optimizers[0].learning_rate)), 0.25)
    with pytest.raises(AttributeError, match="Learning rate cannot be accessed on a "
                                             "MultiOptimizer"):
        optimizer.learning_rate


def test_multi_optimizer_trains_a_model():
    model = __import__("ceras").Sequential([layers.Input((3,)), layers.Dense(1, name="out")])
    model.compile(optimizer=optimizers.MultiOptimizer(
        optimizers.OptimizerMap(optimizers.SGD(0.1), {".*bias": optimizers.SGD(0.0)})),
        loss="mse")
    x = np.random.default_rng(0).normal(size=(16, 3)).astype("float32")
    kernel = model.layers[-1].kernel.numpy().copy()
    bias = model.layers[-1].bias.numpy().copy()
    model.fit(x, x[:, :1], epochs=1, verbose=0)
    np.testing.assert_array_equal(model.layers[-1].bias.numpy(), bias)
    assert np.abs(model.layers[-1].kernel.numpy() - kernel).max() > 1e-4


def test_multi_optimizer_and_map_reject_bad_arguments():
    with pytest.raises(TypeError, match="expects optimizer_map to be an OptimizerMap or a"):
        optimizers.MultiOptimizer(3)
    with pytest.raises(TypeError, match="expects default_optimizer to be an Optimizer"):
        optimizers.OptimizerMap(3)
    twice = optimizers.OptimizerMap(optimizers.SGD(), {"a.*": optimizers.SGD(),
                                                       ".*b": optimizers.SGD()})
    with pytest.raises(ValueError, match=r"variable 'a/b' matches more than one pattern"):
        twice["a/b"]
    with pytest.raises(TypeError, match="expects an Optimizer instance for key 'x'"):
        optimizers.OptimizerMap(optimizers.SGD(), {"x": "adam"})
    bad = optimizers.MultiOptimizer(lambda v: None)
    with pytest.raises(TypeError, match="function returned None for variable"):
        bad.build(_variables(__import__("ceras")))
    built = optimizers.MultiOptimizer(lambda v: optimizers.SGD())
    variables = _variables(__import__("ceras"))
    built.build(variables[:1])
    with pytest.raises(ValueError, match="was built without variable"):
        built.apply([np.ones(v.shape, "float32") for v in variables], variables)


@pytest.mark.oracle
def test_multi_optimizer_loads_a_keras_config(keras_oracle):
    o = keras_oracle.optimizers
    config = keras_oracle.saving.serialize_keras_object(
        o.MultiOptimizer(o.OptimizerMap(o.SGD(0.1), {"enc.*": o.Adam(0.01)})))
    loaded = serialization_lib.deserialize_keras_object(config)
    assert isinstance(loaded, optimizers.MultiOptimizer)
    assert [type(x).__name__ for x in loaded.optimizers] == ["Adam", "SGD"]
    np.testing.assert_allclose(float(_np(loaded.optimizers[0].learning_rate)), 0.01)


def test_multi_optimizer_state_survives_save_and_load(tmp_path):
    import ceras

    model = ceras.Sequential([layers.Input((3,)), layers.Dense(1, name="out")])
    model.compile(optimizer=optimizers.MultiOptimizer(optimizers.OptimizerMap(
        optimizers.SGD(0.1), {".*bias": optimizers.Adam(0.01)})), loss="mse")
    x = np.random.default_rng(0).normal(size=(8, 3)).astype("float32")
    model.fit(x, x[:, :1], verbose=0)
    model.save(tmp_path / "model.keras")
    loaded = ceras.saving.load_model(tmp_path / "model.keras")
    assert [v.path for v in loaded.optimizer.variables] == [
        v.path for v in model.optimizer.variables]
    for a, b in zip(loaded.optimizer.variables, model.optimizer.variables):
        np.testing.assert_allclose(_np(a), _np(b))
