"""ceras.saving: the serialization core and the file formats built on it."""
from ceras.saving.object_registration import (  # noqa: F401
    CustomObjectScope, custom_object_scope, get_custom_objects, get_registered_name,
    get_registered_object, register_keras_serializable,
)
from ceras.saving.serialization_lib import (  # noqa: F401
    deserialize_keras_object, enable_unsafe_deserialization, serialize_keras_object,
)

__all__ = [
    "CustomObjectScope", "custom_object_scope", "deserialize_keras_object",
    "get_custom_objects", "get_registered_name", "get_registered_object",
    "register_keras_serializable", "serialize_keras_object",
]
from ceras.saving.saving_api import load_model, load_weights, save_model, save_weights  # noqa: E402,F401

__all__ += ["load_model", "load_weights", "save_model", "save_weights"]
