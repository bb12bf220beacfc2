"""Keras's dtype promotion (``result_type``) and dtype names."""
import itertools

import numpy as np
import pytest
import torch

from ceras.backend.common import config
from ceras.backend.common.dtypes import result_type, standardize_dtype

NAMES = ("bool", "uint8", "uint16", "uint32", "uint64", "int8", "int16", "int32", "int64",
         "bfloat16", "float16", "float32", "float64", "complex64", "complex128")
PYTHON = (int, float, bool)


@pytest.mark.oracle
@pytest.mark.parametrize("floatx", ["float32", "float16", "float64"])
def test_result_type_matches_keras_for_every_pair(keras_oracle, floatx):
    previous = keras_oracle.config.floatx()
    keras_oracle.config.set_floatx(floatx)
    config.set_floatx(floatx)
    try:
        different = []
        for a, b in itertools.product(NAMES + PYTHON, repeat=2):
            want = keras_oracle.backend.result_type(a, b)
            if result_type(a, b) != want:
                different.append((a, b, result_type(a, b), want))
        for a in NAMES + PYTHON:
            if result_type(a) != keras_oracle.backend.result_type(a):
                different.append((a, result_type(a), keras_oracle.backend.result_type(a)))
        assert not different, different
        assert result_type() == keras_oracle.backend.result_type() == floatx
    finally:
        keras_oracle.config.set_floatx(previous)
        config.set_floatx("float32")


@pytest.mark.parametrize("args,want", [
    (("int8", "uint8"), "int16"),
    (("int32", "float16"), "float16"),
    (("int64", "int64"), "int32"),         # Keras narrows 64-bit results to 32 bits
    (("float64", "float32"), "float32"),
    (("uint8", 1), "uint8"),               # Python scalars are weak
    (("bfloat16", 1.0), "bfloat16"),
    (("int8", 1.0), "float32"),
    ((1, 2), "int32"),
    ((1, 2.0), "float32"),
    ((True, "int8"), "int8"),
    ((None,), "float32"),                  # None means floatx
])
def test_result_type_examples(args, want):
    assert result_type(*args) == want


def test_result_type_accepts_tensors_arrays_and_dtypes():
    assert result_type(torch.ones(2, dtype=torch.int8), np.ones(2, "uint8")) == "int16"
    assert result_type(torch.float16, np.dtype("int32")) == "float16"


@pytest.mark.parametrize("dtype,want", [
    ("float", "float32"), (torch.int16, "int16"), (np.float64, "float64"), (bool, "bool"),
    (np.dtype("uint8"), "uint8"), (None, "float32"),
])
def test_standardize_dtype(dtype, want):
    assert standardize_dtype(dtype) == want


def test_standardize_dtype_rejects_unknown_names():
    with pytest.raises(ValueError, match="Invalid dtype"):
        standardize_dtype("float13")
