"""The optimizer API: configs, serialization, variables, saving, learning rate, errors."""
import numpy as np
import pytest

import ceras
from ceras import optimizers
from ceras.backend.common import global_state

ALL = ["SGD", "Adam", "AdamW", "Adamax", "Nadam", "RMSprop", "Adagrad", "Adadelta", "Ftrl",
       "Lion", "Lamb", "Adafactor", "Muon", "ScheduleFreeAdamW"]


def _variables(lib, shapes=((4, 3), (3,))):
    """A 'dense/kernel' and a 'dense/bias' in ceras (or in Keras when lib is keras)."""
    rng = np.random.default_rng(0)
    values = [rng.normal(size=s).astype("float32") for s in shapes]
    names = ["kernel", "bias", "extra"][:len(shapes)]
    if lib is not ceras:
        with lib.name_scope("dense"):
            return [lib.Variable(v, name=n) for v, n in zip(values, names)]
    with global_state.NameScope("dense"):
        return [ceras.backend.Variable(v, name=n) for v, n in zip(values, names)]


# -- configs and serialization ------------------------------------------------

def _config_cases(keras):
    return [
        {},
        {"learning_rate": 0.5, "weight_decay": 0.01, "clipnorm": 2.0, "use_ema": True,
         "ema_overwrite_frequency": 3, "loss_scale_factor": 8.0,
         "gradient_accumulation_steps": 4, "name": "custom"},
        {"global_clipnorm": 1.0, "ema_momentum": 0.5},
    ]


@pytest.mark.oracle
@pytest.mark.parametrize("cls_name", ALL)
def test_get_config_matches_keras(keras_oracle, cls_name):
    for kwargs in _config_cases(keras_oracle):
        expected = getattr(keras_oracle.optimizers, cls_name)(**kwargs).get_config()
        config = getattr(optimizers, cls_name)(**kwargs).get_config()
        if "name" not in kwargs:
            expected.pop("name"), config.pop("name")
        assert list(config) == list(expected)
        assert config == expected


@pytest.mark.parametrize("cls_name", ALL)
def test_from_config_round_trip(cls_name):
    cls = getattr(optimizers, cls_name)
    opt = cls(learning_rate=0.25, clipvalue=0.5, use_ema=True, name="opt")
    clone = cls.from_config(opt.get_config())
    assert type(clone) is cls
    assert clone.get_config() == opt.get_config()


def test_from_config_round_trip_with_schedule():
    schedule = optimizers.schedules.ExponentialDecay(0.1, 10, 0.5, staircase=True)
    opt = optimizers.Adam(learning_rate=schedule)
    clone = optimizers.deserialize(optimizers.serialize(opt))
    assert isinstance(clone._learning_rate, optimizers.schedules.ExponentialDecay)
    assert clone.get_config() == opt.get_config()


@pytest.mark.oracle
@pytest.mark.parametrize("cls_name", ALL)
def test_serialize_matches_keras(keras_oracle, cls_name):
    kwargs = {"learning_rate": 0.5, "name": "opt"}
    expected = keras_oracle.optimizers.serialize(
        getattr(keras_oracle.optimizers, cls_name)(**kwargs))
    got = optimizers.serialize(getattr(optimizers, cls_name)(**kwargs))
    # Keras on torch names private torch subclasses for some optimizers
    # ('keras.src.backend.torch.optimizers.torch_adam'); ceras writes the public module,
    # as Keras does on its other backends. Both load in either library.
    assert got["module"] == "keras.optimizers"
    assert got["registered_name"] is None
    assert got["class_name"] == expected["class_name"]
    assert got["config"] == expected["config"]
    assert type(optimizers.deserialize(expected)).__name__ == cls_name
    if cls_name != "Lamb":  # keras.optimizers.deserialize does not resolve 'lamb' itself
        assert type(keras_oracle.optimizers.deserialize(got)).__name__ == cls_name


