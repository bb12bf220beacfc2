"""Dtype policies: a layer's variable dtype and compute dtype ('mixed_float16' ...)."""
from ceras.dtype_policies.dtype_policy import (  # noqa: F401
    DTypePolicy, FloatDTypePolicy, deserialize, dtype_policy, get, serialize, set_dtype_policy,
)
from ceras.dtype_policies.dtype_policy_map import DTypePolicyMap  # noqa: F401

__all__ = ["DTypePolicy", "DTypePolicyMap", "FloatDTypePolicy", "deserialize", "get", "serialize",
           "dtype_policy", "set_dtype_policy"]
