"""ceras.random: random ops and SeedGenerator (keras.random).

``seed`` may be an int (same numbers every call), None (different numbers every
call, reproducible after ``ceras.utils.set_random_seed``, which lives in
ceras/random/seeding.py) or a SeedGenerator.
"""
from ceras.backend.random import (  # noqa: F401
    beta, binomial, categorical, dropout, gamma, normal, randint, shuffle,
    truncated_normal, uniform,
)
from ceras.random.seed_generator import SeedGenerator  # noqa: F401

__all__ = [
    "SeedGenerator", "beta", "binomial", "categorical", "dropout", "gamma", "normal",
    "randint", "shuffle", "truncated_normal", "uniform",
]