@pytest.mark.oracle
def test_loss_scale_optimizer_config_matches_keras(keras_oracle):
    expected = keras_oracle.optimizers.LossScaleOptimizer(
        keras_oracle.optimizers.SGD(name="inner"), initial_scale=8.0, name="lso").get_config()
    opt = optimizers.LossScaleOptimizer(optimizers.SGD(name="inner"), initial_scale=8.0,
                                        name="lso")
    config = opt.get_config()
    assert config["inner_optimizer"]["config"] == expected["inner_optimizer"]["config"]
    config.pop("inner_optimizer"), expected.pop("inner_optimizer")
    assert config == expected
    clone = optimizers.deserialize(optimizers.serialize(opt))
    assert isinstance(clone.inner_optimizer, optimizers.SGD)
    assert clone.get_config() == opt.get_config()


def test_get_resolves_names_dicts_and_instances():
    assert isinstance(optimizers.get("adam"), optimizers.Adam)
    assert isinstance(optimizers.get("RMSprop"), optimizers.RMSprop)
    assert isinstance(optimizers.get("ADAMW"), optimizers.AdamW)
    opt = optimizers.SGD()
    assert optimizers.get(opt) is opt
    assert optimizers.get(None) is None
    from_dict = optimizers.get({"class_name": "adam", "config": {"learning_rate": 0.5}})
    assert isinstance(from_dict, optimizers.Adam)
    np.testing.assert_allclose(from_dict.learning_rate.numpy(), 0.5)


def test_get_unknown_name_lists_valid_names():
    with pytest.raises(ValueError, match=r"Could not interpret optimizer identifier: adamm\. "
                                         r"Expected one of: 'adadelta', 'adafactor', .*'sgd'"):
        optimizers.get("adamm")
    with pytest.raises(ValueError, match="Could not interpret optimizer identifier: 3$"):
        optimizers.get(3)


def test_deserialize_errors_name_the_problem():
    with pytest.raises(ValueError, match="expected a dict with a 'class_name' key. Received: "
                                         "'adam'"):
        optimizers.deserialize("adam")
    with pytest.raises(ValueError, match="Could not interpret optimizer identifier: Nope. "
                                         "Expected one of:"):
        optimizers.deserialize({"class_name": "Nope", "config": {}})


def test_custom_optimizer_deserializes_through_custom_objects():
    class MySGD(optimizers.SGD):
        pass

    config = optimizers.serialize(MySGD(learning_rate=0.3))
    assert config["class_name"] == "MySGD"
    opt = optimizers.deserialize(config, custom_objects={"MySGD": MySGD})
    assert type(opt) is MySGD


# -- variables ------------------------------------------------------------------

@pytest.mark.oracle
@pytest.mark.parametrize("cls_name,kwargs", [
    ("SGD", {}), ("SGD", {"momentum": 0.9}), ("Adam", {"amsgrad": True}), ("AdamW", {}),
    ("Adamax", {}), ("Nadam", {}), ("RMSprop", {"momentum": 0.9, "centered": True}),
    ("RMSprop", {}), ("Adagrad", {}), ("Adadelta", {}), ("Ftrl", {}), ("Lion", {}),
    ("Lamb", {}), ("Adafactor", {}), ("Muon", {}), ("ScheduleFreeAdamW", {}),
    ("Adam", {"use_ema": True, "gradient_accumulation_steps": 2}),
])
def test_variables_match_keras(keras_oracle, cls_name, kwargs):
    """Same paths, shapes, dtypes and order: saved optimizer state is keyed by position."""
    # Keras names unscoped variables 'variable', 'variable_1', ... process-wide (Nadam's
    # u-product is one): start its counter fresh so the comparison does not depend on
    # which tests ran before in this process.
    keras_oracle.utils.clear_session()
    expected_opt = getattr(keras_oracle.optimizers, cls_name)(name="opt", **kwargs)
    expected_opt.build(_variables(keras_oracle))
    opt = getattr(optimizers, cls_name)(name="opt", **kwargs)
    opt.build(_variables(ceras))
    expected = [(v.path, tuple(v.shape), v.dtype) for v in expected_opt.variables]
    assert [(v.path, tuple(v.shape), v.dtype) for v in opt.variables] == expected


