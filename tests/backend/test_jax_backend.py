"""The JAX backend: the same names as the torch backend, the same numbers (a model
saved under one backend loads and predicts identically under the other), and the
JAX-only machinery (StatelessScope, stateless_call, the jitted trainer).

The cross-backend tests run under either ``CERAS_BACKEND``: the other backend runs
in a subprocess.
"""
import inspect
import json
import os
import subprocess
import sys
import warnings

import numpy as np
import pytest

import ceras
from ceras import backend, layers, ops

pytest.importorskip("jax")
ON_JAX = backend.backend() == "jax"
jax_only = pytest.mark.skipif(not ON_JAX, reason="runs on the jax backend "
                                                 "(CERAS_BACKEND=jax)")
OTHER = "torch" if ON_JAX else "jax"


# -- the same public names and signatures as the torch backend -----------------

MODULES = ("core", "numpy", "nn", "math", "linalg", "image", "random", "rnn", "trainer")


def _public(module):
    out = {}
    for name in dir(module):
        obj = getattr(module, name)
        if name.startswith("_") or inspect.ismodule(obj) or not callable(obj):
            continue
        if getattr(obj, "__module__", "").startswith(module.__name__.rsplit(".", 1)[0]):
            out[name] = obj
    return out


@pytest.mark.parametrize("name", MODULES)
def test_jax_module_has_every_public_function_of_the_torch_module(name):
    import importlib

    torch_module = importlib.import_module(f"ceras.backend.torch.{name}")
    jax_module = importlib.import_module(f"ceras.backend.jax.{name}")
    theirs, ours = _public(torch_module), _public(jax_module)
    # Helpers of the torch implementation with no meaning on JAX.
    torch_only = {"dtype_name", "no_grad", "FakeTensorMode", "ShapeEnv",
                  "unset_fake_temporarily", "is_fake", "pack_padded_sequence",
                  "pad_packed_sequence"}
    missing = sorted(set(theirs) - set(ours) - torch_only)
    assert not missing, f"ceras.backend.jax.{name} lacks {missing}"
    different = []
    for fn in sorted(set(theirs) & set(ours) - torch_only):
        if inspect.isclass(theirs[fn]):
            continue
        try:
            a, b = inspect.signature(theirs[fn]), inspect.signature(ours[fn])
        except (TypeError, ValueError):
            continue
        if list(a.parameters) != list(b.parameters):
            different.append(f"{fn}{b} != torch {fn}{a}")
    assert not different, "\n".join(different)


def _exported(package):
    """The names a backend package's __init__ imports (what ceras.backend re-exports)."""
    import ast

    tree = ast.parse(inspect.getsource(package))
    return {alias.asname or alias.name for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) for alias in node.names}


def test_backend_namespace_exports_the_same_names_as_on_torch():
    import ceras.backend.jax as jax_backend
    import ceras.backend.torch as torch_backend

    missing = _exported(torch_backend) - _exported(jax_backend)
    # torch's fused optimizer kernels update tensors in place; on JAX the optimizers take
    # their generic, per-variable path (traced once by jit).
    assert missing <= {"optimizers"}, missing


# -- cross-backend agreement ----------------------------------------------------

def _model():
    ceras.utils.set_random_seed(3)
    inputs = ceras.Input((6, 5), name="seq")
    x = layers.Conv1D(8, 3, padding="same", activation="relu")(inputs)
    x = layers.BatchNormalization()(x)
    x = layers.LSTM(7, return_sequences=True)(x)
    x = layers.GRU(6, return_sequences=True)(x)
    x = layers.MultiHeadAttention(num_heads=2, key_dim=3)(x, x)
    x = layers.LayerNormalization()(x)
    x = layers.GlobalAveragePooling1D()(x)
    x = layers.Dropout(0.3)(x)
    outputs = layers.Dense(4, activation="softmax")(layers.Dense(9, activation="gelu")(x))
    model = ceras.Model(inputs, outputs)
    # Non-trivial BatchNormalization statistics.
    bn = model.layers[2]
    rng = np.random.default_rng(0)
    bn.moving_mean.assign(rng.normal(size=8).astype("float32") * 0.1)
    bn.moving_variance.assign(rng.uniform(0.5, 1.5, size=8).astype("float32"))
    return model


