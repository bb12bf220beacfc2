"""Activation: applies an activation function."""
from ceras import activations
from ceras.layers.layer import Layer


class Activation(Layer):
    """Applies ``activation`` (a name such as "relu", or a callable) elementwise."""

    def __init__(self, activation, **kwargs):
        super().__init__(**kwargs)
        self.activation = activations.get(activation)
        self.supports_masking = True

    def call(self, inputs):
        return self.activation(inputs)

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        config = super().get_config()
        config["activation"] = activations.serialize(self.activation)
        return config
