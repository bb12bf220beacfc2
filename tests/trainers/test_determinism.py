"""set_random_seed (and enable_determinism) make two CPU fits bit-identical."""
import numpy as np

import ceras
from ceras import layers
from ceras.trainers import determinism


def _run(seed):
    ceras.utils.set_random_seed(seed)
    rng = np.random.default_rng(0)
    x = rng.normal(size=(96, 6)).astype("float32")
    y = (x[:, 0] * x[:, 1] > 0).astype("float32")
    model = ceras.Sequential([ceras.Input((6,)), layers.Dense(16, activation="relu"),
                              layers.Dropout(0.25), layers.Dense(1, activation="sigmoid")])
    model.compile("adam", "binary_crossentropy", metrics=["accuracy"])
    history = model.fit(x, y, epochs=3, batch_size=16, validation_split=0.2, shuffle=True,
                        verbose=0)
    return model.get_weights(), history.history


def test_same_seed_gives_bit_identical_fits():
    first, second = _run(7), _run(7)
    for a, b in zip(first[0], second[0]):
        np.testing.assert_array_equal(a, b)
    assert first[1] == second[1]
    other = _run(8)
    assert not all(np.array_equal(a, b) for a, b in zip(first[0], other[0]))


def test_enable_determinism_switch():
    assert not determinism.is_determinism_enabled()
    determinism.enable_determinism()
    try:
        assert determinism.is_determinism_enabled()
        first, second = _run(3), _run(3)
        for a, b in zip(first[0], second[0]):
            np.testing.assert_array_equal(a, b)
    finally:
        determinism.disable_determinism()
    assert not determinism.is_determinism_enabled()
