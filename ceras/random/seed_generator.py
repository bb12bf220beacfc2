"""SeedGenerator: a saveable source of seeds for the random ops."""
from ceras import backend
from ceras.backend import global_state


class SeedGenerator:
    """A stateful seed: every random op that takes it draws different numbers,
    and the sequence is fixed by the initial ``seed``.

    The state, ``[seed, counter]``, lives in a non-trainable int32 Variable
    (``seed_generator_state``), so a layer that owns a SeedGenerator saves and
    restores it with its weights; ``next()`` advances the counter.

    Args:
        seed: Initial seed (int). None picks one from Python's ``random``
            (reproducible after ``ceras.utils.set_random_seed``).
        name: Name of the generator, and scope of its state Variable.

    Example:

    >>> gen = ceras.random.SeedGenerator(seed=42)
    >>> a = ceras.random.normal((2,), seed=gen)
    >>> b = ceras.random.normal((2,), seed=gen)  # different from a
    """

    def __init__(self, seed=None, name=None, **kwargs):
        kwargs.pop("backend", None)  # Keras accepts a backend module here; ceras has one
        if kwargs:
            raise ValueError(f"Unrecognized keyword arguments: {kwargs}")
        if seed is not None and (not isinstance(seed, int) or isinstance(seed, bool)):
            raise ValueError(f"Argument `seed` must be an integer. Received: seed={seed!r}")
        self._initial_seed = seed
        if seed is None:
            seed = backend.random.make_default_seed()
        self.name = name or global_state.auto_name("SeedGenerator")
        with global_state.NameScope(self.name):
            self.state = backend.Variable(
                [backend.random.fold_seed(seed), 0], shape=(2,),
                dtype=backend.random.SEED_STATE_DTYPE, trainable=False,
                name="seed_generator_state",
            )
        self._seed_state = backend.random.SeedState(self.state)

    def next(self, ordered=True):
        """Advance the state; returns the ``[seed, counter]`` pair drawn (int32).
        ``ordered`` is accepted for Keras compatibility (it matters only on JAX)."""
        seed, counter = self._seed_state.advance()
        return backend.convert_to_tensor([seed, counter], dtype=backend.random.SEED_STATE_DTYPE)

    def get_config(self):
        return {"seed": self._initial_seed, "name": self.name}

    @classmethod
    def from_config(cls, config):
        return cls(**config)

    def __repr__(self):
        return f"<SeedGenerator name={self.name}, seed={self._initial_seed}>"
