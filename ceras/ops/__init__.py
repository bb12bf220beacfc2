"""ceras.ops: the public ops namespace, bound to the active backend at import.

``ceras.ops.add`` is the same function as ``ceras.ops.numpy.add``; the
submodules numpy, nn, linalg and image mirror ``keras.ops``'s.
"""
from ceras.ops import core, image, linalg, math, nn, numpy  # noqa: F401
from ceras.ops.keras_tensor_operators import attach as _attach
from ceras.ops.operation import FunctionOperation, Operation  # noqa: F401

for _module in (numpy, nn, math, core, linalg):
    for _name in _module.__all__:
        if _name in vars(_module):
            globals()[_name] = vars(_module)[_name]
_attach()
del _module, _name, _attach
