"""DTypePolicyMap: lookup by layer path or pattern, policy attributes, config."""
import pytest

from ceras import dtype_policies
from ceras.dtype_policies import DTypePolicy, DTypePolicyMap
from ceras.saving import serialization_lib


def _lookups(lib):
    policies = lib.dtype_policies
    mapping = policies.DTypePolicyMap(policies.DTypePolicy("float32"))
    mapping["encoder/layer_0/dense"] = "bfloat16"
    mapping["encoder/.*"] = policies.DTypePolicy("mixed_float16")
    mapping["decoder"] = "float16"
    paths = ["encoder/layer_0/dense", "encoder/attention/query", "decoder",
             "decoder/attention", "other"]
    return mapping, {path: (mapping[path].name, mapping[path].compute_dtype,
                            mapping[path].variable_dtype) for path in paths}


@pytest.mark.oracle
def test_dtype_policy_map_lookup_matches_keras(keras_oracle):
    ours, mine = _lookups(__import__("ceras"))
    theirs, ref = _lookups(keras_oracle)
    assert mine == ref
    assert list(ours) == list(theirs) and len(ours) == len(theirs) == 3
    assert (ours.name, ours.compute_dtype, ours.variable_dtype) == (
        theirs.name, theirs.compute_dtype, theirs.variable_dtype)


@pytest.mark.oracle
@pytest.mark.parametrize("default", [None, "mixed_bfloat16", "float16"])
def test_dtype_policy_map_as_a_policy_matches_keras(keras_oracle, default):
    ours = DTypePolicyMap(default, {"a": "float16"})
    theirs = keras_oracle.dtype_policies.DTypePolicyMap(default, {"a": "float16"})
    assert (ours.name, ours.compute_dtype, ours.variable_dtype, ours.quantization_mode) == (
        theirs.name, theirs.compute_dtype, theirs.variable_dtype, theirs.quantization_mode)
    assert isinstance(ours, DTypePolicy)
    assert ours.get_config() == theirs.get_config()
    mine = serialization_lib.serialize_keras_object(ours)
    ref = keras_oracle.saving.serialize_keras_object(theirs)
    assert mine == ref


def test_dtype_policy_map_default_follows_the_global_policy():
    mapping = DTypePolicyMap()
    assert mapping.default_policy.name == "float32"
    dtype_policies.set_dtype_policy("mixed_float16")
    try:
        assert mapping.name == "map_mixed_float16"
        assert mapping["anything"].compute_dtype == "float16"
    finally:
        dtype_policies.set_dtype_policy("float32")
    assert mapping.get_config() == {"default_policy": None, "policy_map": {}}


def test_dtype_policy_map_round_trip_and_deletion():
    mapping = DTypePolicyMap("mixed_bfloat16", {"a": "float16"})
    mapping["b.*"] = DTypePolicy("float16")
    clone = serialization_lib.deserialize_keras_object(
        serialization_lib.serialize_keras_object(mapping))
    assert isinstance(clone, DTypePolicyMap)
    assert clone.name == "map_mixed_bfloat16"
    assert clone["bx"].name == "float16" and clone["zz"].name == "mixed_bfloat16"
    del mapping["a"]
    assert list(mapping) == ["b.*"] and "a" not in mapping


def test_dtype_policy_map_errors_name_the_problem():
    mapping = DTypePolicyMap(None, {"a.*": "float16"})
    mapping[".*b"] = "float16"
    with pytest.raises(ValueError, match=r"path 'ab' matches more than one key"):
        mapping["ab"]
    with pytest.raises(ValueError, match=r"already holds key '\.\*b'"):
        mapping[".*b"] = "bfloat16"
    with pytest.raises(ValueError, match="expects a DTypePolicy or a policy name for key 'c'"):
        mapping["c"] = 3
    with pytest.raises(ValueError, match="expects default_policy to be a DTypePolicy"):
        DTypePolicyMap(3)
    with pytest.raises(TypeError, match="expects policy_map to be a dict"):
        DTypePolicyMap(None, 3)