def test_iterations_is_an_int32_variable_counting_updates():
    variables = _variables(ceras)
    opt = optimizers.SGD(learning_rate=0.1)
    assert opt.iterations.path == "sgd/iteration" and opt.iterations.dtype == "int32"
    grads = [ceras.ops.ones_like(v.value) for v in variables]
    assert opt.apply_gradients(zip(grads, variables)) is opt.iterations
    opt.apply(grads, variables)
    assert int(opt.iterations.numpy()) == 2


def test_iterations_with_accumulation_counts_updates_not_calls():
    variables = _variables(ceras)
    opt = optimizers.SGD(learning_rate=0.1, gradient_accumulation_steps=3)
    grads = [ceras.ops.ones_like(v.value) for v in variables]
    for _ in range(7):
        opt.apply(grads, variables)
    assert int(ceras.ops.convert_to_numpy(opt.iterations)) == 2
    assert int(opt._iterations.numpy()) == 7


def test_save_and_load_own_variables_round_trip():
    variables = _variables(ceras)
    opt = optimizers.Adam(learning_rate=0.1)
    grads = [ceras.ops.ones_like(v.value) for v in variables]
    opt.apply(grads, variables)
    store = {}
    opt.save_own_variables(store)
    assert list(store) == [str(i) for i in range(len(opt.variables))]
    fresh = optimizers.Adam(learning_rate=0.1)
    fresh.build(variables)
    fresh.load_own_variables(store)
    for a, b in zip(fresh.variables, opt.variables):
        np.testing.assert_array_equal(a.numpy(), b.numpy())


def test_load_own_variables_with_wrong_count_warns_and_skips():
    opt = optimizers.Adam()
    opt.build(_variables(ceras))
    with pytest.warns(UserWarning, match="Skipping variable loading for optimizer 'adam', "
                                         "because it has 6 variables whereas the saved "
                                         "optimizer has 1 variables."):
        opt.load_own_variables({"0": np.array(3, "int32")})
    assert int(opt.iterations.numpy()) == 0


@pytest.mark.oracle
def test_state_saved_by_keras_continues_identically(keras_oracle):
    import torch

    keras_vars, ceras_vars = _variables(keras_oracle), _variables(ceras)
    keras_opt = keras_oracle.optimizers.Nadam(learning_rate=0.1)
    rng = np.random.default_rng(3)
    for _ in range(3):
        keras_opt.apply([torch.tensor(rng.normal(size=v.shape).astype("float32"))
                         for v in keras_vars], keras_vars)
    store = {}
    keras_opt.save_own_variables(store)
    for cv, kv in zip(ceras_vars, keras_vars):
        cv.assign(kv.numpy())
    opt = optimizers.Nadam(learning_rate=0.1)
    opt.build(ceras_vars)
    opt.load_own_variables(store)
    grads = [rng.normal(size=v.shape).astype("float32") for v in keras_vars]
    keras_opt.apply([torch.tensor(g) for g in grads], keras_vars)
    opt.apply([ceras.ops.convert_to_tensor(g) for g in grads], ceras_vars)
    for cv, kv in zip(ceras_vars, keras_vars):
        np.testing.assert_allclose(cv.numpy(), kv.numpy(), rtol=1e-5, atol=1e-6)


def test_set_weights_assigns_every_variable_and_checks_count():
    opt = optimizers.SGD()
    opt.set_weights([np.array(5, "int32"), np.array(0.5, "float32")])
    assert int(opt.iterations.numpy()) == 5
    np.testing.assert_allclose(opt.learning_rate.numpy(), 0.5)
    with pytest.raises(ValueError, match="Optimizer 'sgd' has 2 variables; set_weights\\(\\) "
                                         "received 1 values."):
        opt.set_weights([np.array(5, "int32")])


