"""Python operators on symbolic tensors (``kt + 1``, ``kt[:, 0]``, ``kt @ w``).

Each one is the matching op, so it records a graph step like any op call.
"""
from ceras.backend import KerasTensor
from ceras.ops import core, numpy


def _op(name):
    # Resolved at call time, so a backend that lacks an op fails only when it is used.
    return lambda *args: getattr(numpy, name)(*args)


def _binary(op, reflected=False):
    if reflected:
        return lambda self, other: op(other, self)
    return lambda self, other: op(self, other)


def attach():
    pairs = {
        "add": "add", "sub": "subtract", "mul": "multiply", "truediv": "true_divide",
        "floordiv": "floor_divide", "mod": "mod", "pow": "power", "matmul": "matmul",
        "and": "logical_and", "or": "logical_or", "xor": "logical_xor",
    }
    for name, op_name in pairs.items():
        setattr(KerasTensor, f"__{name}__", _binary(_op(op_name)))
        setattr(KerasTensor, f"__r{name}__", _binary(_op(op_name), reflected=True))
    for name, op_name in {"lt": "less", "le": "less_equal", "gt": "greater",
                          "ge": "greater_equal"}.items():
        setattr(KerasTensor, f"__{name}__", _binary(_op(op_name)))
    KerasTensor.__neg__ = lambda self: numpy.negative(self)
    KerasTensor.__pos__ = lambda self: self
    KerasTensor.__abs__ = lambda self: numpy.absolute(self)
    KerasTensor.__invert__ = lambda self: numpy.logical_not(self)
    KerasTensor.__getitem__ = lambda self, key: numpy.get_item(self, key)
    KerasTensor.astype = lambda self, dtype: core.cast(self, dtype)
    KerasTensor.T = property(lambda self: numpy.transpose(self))
