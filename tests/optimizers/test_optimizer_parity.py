"""Optimizers against real Keras: the same 50 gradients from the same weights give the
same weights and the same optimizer state. The fused torch kernels are also checked
against the generic per-variable path (written with ceras.ops)."""
import numpy as np
import pytest

import ceras
from ceras import optimizers
from ceras.backend.torch import optimizers as kernels
from backend_testing import requires_torch

SHAPES = [(6, 4), (4,), (3, 5), (2, 3, 4)]
STEPS = 50


def _problem(seed=0, steps=STEPS, shapes=SHAPES):
    rng = np.random.default_rng(seed)
    inits = [rng.normal(size=s).astype("float32") for s in shapes]
    grads = [[rng.normal(size=s).astype("float32") for s in shapes] for _ in range(steps)]
    return inits, grads


def _run_keras(keras, cls_name, kwargs, problem):
    import torch

    inits, grads = problem
    variables = [keras.Variable(x, name=f"w{i}") for i, x in enumerate(inits)]
    opt = getattr(keras.optimizers, cls_name)(**kwargs)
    for step in grads:
        opt.apply([torch.tensor(g) for g in step], variables)
    return [v.numpy() for v in variables], [np.asarray(v.numpy()) for v in opt.variables]


def _run_ceras(cls_name, kwargs, problem, fused=None):
    inits, grads = problem
    variables = [ceras.backend.Variable(x, name=f"w{i}") for i, x in enumerate(inits)]
    opt = getattr(optimizers, cls_name)(**kwargs)
    if fused is not None:  # default: the backend's own path (fused kernels on torch)
        opt._fused = fused
    for step in grads:
        opt.apply([ceras.ops.convert_to_tensor(g) for g in step], variables)
    return [v.numpy() for v in variables], [np.asarray(v.numpy()) for v in opt.variables]


def _assert_same(got, ref):
    got_weights, got_state = got
    ref_weights, ref_state = ref
    for a, b in zip(got_weights, ref_weights):
        np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-6)
    assert [s.shape for s in got_state] == [s.shape for s in ref_state]
    for a, b in zip(got_state, ref_state):
        np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-5)


OPTIMIZERS = ["SGD", "Adam", "AdamW", "Adamax", "Nadam", "RMSprop", "Adagrad", "Adadelta",
              "Ftrl", "Lion", "Lamb", "Adafactor", "Muon", "ScheduleFreeAdamW"]
COMMON = {
    "plain": {},
    "weight_decay": {"weight_decay": 0.1},
    "clipnorm": {"clipnorm": 1.0},
    "clipvalue": {"clipvalue": 0.5},
    "global_clipnorm": {"global_clipnorm": 1.5},
    "use_ema": {"use_ema": True, "ema_momentum": 0.9, "ema_overwrite_frequency": 7},
}


@pytest.mark.oracle
@pytest.mark.parametrize("option", list(COMMON))
@pytest.mark.parametrize("cls_name", OPTIMIZERS)
def test_optimizer_matches_keras(keras_oracle, cls_name, option):
    kwargs = dict(COMMON[option], learning_rate=0.01)
    problem = _problem()
    _assert_same(_run_ceras(cls_name, kwargs, problem),
                 _run_keras(keras_oracle, cls_name, kwargs, problem))


VARIANTS = [
    ("SGD", {"momentum": 0.9}), ("SGD", {"momentum": 0.9, "nesterov": True}),
    ("SGD", {"momentum": 0.9, "weight_decay": 0.05, "clipnorm": 1.0}),
    ("Adam", {"amsgrad": True}), ("AdamW", {"amsgrad": True, "weight_decay": 0.2}),
    ("RMSprop", {"momentum": 0.9}), ("RMSprop", {"centered": True}),
    ("RMSprop", {"momentum": 0.5, "centered": True, "rho": 0.8}),
    ("Adagrad", {"initial_accumulator_value": 0.5, "epsilon": 1e-3}),
    ("Adadelta", {"rho": 0.8, "learning_rate": 1.0}),
    ("Ftrl", {"l1_regularization_strength": 0.01, "l2_regularization_strength": 0.02,
              "l2_shrinkage_regularization_strength": 0.01, "beta": 0.1,
              "learning_rate_power": -0.7}),
    ("Lion", {"beta_1": 0.8, "beta_2": 0.9}),
    ("Adafactor", {"relative_step": False, "clip_threshold": 0.5, "learning_rate": 0.5}),
    ("Muon", {"nesterov": False, "rms_rate": None}),
    ("Muon", {"exclude_layers": ["w0"], "adam_lr_ratio": 0.5, "weight_decay": None}),
    ("Nadam", {"beta_1": 0.8, "gradient_accumulation_steps": 3}),
    ("Adam", {"gradient_accumulation_steps": 2, "use_ema": True}),
    ("SGD", {"momentum": 0.9, "gradient_accumulation_steps": 3, "clipvalue": 0.5}),
    ("RMSprop", {"loss_scale_factor": 8.0}), ("Adam", {"loss_scale_factor": 4.0}),
    ("ScheduleFreeAdamW", {"warmup_steps": 5, "beta_2": 0.9}),
]


@pytest.mark.oracle
@pytest.mark.parametrize("cls_name,kwargs", VARIANTS,
                         ids=[f"{c}-{'-'.join(k)}" for c, k in VARIANTS])
