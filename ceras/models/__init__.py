"""ceras.models: Model, Sequential, Functional and model-level utilities."""
import json

from ceras.models.cloning import clone_model
from ceras.models.functional import Functional
from ceras.models.model import Model
from ceras.models.sequential import Sequential
from ceras.saving.saving_api import load_model, save_model
from ceras.saving.serialization_lib import deserialize_keras_object


def model_from_json(json_string, custom_objects=None):
    """Rebuild a model (fresh weights) from ``model.to_json()``."""
    try:
        config = json.loads(json_string)
    except ValueError as e:
        raise ValueError(f"model_from_json: the string is not valid JSON: {e}") from e
    return deserialize_keras_object(config, custom_objects=custom_objects)


__all__ = ["Functional", "Model", "Sequential", "clone_model", "load_model", "model_from_json",
           "save_model"]
