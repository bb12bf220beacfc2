"""ceras: the Keras 3 API on PyTorch (default), JAX and NumPy.

    import ceras as keras
"""
from ceras import (  # noqa: F401
    activations, backend, callbacks, config, constraints, datasets, dtype_policies, initializers,
    layers, losses, metrics, models, ops, optimizers, random, regularizers, saving, tree,
    utils,
)
from ceras import applications, export, visualization  # noqa: F401
from ceras.backend import KerasTensor, Variable
from ceras.backend.common.global_state import NameScope as name_scope
from ceras.backend.common.global_state import SymbolicScope
from ceras.dtype_policies import DTypePolicy, FloatDTypePolicy
from ceras.initializers import Initializer
from ceras.layers import Input, InputSpec, Layer
from ceras.losses import Loss
from ceras.metrics import Metric
from ceras.models import Model, Sequential
from ceras.models.function import Function
from ceras.ops.operation import Operation
from ceras.optimizers import Optimizer
from ceras.regularizers import Regularizer

device = backend.device_scope
__version__ = "0.1.0"


def __getattr__(name):
    # ceras.wrappers imports scikit-learn (slow): loaded on first use, not with ceras.
    if name == "wrappers":
        import importlib  # noqa: PLC0415

        return importlib.import_module("ceras.wrappers")
    raise AttributeError(f"module 'ceras' has no attribute {name!r}")


def version():
    """The ceras version string."""
    return __version__


__all__ = [
    "DTypePolicy", "FloatDTypePolicy", "Function", "Initializer", "Input", "InputSpec",
    "KerasTensor", "Layer", "Loss", "Metric", "Model", "Operation", "Optimizer", "Regularizer",
    "Sequential", "SymbolicScope", "Variable", "activations", "applications", "backend",
    "callbacks", "config", "constraints", "datasets", "device", "dtype_policies", "export",
    "initializers", "layers", "losses", "metrics", "models", "name_scope", "ops", "optimizers",
    "random", "regularizers", "saving", "tree", "utils", "version", "visualization", "wrappers",
]
