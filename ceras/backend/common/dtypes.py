"""Dtype names and Keras's type-promotion rules.

Dtypes are strings everywhere in the public API ('float32', 'int64', ...).
Promotion follows the JAX-style lattice that Keras 3 uses: Python scalars are
"weak" and take the dtype of the tensor they meet.
"""
import functools

from ceras.backend.common import config

FLOAT_TYPES = ("bfloat16", "float16", "float32", "float64")
INT_TYPES = ("uint8", "uint16", "uint32", "uint64", "int8", "int16", "int32", "int64")
ALLOWED_DTYPES = ("bool",) + INT_TYPES + FLOAT_TYPES + ("complex64", "complex128", "string")

_ALIASES = {
    "float": "float32",
    "double": "float64",
    "half": "float16",
    "int": "int64",
    "long": "int64",
    "bool_": "bool",
    "str": "string",
    "complex": "complex128",
}
_PYTHON = {bool: "bool", int: "int64", float: "float32", str: "string", complex: "complex128"}


@functools.lru_cache(maxsize=512)
def _standardize_name(name):
    if name.startswith("torch."):
        name = name[len("torch."):]
    if name.startswith("<class 'numpy."):
        name = name[len("<class 'numpy."):-2]
    name = _ALIASES.get(name, name)
    if name not in ALLOWED_DTYPES:
        raise ValueError(f"Invalid dtype: expected one of {ALLOWED_DTYPES}, received {name!r}")
    return name


def standardize_dtype(dtype):
    """Return the canonical string name of ``dtype`` (None means floatx)."""
    if dtype is None:
        return config.floatx()
    if isinstance(dtype, str):
        return _standardize_name(dtype)
    if dtype in _PYTHON:
        return _PYTHON[dtype]
    name = getattr(dtype, "name", None)  # numpy dtypes, jax dtypes
    if isinstance(name, str) and not str(dtype).startswith("torch."):
        return _standardize_name(name)
    return _standardize_name(str(dtype))


def is_float(dtype):
    return standardize_dtype(dtype) in FLOAT_TYPES


def is_int(dtype):
    return standardize_dtype(dtype) in INT_TYPES


# The promotion lattice: each type points at the types just above it.
# "int*" and "float*" are the weak types of Python ints and floats.
_LATTICE = {
    "bool": ("int*",),
    "int*": ("uint8", "int8"),
    "uint8": ("uint16", "int16"),
    "uint16": ("uint32", "int32"),
    "uint32": ("uint64", "int64"),
    "uint64": ("float*",),
    "int8": ("int16",),
    "int16": ("int32",),
    "int32": ("int64",),
    "int64": ("float*",),
    "float*": ("bfloat16", "float16", "complex*"),
    "bfloat16": ("float32",),
    "float16": ("float32",),
    "float32": ("float64", "complex64"),
    "float64": ("complex128",),
    "complex*": ("complex64",),
    "complex64": ("complex128",),
    "complex128": (),
}


@functools.lru_cache(maxsize=None)
def _upper_bounds(node):
    result = {node}
    for parent in _LATTICE[node]:
        result |= _upper_bounds(parent)
    return frozenset(result)


@functools.lru_cache(maxsize=1024)
def _least_upper_bound(nodes):
    common = frozenset.intersection(*(_upper_bounds(n) for n in nodes))
    for candidate in common:
        if _upper_bounds(candidate) == common:
            return candidate
    raise ValueError(f"No common dtype for {nodes}")


# Keras forces 64-bit results down to 32 bits (JAX's default, x64 disabled).
_BIT64_TO_BIT32 = {"int64": "int32", "uint64": "uint32", "float64": "float32",
                   "complex128": "complex64"}
_WEAK = ("int*", "float*", "complex*")


def _node_of(x):
    # Python scalars and the types int / float are weak; bool is not. NumPy scalars
    # (np.float64(1.0) is also a float) keep their dtype.
    if x is None:
        return config.floatx()
    if isinstance(x, type):
        if x is bool:
            return "bool"
        if x is int:
            return "int*"
        if x is float:
            return "float*"
        return standardize_dtype(x)
    if isinstance(x, str):
        return standardize_dtype(x)
    dtype = getattr(x, "dtype", None)
    if dtype is not None:
        return standardize_dtype(dtype)
    if isinstance(x, bool):
        return "bool"
    if isinstance(x, int):
        return "int*"
    if isinstance(x, float):
        return "float*"
    if isinstance(x, complex):
        return "complex*"
    return standardize_dtype(x)


def _resolve_weak(node):
    # A weak result takes floatx's precision: int* -> int32 under float32.
    precision = config.floatx()[-2:]
    if node == "int*":
        return f"int{precision}"
    if node == "float*":
        return f"float{precision}"
    return "complex64"


def result_type(*dtypes):
    """The dtype Keras gives an op over values of these dtypes
    (``keras.backend.result_type``).

    Arguments may be dtype names, dtypes, tensors/arrays, Python scalars or the
    types ``int`` / ``float`` (both weak: they take the dtype of the tensor they
    meet); None means floatx. With no arguments, returns floatx. Like Keras, a
    64-bit result is narrowed to 32 bits.
    """
    if not dtypes:
        return config.floatx()
    nodes = tuple(sorted({_node_of(d) for d in dtypes}))
    node = nodes[0] if len(nodes) == 1 else _least_upper_bound(nodes)
    if node in _WEAK:
        node = _resolve_weak(node)
    return _BIT64_TO_BIT32.get(node, node)