# -- learning rate ---------------------------------------------------------------

def test_learning_rate_is_settable_between_steps():
    (variable,) = _variables(ceras, shapes=((3,),))
    opt = optimizers.SGD(learning_rate=0.1)
    opt.apply([ceras.ops.ones((3,))], [variable])
    before = variable.numpy()
    opt.learning_rate = 0.5
    np.testing.assert_allclose(opt.learning_rate.numpy(), 0.5)
    opt.apply([ceras.ops.ones((3,))], [variable])
    np.testing.assert_allclose(variable.numpy(), before - 0.5, rtol=1e-6)
    assert opt.get_config()["learning_rate"] == 0.5


def test_learning_rate_schedule_is_evaluated_at_the_step():
    schedule = optimizers.schedules.PiecewiseConstantDecay([0, 1], [1.0, 0.1, 0.01])
    opt = optimizers.SGD(learning_rate=schedule)
    assert [v.name for v in opt.variables] == ["iteration"]
    (variable,) = _variables(ceras, shapes=((2,),))
    start = variable.numpy()
    for _ in range(3):
        opt.apply([ceras.ops.ones((2,))], [variable])
    np.testing.assert_allclose(variable.numpy(), start - 1.11, rtol=1e-6)
    np.testing.assert_allclose(ceras.ops.convert_to_numpy(opt.learning_rate), 0.01)


def test_learning_rate_of_a_schedule_is_not_settable():
    opt = optimizers.Adam(learning_rate=optimizers.schedules.ExponentialDecay(0.1, 10, 0.5))
    with pytest.raises(TypeError, match="created with a `LearningRateSchedule` object as its "
                                        "`learning_rate` constructor argument"):
        opt.learning_rate = 0.3


def test_setting_a_schedule_replaces_the_learning_rate_variable():
    opt = optimizers.SGD(learning_rate=0.1)
    opt.learning_rate = optimizers.schedules.ExponentialDecay(0.1, 10, 0.5)
    assert [v.path for v in opt.variables] == ["sgd/iteration"]
    np.testing.assert_allclose(ceras.ops.convert_to_numpy(opt.learning_rate), 0.1)


# -- weight decay, EMA, loss scaling ----------------------------------------------

@pytest.mark.oracle
def test_exclude_from_weight_decay_matches_keras(keras_oracle):
    import torch

    results = []
    for lib in (keras_oracle, ceras):
        variables = _variables(lib, shapes=((4, 3), (3,), (2,)))
        opt = lib.optimizers.SGD(learning_rate=0.1, weight_decay=0.5)
        opt.exclude_from_weight_decay(var_list=[variables[2]], var_names=["bia"])
        zeros = [np.zeros(v.shape, "float32") for v in variables]
        opt.apply([torch.tensor(z) if lib is keras_oracle else ceras.ops.convert_to_tensor(z)
                   for z in zeros], variables)
        results.append([np.asarray(v.numpy()) for v in variables])
    for got, expected in zip(results[1], results[0]):
        np.testing.assert_allclose(got, expected, rtol=1e-6)


def test_finalize_variable_values_swaps_in_the_moving_averages():
    (variable,) = _variables(ceras, shapes=((2,),))
    opt = optimizers.SGD(learning_rate=0.1, use_ema=True, ema_momentum=0.5)
    variable.assign(np.ones(2, "float32"))
    for _ in range(2):
        opt.apply([ceras.ops.ones((2,))], [variable])
    np.testing.assert_allclose(variable.numpy(), [0.8, 0.8], rtol=1e-6)
    opt.finalize_variable_values([variable])
    np.testing.assert_allclose(variable.numpy(), [0.85, 0.85], rtol=1e-6)


