"""Global seeding: ``ceras.utils.set_random_seed``."""
import random

import numpy as np

from ceras import backend


def set_random_seed(seed):
    """Seed Python's ``random``, NumPy and the backend, and restart the global
    stream that the random ops use when ``seed=None``.

    Afterwards the same program draws the same numbers: unseeded random ops,
    unseeded SeedGenerators and unseeded initializers included.

    Args:
        seed: Integer, the random seed to use.
    """
    if not isinstance(seed, int) or isinstance(seed, bool):
        raise ValueError(
            "Expected `seed` argument to be an integer. "
            f"Received: seed={seed} (of type {type(seed)})"
        )
    random.seed(seed)
    np.random.seed(seed & 0xFFFFFFFF)  # NumPy takes only 0 <= seed < 2**32
    backend.random.set_seed(seed)
