"""ceras.constraints: projections against NumPy and keras.constraints, configs, get."""
import numpy as np
import pytest

import ceras
from ceras import constraints

W = np.random.default_rng(0).normal(size=(5, 4)).astype("float32") * 2.0
EPS = 1e-7


def _np(x):
    return ceras.ops.convert_to_numpy(x)


def _norms(w, axis=0):
    return np.sqrt((w ** 2).sum(axis=axis, keepdims=True))


def test_max_norm_matches_numpy():
    norms = _norms(W)
    expected = W * np.clip(norms, 0, 1.5) / (norms + EPS)
    np.testing.assert_allclose(_np(constraints.MaxNorm(1.5)(W)), expected, rtol=1e-6)
    out = _np(constraints.MaxNorm(1.0, axis=1)(W))
    assert np.all(_norms(out, axis=1) <= 1.0 + 1e-6)


def test_unit_norm_and_non_neg():
    np.testing.assert_allclose(_norms(_np(constraints.UnitNorm()(W))), 1.0, rtol=1e-5)
    np.testing.assert_array_equal(_np(constraints.NonNeg()(W)), np.maximum(W, 0))


def test_min_max_norm_matches_numpy():
    norms = _norms(W)
    desired = 0.5 * np.clip(norms, 2.5, 3.0) + 0.5 * norms
    np.testing.assert_allclose(_np(constraints.MinMaxNorm(2.5, 3.0, rate=0.5)(W)),
                               W * desired / (norms + EPS), rtol=1e-6)


def test_base_constraint_is_identity():
    assert constraints.Constraint()(W) is W
    assert constraints.Constraint().get_config() == {}


INSTANCES = [constraints.MaxNorm(1.5, axis=1), constraints.MaxNorm(1.0, axis=[0, 1]),
             constraints.NonNeg(), constraints.UnitNorm(axis=1),
             constraints.MinMaxNorm(0.5, 2.0, 0.5, axis=0)]


@pytest.mark.parametrize("con", INSTANCES, ids=lambda c: type(c).__name__)
def test_config_round_trip(con):
    config = con.get_config()
    assert type(con).from_config(config).get_config() == config
    clone = constraints.deserialize(constraints.serialize(con))
    assert type(clone) is type(con) and clone.get_config() == config


def test_get():
    assert constraints.get(None) is None
    assert type(constraints.get("max_norm")) is constraints.MaxNorm
    assert type(constraints.get("NonNeg")) is constraints.NonNeg
    con = constraints.UnitNorm()
    assert constraints.get(con) is con
    assert constraints.get({"class_name": "MaxNorm", "config": {"max_value": 3}}).max_value == 3
    assert constraints.unit_norm is constraints.UnitNorm


def test_unknown_name_lists_valid_names():
    with pytest.raises(ValueError, match=r"Could not interpret constraint identifier: 'foo'. "
                                         r"Expected one of: .*max_norm"):
        constraints.get("foo")
    with pytest.raises(ValueError, match="Could not interpret constraint identifier: 3"):
        constraints.get(3)


@pytest.mark.oracle
@pytest.mark.parametrize("con", INSTANCES, ids=lambda c: type(c).__name__)
def test_values_and_serialize_match_keras(keras_oracle, con):
    theirs = keras_oracle.constraints.deserialize(constraints.serialize(con))
    expected = theirs(keras_oracle.ops.convert_to_tensor(W)).detach().cpu().numpy()
    np.testing.assert_allclose(_np(con(W)), expected, rtol=1e-6, atol=1e-7)
    assert constraints.serialize(con) == keras_oracle.constraints.serialize(theirs)


@pytest.mark.oracle
def test_defaults_and_names_match_keras(keras_oracle):
    theirs = {n for n in dir(keras_oracle.constraints) if not n.startswith("_")}
    assert set(constraints.__all__) == theirs
    for name in ("MaxNorm", "MinMaxNorm", "NonNeg", "UnitNorm", "max_norm", "min_max_norm",
                 "non_neg", "unit_norm"):
        assert constraints.serialize(getattr(constraints, name)()) == \
            keras_oracle.constraints.serialize(getattr(keras_oracle.constraints, name)())


@pytest.mark.oracle
def test_resolves_every_name_keras_resolves(keras_oracle):
    from keras.src import constraints as keras_constraints  # its name table is not public

    from ceras.constraints._serialization import ALL_OBJECTS

    assert set(keras_constraints.ALL_OBJECTS_DICT) <= set(ALL_OBJECTS)
