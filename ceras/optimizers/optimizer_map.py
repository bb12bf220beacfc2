"""OptimizerMap: regular expressions over variable paths -> optimizers."""
import collections.abc
import re

from ceras.optimizers.optimizer import Optimizer
from ceras.saving import serialization_lib


class OptimizerMap(collections.abc.MutableMapping):
    """Chooses an optimizer per variable for ``MultiOptimizer``.

    Keys are regular expressions matched (in full) against a variable's path, e.g.
    ``"encoder/.*"``; a path matching two keys is an error, and a variable no key
    matches gets ``default_optimizer``. ``optimizer_map[key]`` accepts a key or
    a path, and returns ``default_optimizer`` when nothing matches.

    Args:
        default_optimizer: the optimizer of unmatched variables.
        optimizer_map: optional ``{pattern: optimizer}`` dict.

    Example:
        >>> OptimizerMap(SGD(), {"encoder/.*": Adam()})["encoder/dense/kernel"]  # the Adam
    """

    def __init__(self, default_optimizer, optimizer_map=None):
        if not isinstance(default_optimizer, Optimizer):
            raise TypeError("OptimizerMap expects default_optimizer to be an Optimizer "
                            f"instance, received default_optimizer={default_optimizer!r}")
        self.default_optimizer = default_optimizer
        self._map = {}
        for pattern, optimizer in (optimizer_map or {}).items():
            self[pattern] = optimizer

    def __setitem__(self, pattern, optimizer):
        if not isinstance(optimizer, Optimizer):
            raise TypeError(f"OptimizerMap expects an Optimizer instance for key {pattern!r}, "
                            f"received {optimizer!r}")
        self._map[pattern] = optimizer

    def __getitem__(self, key):
        if key in self._map:
            return self._map[key]
        matches = [pattern for pattern in self._map if re.fullmatch(pattern, key)]
        if len(matches) > 1:
            raise ValueError(f"OptimizerMap: variable {key!r} matches more than one pattern "
                             f"({matches}); expected at most one")
        return self._map[matches[0]] if matches else self.default_optimizer

    def __delitem__(self, pattern):
        del self._map[pattern]

    def __iter__(self):
        return iter(self._map)

    def __len__(self):
        return len(self._map)

    def __repr__(self):
        return f"OptimizerMap(default_optimizer={self.default_optimizer!r}, {self._map!r})"

    def get_config(self):
        return {
            "default_optimizer": serialization_lib.serialize_keras_object(
                self.default_optimizer),
            "optimizer_map": {pattern: serialization_lib.serialize_keras_object(optimizer)
                              for pattern, optimizer in self._map.items()},
        }

    @classmethod
    def from_config(cls, config, custom_objects=None):
        def build(value):
            if isinstance(value, dict):
                return serialization_lib.deserialize_keras_object(
                    value, custom_objects=custom_objects)
            return value

        return cls(build(config["default_optimizer"]),
                   {pattern: build(value)
                    for pattern, value in (config.get("optimizer_map") or {}).items()})
