"""DTypePolicy: which dtype a layer stores its variables in and computes in."""
from ceras import backend

_MIXED = {"mixed_float16": "float16", "mixed_bfloat16": "bfloat16"}
_GLOBAL = None


class DTypePolicy:
    """A policy named after a dtype ('float32') or a mixed policy ('mixed_float16':
    float16 compute, float32 variables)."""

    def __init__(self, name=None):
        if name is None:
            name = backend.floatx()
        if not isinstance(name, str):
            raise TypeError(f"DTypePolicy name must be a string, received {name!r}")
        if name in _MIXED:
            self._compute_dtype, self._variable_dtype = _MIXED[name], "float32"
        else:
            try:
                dtype = backend.standardize_dtype(name)
            except ValueError:
                raise ValueError(
                    f"Cannot convert {name!r} to a dtype policy: expected a dtype name such as "
                    f"'float32' or one of {sorted(_MIXED)}"
                ) from None
            self._compute_dtype = self._variable_dtype = dtype
            name = dtype
        self._name = name

    @property
    def name(self):
        return self._name

    @property
    def compute_dtype(self):
        return self._compute_dtype

    @property
    def variable_dtype(self):
        return self._variable_dtype

    def get_config(self):
        return {"name": self._name}

    @classmethod
    def from_config(cls, config):
        return cls(**config)

    def __eq__(self, other):
        return isinstance(other, DTypePolicy) and other.name == self.name

    def __hash__(self):
        return hash(self._name)

    def __repr__(self):
        return f'<DTypePolicy "{self._name}">'


FloatDTypePolicy = DTypePolicy


def set_dtype_policy(policy):
    global _GLOBAL
    _GLOBAL = get(policy)


def dtype_policy():
    """The global policy (floatx unless set with set_dtype_policy)."""
    return _GLOBAL if _GLOBAL is not None else DTypePolicy(backend.floatx())


def serialize(policy):
    return {"module": "keras", "class_name": "DTypePolicy",
            "config": {"name": policy.name}, "registered_name": None}


def deserialize(config):
    if isinstance(config, dict):
        return DTypePolicy(**config.get("config", {}))
    return get(config)


def get(identifier):
    if identifier is None:
        return dtype_policy()
    if isinstance(identifier, DTypePolicy):
        return identifier
    if isinstance(identifier, dict):
        return deserialize(identifier)
    if isinstance(identifier, str):
        return DTypePolicy(identifier)
    return DTypePolicy(backend.standardize_dtype(identifier))
