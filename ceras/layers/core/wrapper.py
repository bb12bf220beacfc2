"""Wrapper: the base of layers that wrap another layer."""
from ceras.layers.layer import Layer


class Wrapper(Layer):
    """Holds ``layer`` (built on first call, tracked with its weights) and adds
    behaviour around it; subclasses define ``call``.

    Args:
        layer: the ceras Layer to wrap.
    """

    def __init__(self, layer, **kwargs):
        if not getattr(layer, "_ceras_layer", False):
            raise ValueError(
                f"{type(self).__name__} expects `layer` to be a ceras Layer, received "
                f"{layer!r} of type {type(layer).__name__}"
            )
        super().__init__(**kwargs)
        self.layer = layer

    def build(self, input_shape=None):
        if not self.layer.built:
            self.layer.build(input_shape)
            self.layer.built = True

    def get_config(self):
        from ceras.saving import serialization_lib  # noqa: PLC0415 - saving calls back down

        config = super().get_config()
        config["layer"] = serialization_lib.serialize_keras_object(self.layer)
        return config

    @classmethod
    def from_config(cls, config, custom_objects=None):
        from ceras.saving import serialization_lib  # noqa: PLC0415

        config = dict(config)
        config["layer"] = serialization_lib.deserialize_keras_object(
            config["layer"], custom_objects=custom_objects)
        return super().from_config(config)
