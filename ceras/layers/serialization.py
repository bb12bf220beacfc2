"""keras.layers.serialize / deserialize: a layer to and from its config dict."""
from ceras.layers.layer import Layer
from ceras.saving import serialization_lib


def serialize(layer):
    """Returns the config dict of ``layer`` (``{"module", "class_name", "config", ...}``),
    as stored in a ``.keras`` file."""
    return serialization_lib.serialize_keras_object(layer)


def deserialize(config, custom_objects=None):
    """Rebuilds a layer from a dict made by ``serialize``.

    Args:
        config: the dict.
        custom_objects: optional ``{name: class}`` for user-defined layers.
    """
    if not isinstance(config, dict):
        raise ValueError("`ceras.layers.deserialize` expects a config dict made by "
                         f"`ceras.layers.serialize`, received {config!r}")
    layer = serialization_lib.deserialize_keras_object(config, custom_objects=custom_objects)
    if not isinstance(layer, Layer):
        raise ValueError("`ceras.layers.deserialize` expects the config of a Layer, received "
                         f"the config of {type(layer).__name__}: {config!r}")
    return layer
