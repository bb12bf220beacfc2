"""Wrapper: the base of layers that wrap another layer (TimeDistributed, Bidirectional)."""
from ceras.layers.layer import Layer


class Wrapper(Layer):
    """Abstract base of a layer that augments another layer.

    Args:
        layer: the wrapped layer instance.
    """

    def __init__(self, layer, **kwargs):
        super().__init__(**kwargs)
        if not isinstance(layer, Layer):
            raise ValueError(
                f'Layer "{self.name}" ({type(self).__name__}) expects a ceras Layer instance '
                f"to wrap, received layer={layer!r}"
            )
        self.layer = layer

    def build(self, input_shape=None):
        if not self.layer.built:
            self.layer.build(input_shape)

    def get_config(self):
        from ceras.saving import serialization_lib  # noqa: PLC0415 - saving sits above

        config = super().get_config()
        config["layer"] = serialization_lib.serialize_keras_object(self.layer)
        return config

    @classmethod
    def from_config(cls, config, custom_objects=None):
        from ceras.saving import serialization_lib  # noqa: PLC0415

        config = dict(config)
        layer = serialization_lib.deserialize_keras_object(
            config.pop("layer"), custom_objects=custom_objects)
        return super().from_config({**config, "layer": layer})