_RUN_OTHER = """
import json, sys
import numpy as np
import ceras
from ceras import saving
mode, path, data, out = sys.argv[1:5]
x = np.load(data)
if mode == "load":
    model = saving.load_model(path)
else:
    sys.path.insert(0, {tests!r})
    from test_jax_backend import _model
    model = _model()
    model.save(path)
np.save(out, ceras.ops.convert_to_numpy(model.predict(x, verbose=0)))
print(json.dumps({{"backend": ceras.backend.backend()}}))
"""


def _run_other(mode, path, data, out):
    env = dict(os.environ, CERAS_BACKEND=OTHER)
    script = _RUN_OTHER.format(tests=os.path.dirname(__file__))
    result = subprocess.run([sys.executable, "-c", script, mode, str(path), str(data), str(out)],
                            env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    assert json.loads(result.stdout.strip().splitlines()[-1])["backend"] == OTHER
    return np.load(out)


@pytest.fixture
def inputs(tmp_path):
    x = np.random.default_rng(1).normal(size=(5, 6, 5)).astype("float32")
    path = tmp_path / "x.npy"
    np.save(path, x)
    return x, path


def test_model_saved_here_predicts_the_same_under_the_other_backend(tmp_path, inputs):
    x, data = inputs
    model = _model()
    path = tmp_path / "here.keras"
    model.save(path)
    here = ops.convert_to_numpy(model.predict(x, verbose=0))
    there = _run_other("load", path, data, tmp_path / "there.npy")
    np.testing.assert_allclose(there, here, rtol=1e-5, atol=1e-6)


def test_model_saved_by_the_other_backend_loads_and_predicts_the_same_here(tmp_path, inputs):
    x, data = inputs
    path = tmp_path / "there.keras"
    there = _run_other("save", path, data, tmp_path / "there.npy")
    restored = ceras.saving.load_model(path)
    here = ops.convert_to_numpy(restored.predict(x, verbose=0))
    np.testing.assert_allclose(here, there, rtol=1e-5, atol=1e-6)


# -- StatelessScope and stateless_call --------------------------------------------

@jax_only
def test_stateless_scope_reads_mapped_values_and_records_assignments():
    from ceras.backend.common.stateless_scope import StatelessScope

    v = backend.Variable(np.ones(3, "float32"), name="v")
    with StatelessScope([(v, np.full(3, 2.0, "float32"))]) as scope:
        np.testing.assert_allclose(np.asarray(v.value), 2.0)
        v.assign_add(np.ones(3, "float32"))
        np.testing.assert_allclose(np.asarray(v.value), 3.0)
    np.testing.assert_allclose(v.numpy(), 1.0)  # unchanged
    np.testing.assert_allclose(np.asarray(scope.get_current_value(v)), 3.0)


@jax_only
def test_stateless_scope_rejects_bad_mappings():
    from ceras.backend.common.stateless_scope import StatelessScope

    v = backend.Variable(np.ones(3, "float32"), name="v")
    with pytest.raises(ValueError, match="must be a Variable, received"):
        StatelessScope([(np.ones(3), np.ones(3))])
    with pytest.raises(ValueError, match=r"must have shape \(3,\), received shape \(2,\)"):
        StatelessScope([(v, np.ones(2, "float32"))])


def _bn_model():
    inputs = ceras.Input((4,))
    x = layers.BatchNormalization()(inputs)
    return ceras.Model(inputs, layers.Dense(2)(x))


@jax_only
def test_stateless_call_is_pure_and_jittable():
    import jax

    model = _bn_model()
    x = np.random.default_rng(0).normal(size=(8, 4)).astype("float32")
    trainable = [v.value for v in model.trainable_variables]
    non_trainable = [v.value for v in model.non_trainable_variables]
    before = [v.numpy() for v in model.weights]

    @jax.jit
    def run(t, nt, x):
        return model.stateless_call(t, nt, x, training=True)

    out, new_nt = run(trainable, non_trainable, x)
    for v, b in zip(model.weights, before):  # nothing changed in place
        np.testing.assert_array_equal(v.numpy(), b)
    moving_mean = dict(zip([v.name for v in model.non_trainable_variables], new_nt))
    np.testing.assert_allclose(np.asarray(moving_mean["moving_mean"]),
                               0.01 * x.mean(axis=0), rtol=1e-5, atol=1e-7)
    eager, _ = model.stateless_call(trainable, non_trainable, x, training=True)
    np.testing.assert_allclose(np.asarray(out), np.asarray(eager), rtol=1e-6)
    # Other weights give other outputs.
    zeros = [np.zeros(v.shape, "float32") for v in model.trainable_variables]
    out0, _ = model.stateless_call(zeros, non_trainable, x)
    np.testing.assert_allclose(np.asarray(out0), 0.0)


@jax_only
def test_stateless_call_checks_its_arguments():
    model = _bn_model()
    with pytest.raises(ValueError, match="must hold 4 values .* received 1"):
        model.stateless_call([1], [v.value for v in model.non_trainable_variables],
                             np.ones((1, 4)))
    unbuilt = layers.Dense(2)
    with pytest.raises(ValueError, match="must be built"):
        unbuilt.stateless_call([], [], np.ones((1, 4)))


@jax_only
def test_jax_grad_through_stateless_call_matches_finite_differences():
    import jax

    model = _bn_model()
    x = np.random.default_rng(0).normal(size=(8, 4)).astype("float32")
    non_trainable = [v.value for v in model.non_trainable_variables]

    def loss(t):
        out, _ = model.stateless_call(t, non_trainable, x)
        return (out ** 2).sum()

    params = [v.value for v in model.trainable_variables]
    grads = jax.grad(loss)(params)
    kernel_index = [v.name for v in model.trainable_variables].index("kernel")
    eps = 1e-3
    bumped = list(params)
    bumped[kernel_index] = params[kernel_index].at[0, 0].add(eps)
    numeric = (loss(bumped) - loss(params)) / eps
    np.testing.assert_allclose(float(grads[kernel_index][0, 0]), float(numeric), rtol=2e-2)


# -- the jitted trainer ------------------------------------------------------------

def _regression_data(n=256):
    rng = np.random.default_rng(0)
    x = rng.normal(size=(n, 20)).astype("float32")
    y = (x @ rng.normal(size=(20, 1))).astype("float32")
    return x, y


class _CountCalls(layers.Layer):
    """Counts the Python executions of its call: one per trace under jit."""

    calls = 0

    def call(self, x):
        type(self).calls += 1
        return x


@jax_only
def test_fit_compiles_the_step_once_and_learns():
    x, y = _regression_data()
    model = ceras.Sequential([ceras.Input((20,)), _CountCalls(),
                              layers.Dense(64, activation="relu"), layers.Dense(1)])
    model.compile(optimizer=ceras.optimizers.Adam(0.01), loss="mse", metrics=["mae"])
    _CountCalls.calls = 0
    model.fit(x, y, epochs=1, batch_size=32, verbose=0)
    # One trace creates the metrics' variables (built on first use), one compiles.
    assert _CountCalls.calls <= 2
    _CountCalls.calls = 0
    history = model.fit(x, y, epochs=5, batch_size=32, verbose=0)
    assert _CountCalls.calls <= 1  # 40 more steps: at most one more trace
    losses = history.history["loss"]
    assert losses[-1] < 0.5 * losses[0]
    # Variables hold the trained arrays: predict and get_weights agree with a manual run.
    kernel = model.layers[1].kernel.numpy()
    assert np.isfinite(kernel).all()
    np.testing.assert_allclose(model.predict(x[:4], verbose=0),
                               np.asarray(model(x[:4])), rtol=1e-5)
    assert int(model.optimizer.iterations.numpy()) == 6 * 8


@jax_only
def test_fit_matches_an_eager_run_step_for_step():
    x, y = _regression_data(64)

    def train(run_eagerly):
        ceras.utils.set_random_seed(0)
        model = ceras.Sequential([ceras.Input((20,)), layers.Dense(8, activation="tanh"),
                                  layers.BatchNormalization(), layers.Dense(1)])
        model.compile(optimizer="rmsprop", loss="mse", run_eagerly=run_eagerly)
        model.fit(x, y, epochs=2, batch_size=16, shuffle=False, verbose=0)
        return [v.numpy() for v in model.weights]

    for a, b in zip(train(False), train(True)):
        np.testing.assert_allclose(a, b, rtol=1e-4, atol=1e-6)


@jax_only
def test_dropout_draws_new_masks_in_every_jitted_step():
    model = ceras.Sequential([ceras.Input((10,)), layers.Dropout(0.5), layers.Dense(1)])
    model.compile(optimizer="sgd", loss="mse")
    seed_state = model.layers[0].seed_generator.state
    before = seed_state.numpy().copy()
    model.fit(np.ones((64, 10), "float32"), np.ones((64, 1), "float32"), batch_size=16,
              epochs=1, verbose=0)
    assert seed_state.numpy()[1] == before[1] + 4  # one draw per step


@jax_only
def test_custom_jax_train_step_with_state():
    import jax

    class Custom(ceras.Model):
        def train_step(self, state, data):
            trainable, non_trainable, optimizer_vars, metrics_vars = state
            x, y = data

            def loss_fn(t):
                y_pred, nt = self.stateless_call(t, non_trainable, x, training=True)
                return ops.mean((y_pred - y) ** 2), nt

            (loss, non_trainable), grads = jax.value_and_grad(loss_fn, has_aux=True)(
                trainable)
            trainable, optimizer_vars = self.optimizer.stateless_apply(
                optimizer_vars, grads, trainable)
            tracker = self.metrics[0]
            n = len(tracker.variables)
            metrics_vars = list(metrics_vars)
            metrics_vars[:n] = tracker.stateless_update_state(metrics_vars[:n], loss)
            logs = {"loss": tracker.stateless_result(metrics_vars[:n])}
            return logs, (trainable, non_trainable, optimizer_vars, metrics_vars)

    inputs = ceras.Input((20,))
    model = Custom(inputs, layers.Dense(1)(inputs))
    model.compile(optimizer="sgd", loss="mse")
    x, y = _regression_data(128)
    history = model.fit(x, y, epochs=3, batch_size=32, verbose=0)
    losses = history.history["loss"]
    assert losses[-1] < losses[0]
    assert int(model.optimizer.iterations.numpy()) == 12


@jax_only
def test_untraceable_step_falls_back_to_eager_with_a_warning():
    class PythonMetric(ceras.metrics.Metric):
        def __init__(self):
            super().__init__(name="python_metric")
            self.total = self.add_variable((), "zeros", name="total")

        def update_state(self, y_true, y_pred, sample_weight=None):
            if float(ops.mean(y_pred)) > -1e9:  # reads a value in Python
                self.total.assign_add(1.0)

        def result(self):
            return self.total.value

    model = ceras.Sequential([ceras.Input((20,)), layers.Dense(1)])
    model.compile(optimizer="sgd", loss="mse", metrics=[PythonMetric()])
    x, y = _regression_data(64)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        history = model.fit(x, y, batch_size=32, epochs=1, verbose=0)
    assert any("runs eagerly instead" in str(w.message) for w in caught)
    assert history.history["python_metric"] == [2.0]


# -- shapes, dtypes, seeds ---------------------------------------------------------

@jax_only
def test_symbolic_shapes_resolve_none_and_value_dependent_dims():
    kt = ceras.KerasTensor((None, 3))
    assert ops.matmul(kt, np.ones((3, 5), "float32")).shape == (None, 5)
    assert ops.sum(kt, axis=0).shape == (3,)
    nonzero = ops.nonzero(ceras.KerasTensor((4,), dtype="int32"))
    assert nonzero[0].shape == (None,)
    assert ops.ndim(kt) == 2


@jax_only
def test_dtypes_follow_keras_rules_with_64_bit_types_available():
    assert ops.convert_to_tensor(1.0).dtype == "float32"
    assert ops.convert_to_tensor(1).dtype == "int32"
    assert ops.convert_to_tensor(np.zeros(2, "int64")).dtype == "int64"
    assert ops.arange(3).dtype == "int32"
    assert ops.zeros(2).dtype == "float32"
    assert ops.add(np.ones(2, "int32"), 1.5).dtype == "float32"
    assert ops.divide(np.ones(2, "int32"), 2).dtype == "float32"


@jax_only
def test_seed_generator_under_jit_advances_through_the_scope():
    import jax

    from ceras.backend.common.stateless_scope import StatelessScope

    gen = ceras.random.SeedGenerator(5)

    @jax.jit
    def draw(state):
        with StatelessScope([(gen.state, state)]) as scope:
            values = ceras.random.normal((3,), seed=gen)
        return values, scope.get_current_value(gen.state)

    first, state = draw(gen.state.value)
    second, state = draw(state)
    assert not np.allclose(np.asarray(first), np.asarray(second))
    np.testing.assert_array_equal(np.asarray(state), [5, 2])
    # Eager draws from the same state give the same numbers.
    np.testing.assert_allclose(np.asarray(ceras.random.normal((3,), seed=gen)),
                               np.asarray(first))

