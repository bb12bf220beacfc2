"""ceras.regularizers: penalties against NumPy and keras.regularizers, configs, get."""
import numpy as np
import pytest

import ceras
from ceras import regularizers

W = np.random.default_rng(0).normal(size=(5, 4)).astype("float32")


def _np(x):
    return ceras.ops.convert_to_numpy(x)


def test_l1_l2_match_numpy():
    np.testing.assert_allclose(_np(regularizers.L1(0.1)(W)), 0.1 * np.abs(W).sum(), rtol=1e-6)
    np.testing.assert_allclose(_np(regularizers.L2(0.3)(W)), 0.3 * (W ** 2).sum(), rtol=1e-6)
    np.testing.assert_allclose(_np(regularizers.L1L2(0.1, 0.2)(W)),
                               0.1 * np.abs(W).sum() + 0.2 * (W ** 2).sum(), rtol=1e-6)
    assert float(_np(regularizers.L1L2()(W))) == 0.0


def test_orthogonal_regularizer_matches_numpy():
    def penalty(m, factor):
        m = m / np.linalg.norm(m, axis=1, keepdims=True)
        products = np.abs(m @ m.T)
        n = len(m)
        return factor * (products.sum() - np.trace(products)) / (n * (n - 1))

    np.testing.assert_allclose(_np(regularizers.OrthogonalRegularizer(0.1)(W)),
                               penalty(W, 0.1), rtol=1e-5)
    np.testing.assert_allclose(_np(regularizers.OrthogonalRegularizer(0.1, "columns")(W)),
                               penalty(W.T, 0.1), rtol=1e-5)


def test_regularizer_accepts_variables():
    v = ceras.backend.Variable(W, trainable=True)
    np.testing.assert_allclose(_np(regularizers.L2(0.5)(v)), 0.5 * (W ** 2).sum(), rtol=1e-6)


@pytest.mark.parametrize("make, message", [
    (lambda: regularizers.L1(-1), "Invalid value for argument l1: expected a non-negative "
                                  "float. Received: l1=-1"),
    (lambda: regularizers.L2("a"), "argument l2: expected a non-negative float. "
                                   "Received: l2='a'"),
    (lambda: regularizers.L1L2(l2=-0.5), "argument l2"),
    (lambda: regularizers.OrthogonalRegularizer(-1), "argument factor"),
    (lambda: regularizers.OrthogonalRegularizer(mode="x"),
     "Invalid value for argument `mode`. Expected one of"),
    (lambda: regularizers.OrthogonalRegularizer()(np.ones(3, "float32")),
     r"must have rank 2. Received: inputs.shape=\(3,\)"),
    (lambda: regularizers.Regularizer().get_config(), "does not implement get_config"),
])
def test_errors(make, message):
    with pytest.raises((ValueError, NotImplementedError), match=message):
        make()


INSTANCES = [regularizers.L1(0.3), regularizers.L2(0.2), regularizers.L1L2(0.1, 0.4),
             regularizers.L1L2(), regularizers.OrthogonalRegularizer(0.2, "columns")]


@pytest.mark.parametrize("reg", INSTANCES, ids=lambda r: type(r).__name__)
def test_config_round_trip(reg):
    config = reg.get_config()
    assert type(reg).from_config(config).get_config() == config
    clone = regularizers.deserialize(regularizers.serialize(reg))
    assert type(clone) is type(reg) and clone.get_config() == config


def test_get():
    assert regularizers.get(None) is None
    assert type(regularizers.get("l2")) is regularizers.L2
    assert type(regularizers.get("L1L2")) is regularizers.L1L2
    assert type(regularizers.get("orthogonal_regularizer")) is regularizers.OrthogonalRegularizer
    reg = regularizers.L1()
    assert regularizers.get(reg) is reg
    assert regularizers.get({"class_name": "L2", "config": {"l2": 0.5}}).l2 == 0.5
    assert regularizers.l1_l2 is regularizers.L1L2


def test_unknown_name_lists_valid_names():
    with pytest.raises(ValueError, match=r"Could not interpret regularizer identifier: 'foo'. "
                                         r"Expected one of: .*l1_l2"):
        regularizers.get("foo")
    with pytest.raises(ValueError, match="Could not interpret regularizer identifier: 3"):
        regularizers.get(3)


@pytest.mark.oracle
@pytest.mark.parametrize("reg", INSTANCES, ids=lambda r: type(r).__name__)
def test_values_and_serialize_match_keras(keras_oracle, reg):
    theirs = keras_oracle.regularizers.deserialize(regularizers.serialize(reg))
    expected = theirs(keras_oracle.ops.convert_to_tensor(W)).detach().cpu().numpy()
    np.testing.assert_allclose(_np(reg(W)), expected, rtol=1e-6)
    assert regularizers.serialize(reg) == keras_oracle.regularizers.serialize(theirs)


@pytest.mark.oracle
def test_defaults_and_names_match_keras(keras_oracle):
    theirs = {n for n in dir(keras_oracle.regularizers) if not n.startswith("_")}
    assert set(regularizers.__all__) == theirs
    for name in ("L1", "L2", "L1L2", "OrthogonalRegularizer", "l1", "l2", "l1_l2",
                 "orthogonal_regularizer"):
        assert regularizers.serialize(getattr(regularizers, name)()) == \
            keras_oracle.regularizers.serialize(getattr(keras_oracle.regularizers, name)())


@pytest.mark.oracle
def test_resolves_every_name_keras_resolves(keras_oracle):
    from keras.src import regularizers as keras_regularizers  # its name table is not public

    from ceras.regularizers._serialization import ALL_OBJECTS

    assert set(keras_regularizers.ALL_OBJECTS_DICT) <= set(ALL_OBJECTS)
