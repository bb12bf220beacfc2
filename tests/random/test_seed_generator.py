"""SeedGenerator: state Variable, advancing, restoring, config."""
import numpy as np
import pytest
import torch

import ceras
from ceras import random
from ceras.random.seeding import set_random_seed
from ceras.random import SeedGenerator
from backend_testing import requires_torch


def _np(x):
    return ceras.ops.convert_to_numpy(x)


def test_state_is_a_non_trainable_int_variable():
    gen = SeedGenerator(seed=42)
    assert isinstance(gen.state, ceras.backend.Variable)
    assert gen.state.dtype == "int32" and not gen.state.trainable
    assert gen.state.path == "seed_generator/seed_generator_state"
    np.testing.assert_array_equal(gen.state.numpy(), [42, 0])


def test_names_are_unique():
    assert SeedGenerator().name == "seed_generator"
    assert SeedGenerator().name == "seed_generator_1"
    assert SeedGenerator(name="mine").state.path == "mine/seed_generator_state"


def test_next_returns_the_drawn_pair_and_advances():
    gen = SeedGenerator(seed=3)
    np.testing.assert_array_equal(_np(gen.next()), [3, 0])
    np.testing.assert_array_equal(_np(gen.next()), [3, 1])
    np.testing.assert_array_equal(gen.state.numpy(), [3, 2])


def test_each_draw_differs_and_advances_the_state():
    gen = SeedGenerator(seed=1)
    a, b = _np(random.normal((5,), seed=gen)), _np(random.normal((5,), seed=gen))
    assert not np.array_equal(a, b)
    np.testing.assert_array_equal(gen.state.numpy(), [1, 2])


def test_same_seed_gives_the_same_sequence():
    g1, g2 = SeedGenerator(seed=7), SeedGenerator(seed=7)
    for _ in range(3):
        np.testing.assert_array_equal(_np(random.uniform((4,), seed=g1)),
                                      _np(random.uniform((4,), seed=g2)))


def test_restoring_the_state_variable_replays_the_draws():
    gen = SeedGenerator(seed=5)
    random.normal((3,), seed=gen)
    saved = gen.state.numpy().copy()  # numpy() may share memory with the state
    expected = [_np(random.dropout(np.ones(50, "float32"), 0.5, seed=gen)) for _ in range(2)]
    gen.state.assign(saved)
    for want in expected:
        np.testing.assert_array_equal(_np(random.dropout(np.ones(50, "float32"), 0.5,
                                                         seed=gen)), want)


def test_a_new_generator_loaded_with_saved_state_continues_the_sequence():
    gen = SeedGenerator(seed=9)
    random.normal((3,), seed=gen)
    other = SeedGenerator(seed=1)
    other.state.assign(gen.state.numpy().copy())
    np.testing.assert_array_equal(_np(random.normal((3,), seed=other)),
                                  _np(random.normal((3,), seed=gen)))


@requires_torch
def test_in_place_torch_write_is_noticed():
    # load_state_dict copies into the Parameter in place, bypassing assign().
    gen = SeedGenerator(seed=2)
    first = _np(random.normal((3,), seed=gen))
    with torch.no_grad():
        gen.state.value.copy_(torch.tensor([2, 0], dtype=torch.int32))
    np.testing.assert_array_equal(_np(random.normal((3,), seed=gen)), first)


def test_unseeded_generators_differ_and_follow_set_random_seed():
    assert not np.array_equal(SeedGenerator().state.numpy(), SeedGenerator().state.numpy())
    set_random_seed(3)
    a = SeedGenerator().state.numpy()
    set_random_seed(3)
    np.testing.assert_array_equal(SeedGenerator().state.numpy(), a)


def test_large_seeds_fold_into_int32():
    gen = SeedGenerator(seed=2**40 + 5)
    np.testing.assert_array_equal(gen.state.numpy(), [5, 0])
    assert gen.get_config()["seed"] == 2**40 + 5


def test_config_round_trip():
    gen = SeedGenerator(seed=4, name="g")
    assert gen.get_config() == {"seed": 4, "name": "g"}
    assert SeedGenerator.from_config(gen.get_config()).get_config() == gen.get_config()
    assert SeedGenerator().get_config()["seed"] is None


def test_invalid_arguments():
    with pytest.raises(ValueError, match="Argument `seed` must be an integer. Received: seed=1.5"):
        SeedGenerator(1.5)
    with pytest.raises(ValueError, match="Unrecognized keyword arguments: {'foo': 2}"):
        SeedGenerator(1, foo=2)


@pytest.mark.oracle
def test_config_and_state_match_keras(keras_oracle):
    ours, theirs = SeedGenerator(seed=3), keras_oracle.random.SeedGenerator(seed=3)
    assert ours.get_config() == {**theirs.get_config(), "name": ours.name}
    assert ours.state.dtype == theirs.state.dtype
    np.testing.assert_array_equal(ours.state.numpy(), theirs.state.value.numpy())
    np.testing.assert_array_equal(_np(ours.next()), np.asarray(theirs.next()))
    np.testing.assert_array_equal(ours.state.numpy(), theirs.state.value.numpy())