def test_scale_loss_multiplies_by_the_factor():
    np.testing.assert_allclose(optimizers.SGD(loss_scale_factor=4.0).scale_loss(2.0), 8.0)
    assert optimizers.SGD().scale_loss(2.0) == 2.0
    lso = optimizers.LossScaleOptimizer(optimizers.SGD(), initial_scale=16.0)
    np.testing.assert_allclose(lso.scale_loss(2.0), 32.0)


def test_loss_scale_optimizer_delegates_learning_rate_and_iterations():
    inner = optimizers.SGD(learning_rate=0.1)
    lso = optimizers.LossScaleOptimizer(inner)
    lso.learning_rate = 0.2
    np.testing.assert_allclose(inner.learning_rate.numpy(), 0.2)
    assert lso.iterations is inner.iterations
    lso.build(_variables(ceras))
    assert [v.path for v in lso.variables][:4] == [
        "loss_scale_optimizer/iteration", "loss_scale_optimizer/learning_rate",
        "loss_scale_optimizer/step_counter", "loss_scale_optimizer/dynamic_scale"]


# -- errors ------------------------------------------------------------------------

@pytest.mark.parametrize("kwargs,message", [
    ({"name": "a/b"}, "Argument `name` must be a string and cannot contain character `/`. "
                      "Received: name=a/b"),
    ({"gradient_accumulation_steps": 1}, "`gradient_accumulation_steps` must be an integer "
                                         ">= 2. Received: gradient_accumulation_steps=1"),
    ({"use_ema": True, "ema_momentum": 2}, r"`ema_momentum` must be in the range \[0, 1\]. "
                                           "Received: ema_momentum=2"),
    ({"use_ema": True, "ema_overwrite_frequency": 1.5},
     "`ema_overwrite_frequency` must be an integer >= 1 or None. Received: "
     "ema_overwrite_frequency=1.5"),
    ({"clipnorm": 1, "clipvalue": 1}, "Only one of `clipnorm`, `clipvalue` and "
                                      "`global_clipnorm` can be set. Received: clipnorm=1, "
                                      "clipvalue=1, global_clipnorm=None"),
    ({"weight_decay": "a"}, "Argument `weight_decay` must be a float or None. Received: "
                            "weight_decay='a'"),
    ({"learning_rate": "fast"}, "Argument `learning_rate` should be float, or an instance of "
                                "LearningRateSchedule, or a callable .* Received instead: "
                                "learning_rate=fast"),
    ({"lr": 0.1}, r"Argument\(s\) not recognized: \{'lr': 0.1\}"),
    ({"momentum": 1.5}, r"`momentum` must be a float between \[0, 1\]."),
])
def test_constructor_errors_name_the_argument(kwargs, message):
    with pytest.raises(ValueError, match=message):
        optimizers.SGD(**kwargs)


def test_decay_argument_is_ignored_with_a_warning():
    with pytest.warns(UserWarning, match="Argument `decay` is no longer supported and will be "
                                         "ignored."):
        optimizers.SGD(decay=0.1)