def test_optimizer_variant_matches_keras(keras_oracle, cls_name, kwargs):
    kwargs = dict({"learning_rate": 0.01}, **kwargs)
    problem = _problem(seed=1)
    _assert_same(_run_ceras(cls_name, kwargs, problem),
                 _run_keras(keras_oracle, cls_name, kwargs, problem))


@pytest.mark.oracle
@pytest.mark.parametrize("cls_name", ["Adam", "SGD"])
def test_schedule_driven_optimizer_matches_keras(keras_oracle, cls_name):
    problem = _problem(seed=2, steps=30)
    ref = _run_keras(keras_oracle, cls_name, {
        "learning_rate": keras_oracle.optimizers.schedules.CosineDecay(
            0.0, 20, warmup_target=0.01, warmup_steps=5)}, problem)
    got = _run_ceras(cls_name, {
        "learning_rate": optimizers.schedules.CosineDecay(
            0.0, 20, warmup_target=0.01, warmup_steps=5)}, problem)
    _assert_same(got, ref)


@pytest.mark.oracle
def test_callable_learning_rate_matches_keras(keras_oracle):
    problem = _problem(seed=3, steps=10)
    ref = _run_keras(keras_oracle, "RMSprop", {"learning_rate": lambda: 0.02}, problem)
    got = _run_ceras("RMSprop", {"learning_rate": lambda: 0.02}, problem)
    _assert_same(got, ref)


@pytest.mark.oracle
@pytest.mark.parametrize("inner", ["SGD", "Adam"])
def test_loss_scale_optimizer_matches_keras(keras_oracle, inner):
    import torch

    inits, grads = _problem(seed=4, steps=12)
    for step in (3, 7):  # non-finite steps: skipped, and the scale halves
        grads[step][1][0] = np.inf
    results = []
    for lib in (keras_oracle, ceras):
        make_var = lib.Variable if lib is keras_oracle else ceras.backend.Variable
        variables = [make_var(x, name=f"w{i}") for i, x in enumerate(inits)]
        opt = lib.optimizers.LossScaleOptimizer(
            getattr(lib.optimizers, inner)(learning_rate=0.01), initial_scale=4.0,
            dynamic_growth_steps=3)
        for step in grads:
            scaled = [torch.tensor(g) * 4.0 if lib is keras_oracle else
                      ceras.ops.convert_to_tensor(g * 4.0) for g in step]
            opt.apply(scaled, variables)
        results.append(([v.numpy() for v in variables],
                        [np.asarray(v.numpy()) for v in opt.variables]))
    _assert_same(results[1], results[0])


# -- fused kernels against the generic path (no Keras needed) ------------------

FUSED = [("SGD", {}), ("SGD", {"momentum": 0.9, "nesterov": True}), ("Adam", {}),
         ("Adam", {"amsgrad": True}), ("AdamW", {}), ("Adamax", {}), ("Nadam", {}),
         ("RMSprop", {"momentum": 0.9, "centered": True}), ("RMSprop", {}),
         ("Adagrad", {}), ("Adadelta", {}), ("Lion", {}),
         ("ScheduleFreeAdamW", {"warmup_steps": 3})]
STAGES = {"plain": {}, "all": {"weight_decay": 0.1, "global_clipnorm": 2.0, "use_ema": True,
                               "ema_overwrite_frequency": 4, "loss_scale_factor": 2.0},
          "accumulate": {"gradient_accumulation_steps": 2, "clipnorm": 1.0}}


@requires_torch
@pytest.mark.parametrize("tensor_scalars", [False, True], ids=["cpu-scalars", "tensor-scalars"])
@pytest.mark.parametrize("stage", list(STAGES))
@pytest.mark.parametrize("cls_name,kwargs", FUSED, ids=[f"{c}-{'-'.join(k)}" for c, k in FUSED])
def test_fused_update_matches_generic_path(monkeypatch, cls_name, kwargs, stage,
                                           tensor_scalars):
    # tensor-scalars: the learning rate and step stay tensors, as on an accelerator.
    monkeypatch.setattr(kernels, "READ_CPU_SCALARS", not tensor_scalars)
    kwargs = dict(kwargs, learning_rate=0.01, **STAGES[stage])
    problem = _problem(seed=5, steps=20)
    _assert_same(_run_ceras(cls_name, kwargs, problem, fused=True),
                 _run_ceras(cls_name, kwargs, problem, fused=False))


def test_every_fused_optimizer_has_a_kernel():
    for cls_name, _ in FUSED:
        assert getattr(optimizers, cls_name)._fused_update_step is not None


def test_fused_step_skips_variables_without_gradient():
    inits, grads = _problem(seed=6, steps=3)
    variables = [ceras.backend.Variable(x, name=f"w{i}") for i, x in enumerate(inits)]
    opt = optimizers.Adam(learning_rate=0.1)
    with pytest.warns(UserWarning, match=r"Gradients do not exist for variables \['w1'\]"):
        opt.apply([ceras.ops.convert_to_tensor(g) if i != 1 else None
                   for i, g in enumerate(grads[0])], variables)
    np.testing.assert_array_equal(variables[1].numpy(), inits[1])
    assert not np.allclose(variables[0].numpy(), inits[0])
    assert int(opt.iterations.numpy()) == 1
