"""Pipeline: apply a sequence of layers, usually preprocessing ones."""
from ceras.layers.layer import Layer


class Pipeline(Layer):
    """Applies ``layers`` one after the other. Unlike a Sequential model it is a
    plain layer: usable outside a model (e.g. in a data pipeline), with no
    input shape and no graph.

    Args:
        layers: list of layers.
        name: optional name.

    Example:
        >>> augment = Pipeline([RandomFlip(), RandomRotation(0.1)])
        >>> images = augment(images, training=True)
    """

    def __init__(self, layers, name=None):
        super().__init__(name=name)
        self._pipeline_layers = list(layers)
        for i, layer in enumerate(self._pipeline_layers):
            if not getattr(layer, "_ceras_layer", False):
                raise ValueError(
                    f'Layer "{self.name}" expects a list of layers, received '
                    f"{type(layer).__name__} at position {i}")
            self._layers.append(layer)
            self._register_sublayer(f"layers_{i}", layer)
        self.built = True

    @property
    def layers(self):
        return self._pipeline_layers

    def call(self, inputs, training=True, mask=None):
        for layer in self._pipeline_layers:
            kwargs = {}
            if layer._call_has_mask:
                kwargs["mask"] = mask
            if layer._call_has_training and training is not None:
                kwargs["training"] = training
            outputs = layer(inputs, **kwargs)
            inputs = outputs
            mask = getattr(outputs, "_keras_mask", None)
        return inputs

    def compute_output_shape(self, input_shape):
        for layer in self._pipeline_layers:
            input_shape = layer.compute_output_shape(input_shape)
        return input_shape

    def get_config(self):
        from ceras.saving.serialization_lib import serialize_keras_object

        return {"layers": [serialize_keras_object(layer) for layer in self._pipeline_layers],
                "name": self.name}

    @classmethod
    def from_config(cls, config, custom_objects=None):
        from ceras.saving.serialization_lib import deserialize_keras_object

        config = dict(config)
        config["layers"] = [deserialize_keras_object(c, custom_objects=custom_objects)
                            if isinstance(c, dict) else c for c in config["layers"]]
        return cls(**config)
