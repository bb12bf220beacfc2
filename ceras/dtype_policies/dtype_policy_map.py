"""DTypePolicyMap: layer paths (or path patterns) -> dtype policies."""
import collections.abc
import re

from ceras.dtype_policies.dtype_policy import DTypePolicy, dtype_policy, get


class DTypePolicyMap(DTypePolicy, collections.abc.MutableMapping):
    """A dict of dtype policies keyed by layer path, usable wherever a policy is.

    ``policy_map[path]`` returns the policy stored under ``path`` exactly, else the one
    whose key (a regular expression) matches the whole path, else ``default_policy``.
    A path matching two keys is an error, and a key can be set only once. As a policy,
    the map behaves like ``default_policy`` (its name is ``"map_" + default name``).

    Args:
        default_policy: a DTypePolicy or policy name; default the global policy
            (``ceras.config.dtype_policy()``) at the time of use.
        policy_map: optional ``{path_or_pattern: policy}`` dict.

    Example:
        >>> policies = DTypePolicyMap("float32")
        >>> policies["encoder/.*"] = "bfloat16"
        >>> policies["encoder/dense"].name
        'bfloat16'
    """

    def __init__(self, default_policy=None, policy_map=None):
        if default_policy is not None and not isinstance(default_policy, (str, DTypePolicy)):
            raise ValueError("DTypePolicyMap expects default_policy to be a DTypePolicy, a "
                             f"policy name or None, received default_policy={default_policy!r}")
        if policy_map is not None and not isinstance(policy_map, dict):
            raise TypeError("DTypePolicyMap expects policy_map to be a dict, received "
                            f"policy_map={policy_map!r} of type {type(policy_map).__name__}")
        self._default_policy_arg = default_policy
        self._default_policy = (None if default_policy is None
                                else get(default_policy))
        # Values given here are kept as given (Keras stores them unconverted too);
        # values set afterwards are converted to policies.
        self._policy_map = dict(policy_map or {})

    @property
    def default_policy(self):
        if self._default_policy is None:
            return dtype_policy()
        return self._default_policy

    @property
    def name(self):
        return "map_" + self.default_policy.name

    @property
    def compute_dtype(self):
        return self.default_policy.compute_dtype

    @property
    def variable_dtype(self):
        return self.default_policy.variable_dtype

    @property
    def quantization_mode(self):
        return getattr(self.default_policy, "quantization_mode", None)

    def __getitem__(self, key):
        if key in self._policy_map:
            return self._policy_map[key]
        matches = [pattern for pattern in self._policy_map if re.fullmatch(pattern, key)]
        if len(matches) > 1:
            raise ValueError(f"DTypePolicyMap: path {key!r} matches more than one key "
                             f"({matches}); expected at most one")
        return self._policy_map[matches[0]] if matches else self.default_policy

    def __setitem__(self, key, policy):
        if key in self._policy_map:
            raise ValueError(f"DTypePolicyMap already holds key {key!r} (policy "
                             f"{self._policy_map[key]!r}); each key can be set only once")
        if not isinstance(policy, (str, DTypePolicy)):
            raise ValueError(f"DTypePolicyMap expects a DTypePolicy or a policy name for key "
                             f"{key!r}, received {policy!r} of type {type(policy).__name__}")
        self._policy_map[key] = get(policy)

    def __delitem__(self, key):
        del self._policy_map[key]

    def __iter__(self):
        return iter(self._policy_map)

    def __len__(self):
        return len(self._policy_map)

    def __contains__(self, key):
        return key in self._policy_map

    def __eq__(self, other):
        return (isinstance(other, DTypePolicyMap) and other.name == self.name
                and dict(other.items()) == dict(self.items()))

    __hash__ = None

    def __repr__(self):
        entries = ", ".join(f"{k!r}: {getattr(v, 'name', v)!r}"
                            for k, v in self._policy_map.items())
        return f'<DTypePolicyMap "{self.name}" {{{entries}}}>'

    def get_config(self):
        from ceras.saving import serialization_lib  # noqa: PLC0415 - saving sits above

        return {
            "default_policy": serialization_lib.serialize_keras_object(
                self._default_policy_arg),
            "policy_map": {key: serialization_lib.serialize_keras_object(policy)
                           for key, policy in self._policy_map.items()},
        }

    @classmethod
    def from_config(cls, config, custom_objects=None):
        from ceras.saving import serialization_lib  # noqa: PLC0415 - saving sits above

        def build(value):
            if isinstance(value, dict):
                return serialization_lib.deserialize_keras_object(
                    value, custom_objects=custom_objects)
            return value

        return cls(build(config.get("default_policy")),
                   {key: build(value) for key, value in (config.get("policy_map") or {}).items()})
