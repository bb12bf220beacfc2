"""ceras.models: Model, Sequential, Functional and model-level utilities."""
from ceras.models.functional import Functional
from ceras.models.model import Model
from ceras.models.sequential import Sequential

__all__ = ["Functional", "Model", "Sequential"]
