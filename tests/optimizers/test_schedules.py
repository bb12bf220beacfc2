"""Learning rate schedules: values, configs and serialization against real Keras."""
import numpy as np
import pytest

import ceras
from ceras.optimizers import schedules

CASES = [
    ("ExponentialDecay", {"initial_learning_rate": 0.1, "decay_steps": 10,
                          "decay_rate": 0.5}),
    ("ExponentialDecay", {"initial_learning_rate": 0.1, "decay_steps": 10, "decay_rate": 0.5,
                          "staircase": True}),
    ("PiecewiseConstantDecay", {"boundaries": [3, 7, 20], "values": [1.0, 0.5, 0.1, 0.01]}),
    ("PolynomialDecay", {"initial_learning_rate": 0.1, "decay_steps": 10}),
    ("PolynomialDecay", {"initial_learning_rate": 0.1, "decay_steps": 10, "power": 2.0,
                         "cycle": True, "end_learning_rate": 0.01}),
    ("InverseTimeDecay", {"initial_learning_rate": 0.1, "decay_steps": 10, "decay_rate": 0.5}),
    ("InverseTimeDecay", {"initial_learning_rate": 0.1, "decay_steps": 10, "decay_rate": 0.5,
                          "staircase": True}),
    ("CosineDecay", {"initial_learning_rate": 0.1, "decay_steps": 10}),
    ("CosineDecay", {"initial_learning_rate": 0.1, "decay_steps": 10, "alpha": 0.1,
                     "warmup_steps": 5}),
    ("CosineDecay", {"initial_learning_rate": 0.0, "decay_steps": 10, "alpha": 0.1,
                     "warmup_steps": 5, "warmup_target": 0.2}),
    ("CosineDecayRestarts", {"initial_learning_rate": 0.1, "first_decay_steps": 10}),
    ("CosineDecayRestarts", {"initial_learning_rate": 0.1, "first_decay_steps": 5,
                             "t_mul": 1.0, "m_mul": 0.5, "alpha": 0.1}),
    ("CosineDecayRestarts", {"initial_learning_rate": 0.1, "first_decay_steps": 4,
                             "t_mul": 3.0, "m_mul": 0.8}),
]
STEPS = [0, 1, 2, 3, 4, 5, 7, 9, 10, 11, 15, 19, 20, 21, 33, 50, 100]
IDS = [f"{name}-{'-'.join(sorted(kw))}-{i}" for i, (name, kw) in enumerate(CASES)]


@pytest.mark.oracle
@pytest.mark.parametrize("name,kwargs", CASES, ids=IDS)
def test_schedule_values_match_keras(keras_oracle, name, kwargs):
    expected_schedule = getattr(keras_oracle.optimizers.schedules, name)(**kwargs)
    schedule = getattr(schedules, name)(**kwargs)
    expected = [float(expected_schedule(step)) for step in STEPS]
    np.testing.assert_allclose([float(schedule(step)) for step in STEPS], expected,
                               rtol=1e-6, atol=1e-8)
    # The optimizer calls a schedule with its int32 iteration variable.
    steps = [ceras.backend.Variable(np.int32(s), dtype="int32") for s in STEPS]
    np.testing.assert_allclose([float(schedule(step)) for step in steps], expected,
                               rtol=1e-6, atol=1e-8)


@pytest.mark.oracle
@pytest.mark.parametrize("name,kwargs", CASES, ids=IDS)
def test_schedule_config_and_serialization_match_keras(keras_oracle, name, kwargs):
    keras_schedules = keras_oracle.optimizers.schedules
    expected = getattr(keras_schedules, name)(**kwargs)
    schedule = getattr(schedules, name)(**kwargs)
    assert schedule.get_config() == expected.get_config()
    assert schedules.serialize(schedule) == keras_schedules.serialize(expected)
    clone = schedules.deserialize(keras_schedules.serialize(expected))
    assert type(clone) is type(schedule)
    assert clone.get_config() == schedule.get_config()


def test_schedule_returns_a_float_tensor():
    lr = schedules.ExponentialDecay(0.1, 10, 0.5)(5)
    assert ceras.ops.is_tensor(lr) and ceras.ops.dtype(lr) == "float32"
    np.testing.assert_allclose(ceras.ops.convert_to_numpy(lr), 0.1 * 0.5 ** 0.5, rtol=1e-6)


def test_custom_schedule_subclass():
    class Halving(schedules.LearningRateSchedule):
        def __call__(self, step):
            return 0.1 * 0.5 ** ceras.ops.floor(ceras.ops.cast(step, "float32") / 10)

        def get_config(self):
            return {}

    np.testing.assert_allclose(ceras.ops.convert_to_numpy(Halving()(25)), 0.025)
    clone = schedules.deserialize(schedules.serialize(Halving()),
                                  custom_objects={"Halving": Halving})
    assert type(clone) is Halving


def test_base_schedule_requires_call_and_get_config():
    class NoConfig(schedules.LearningRateSchedule):
        def __call__(self, step):
            return 0.1

    with pytest.raises(NotImplementedError, match="Learning rate schedule "
                                                  "'LearningRateSchedule' must override "
                                                  r"`__call__\(self, step\)`."):
        schedules.LearningRateSchedule()(1)
    with pytest.raises(NotImplementedError, match="Learning rate schedule 'NoConfig' must "
                                                  r"override `get_config\(\)` in order to be "
                                                  "serializable."):
        NoConfig().get_config()


@pytest.mark.parametrize("make,message", [
    (lambda: schedules.ExponentialDecay(0.1, 0, 0.5),
     "Argument `decay_steps` must be > 0. Received: decay_steps=0"),
    (lambda: schedules.PolynomialDecay(0.1, -2),
     "Argument `decay_steps` must be > 0. Received: decay_steps=-2"),
    (lambda: schedules.InverseTimeDecay(0.1, 0, 0.5),
     "Argument `decay_steps` must be > 0. Received: decay_steps=0"),
    (lambda: schedules.CosineDecay(0.1, 0),
     "Argument `decay_steps` must be > 0. Received: decay_steps=0"),
    (lambda: schedules.CosineDecayRestarts(0.1, 0),
     "Argument `first_decay_steps` must be > 0. Received: first_decay_steps=0"),
    (lambda: schedules.PiecewiseConstantDecay([1, 2], [0.1, 0.2]),
     r"The length of boundaries should be 1 less than the length of values. Received: "
     r"boundaries=\[1, 2\] of length 2, and values=\[0.1, 0.2\] of length 2."),
])
def test_schedule_argument_errors(make, message):
    with pytest.raises(ValueError, match=message):
        make()


def test_deserialize_errors_list_the_schedules():
    with pytest.raises(ValueError, match="Unknown learning rate schedule: 'ExpDecay'. Expected "
                                         "one of: CosineDecay, CosineDecayRestarts, "
                                         "ExponentialDecay"):
        schedules.deserialize({"class_name": "ExpDecay", "config": {}})
    with pytest.raises(ValueError, match="expected a dict with a 'class_name' key. Received: "
                                         "'ExponentialDecay'"):
        schedules.deserialize("ExponentialDecay")
