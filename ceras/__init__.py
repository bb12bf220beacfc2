"""ceras: the Keras 3 API on PyTorch (default), JAX and NumPy.

    import ceras as keras
"""
from ceras import (  # noqa: F401
    activations, backend, constraints, dtype_policies, initializers, layers, models, ops,
    random, regularizers,
)
from ceras.layers import Input, InputSpec, Layer
from ceras.models import Model, Sequential
from ceras.ops.operation import Operation

__version__ = "0.1.0"
version = lambda: __version__  # noqa: E731 - keras.version() is a function

__all__ = [
    "Input", "InputSpec", "Layer", "Model", "Operation", "Sequential", "activations", "backend",
    "constraints", "dtype_policies", "initializers", "layers", "models", "ops", "random",
    "regularizers", "version",
]