@pytest.mark.parametrize("make,message", [
    (lambda: optimizers.Lion(beta_1=0), r"Argument `beta_1` must be in the \[0, 1\] range. "
                                        "Otherwise, the optimizer degenerates to SignSGD. "
                                        "Received: beta_1=0."),
    (lambda: optimizers.Ftrl(initial_accumulator_value=-1),
     "`initial_accumulator_value` needs to be positive or zero. Received: "
     "initial_accumulator_value=-1."),
    (lambda: optimizers.Ftrl(learning_rate_power=1), "`learning_rate_power` needs to be "
                                                     "negative or zero. Received: "
                                                     "learning_rate_power=1."),
    (lambda: optimizers.Ftrl(l2_shrinkage_regularization_strength=-1),
     "`l2_shrinkage_regularization_strength` needs to be positive or zero. Received: "
     "l2_shrinkage_regularization_strength=-1."),
    (lambda: optimizers.AdamW(weight_decay=None), "Argument `weight_decay` must be a float. "
                                                  "Received: weight_decay=None"),
    (lambda: optimizers.LossScaleOptimizer(optimizers.SGD(), dynamic=False),
     "LossScaleOptimizer no longer supports `dynamic=False`."),
    (lambda: optimizers.LossScaleOptimizer(optimizers.SGD(), learning_rate=0.1),
     "LossScaleOptimizer does not support arguments: `learning_rate`."),
    (lambda: optimizers.LossScaleOptimizer("sgd"), "Argument `inner_optimizer` of "
                                                   "LossScaleOptimizer must be an optimizer "
                                                   "instance. Received: inner_optimizer='sgd'"),
])
def test_optimizer_specific_errors(make, message):
    with pytest.raises(ValueError, match=message):
        make()


def test_apply_errors_name_the_problem():
    variables = _variables(ceras)
    grads = [ceras.ops.ones_like(v.value) for v in variables]
    with pytest.raises(ValueError, match="the optimizer must already be built on a list of "
                                         "variables. Call `optimizer.build"):
        optimizers.Adam().apply(grads)
    with pytest.raises(ValueError, match="Optimizer 'adam_1' received 1 gradients for 2 "
                                         "variables"):
        optimizers.Adam().apply(grads[:1], variables)
    with pytest.raises(ValueError, match="No gradients provided for any variable."):
        optimizers.Adam().apply([None, None], variables)
    opt = optimizers.Adam()
    opt.build(variables[:1])
    with pytest.raises(ValueError, match="Unknown variable: .*dense/bias.* This optimizer can "
                                         "only be called for the variables it was originally "
                                         "built with."):
        opt.apply(grads, variables)


def test_apply_accepts_numpy_gradients():
    (variable,) = _variables(ceras, shapes=((3,),))
    start = variable.numpy()
    optimizers.SGD(learning_rate=0.5).apply([np.ones(3)], [variable])
    np.testing.assert_allclose(variable.numpy(), start - 0.5, rtol=1e-6)


def test_stateless_apply_returns_new_values_and_keeps_state():
    variables = _variables(ceras)
    opt = optimizers.Adam(learning_rate=0.1)
    opt.build(variables)
    start = [v.numpy() for v in variables]
    state = [v.numpy() for v in opt.variables]
    grads = [ceras.ops.ones_like(v.value) for v in variables]
    new_values, new_state = opt.stateless_apply(state, grads, start)
    for v, s in zip(variables, start):
        np.testing.assert_array_equal(v.numpy(), s)
    assert int(opt.iterations.numpy()) == 0
    assert int(ceras.ops.convert_to_numpy(new_state[0])) == 1
    reference = optimizers.Adam(learning_rate=0.1)
    reference.apply(grads, variables)
    for got, v in zip(new_values, variables):
        np.testing.assert_allclose(ceras.ops.convert_to_numpy(got), v.numpy(), rtol=1e-6)
    with pytest.raises(ValueError, match="Optimizer 'adam_2' must be built"):
        optimizers.Adam().stateless_apply([], grads, start)


def test_legacy_optimizers_explain_what_to_use():
    with pytest.raises(ImportError, match="`keras.optimizers.legacy` is not supported in Keras "
                                          "3. .*`ceras.optimizers.Adam`"):
        optimizers.legacy.Adam(learning_rate=0.1)


def test_apply_accepts_iterables():
    variables = _variables(ceras)
    opt = optimizers.SGD(learning_rate=0.5)
    start = [v.numpy() for v in variables]
    opt.apply((ceras.ops.ones_like(v.value) for v in variables), iter(variables))
    for v, s in zip(variables, start):
        np.testing.assert_allclose(v.numpy(), s - 0.5, rtol=1e-6)
