"""Sequential: a plain stack of layers, each with one input and one output.

As soon as the input shape is known (an ``Input``/``InputLayer`` first, a Keras-2
``input_shape=`` on the first layer, ``build(shape)``, or the first call on data)
the stack is turned into a Functional graph and runs through its call plan.
"""
from ceras import backend
from ceras.backend import KerasTensor
from ceras.layers.core.input_layer import InputLayer
from ceras.layers.layer import Layer
from ceras.models.functional import Functional
from ceras.models.model import Model


class Sequential(Model):
    """Example:
        >>> model = Sequential([Input((4,)), layers.Dense(8, activation="relu"),
        ...                     layers.Dense(1)])
    """

    def __init__(self, layers=None, trainable=True, name=None):
        super().__init__(trainable=trainable, name=name)
        self._set_graph(None)
        self._input_layer = None
        self._stack = []
        for layer in layers or []:
            self.add(layer, rebuild=False)
        self._maybe_rebuild()

    def add(self, layer, rebuild=True):
        """Append a layer (or an ``Input`` tensor) to the stack."""
        if isinstance(layer, KerasTensor) and layer._keras_history is not None:
            layer = layer._keras_history.operation
        if not isinstance(layer, Layer):
            raise ValueError(
                f'Sequential model "{self.name}" only accepts Layer instances; received '
                f"{layer!r} of type {type(layer).__name__}"
            )
        if isinstance(layer, InputLayer):
            if self._input_layer is not None or self._stack:
                raise ValueError(
                    f'Sequential model "{self.name}": an InputLayer can only be the first '
                    f"layer; received {layer.name!r} after {len(self._stack)} layer(s)"
                )
            self._input_layer = layer
        else:
            if any(existing.name == layer.name for existing in self._stack):
                raise ValueError(
                    f'Sequential model "{self.name}": all layers must have unique names; '
                    f"{layer.name!r} is already in the model"
                )
            self._stack.append(layer)
            self._layers.append(layer)
            self._register_sublayer(layer.name, layer)
        if rebuild:
            self._maybe_rebuild()

    def pop(self, rebuild=True):
        """Remove and return the last layer."""
        if not self._stack:
            raise ValueError(f'Sequential model "{self.name}" has no layers to pop')
        layer = self._stack.pop()
        self._layers.remove(layer)
        self._unregister_sublayer(layer.name)
        self._set_graph(None)
        self.built = False
        if rebuild:
            self._maybe_rebuild()
        return layer

    def _set_graph(self, functional):
        # Not a tracked sublayer: the stack's layers are already this model's own.
        self.__dict__["_functional"] = functional

    def _maybe_rebuild(self):
        self._set_graph(None)
        if self._input_layer is None and self._stack:
            shape = getattr(self._stack[0], "_batch_input_shape", None)
            if shape is not None:
                self._input_layer = InputLayer(batch_shape=shape,
                                               dtype=self._stack[0].compute_dtype)
        if self._input_layer is not None and self._stack:
            self._build_graph(self._input_layer.output)

    def _build_graph(self, inputs):
        x = inputs
        for layer in self._stack:
            x = layer(x)
        self._set_graph(Functional(inputs=inputs, outputs=x, name=f"{self.name}_graph"))
        self.built = True
        self._build_shapes = inputs.shape

    def build(self, input_shape=None):
        if input_shape is None:
            if self._input_layer is None:
                raise ValueError(
                    f'Sequential model "{self.name}" cannot be built without an input shape: '
                    "add an Input first or call build(input_shape)."
                )
            self._maybe_rebuild()
            return
        if self._input_layer is None:
            self._input_layer = InputLayer(batch_shape=tuple(input_shape))
        self._maybe_rebuild()
        self.built = True

    def call(self, inputs, training=None, mask=None):
        if self._functional is not None:
            return self._functional.call(inputs, training=training, mask=mask)
        x = inputs
        for layer in self._stack:
            x = layer(x, training=training) if layer._call_has_training else layer(x)
        return x

    def _maybe_build(self, args, kwargs):
        x = args[0] if args else next(iter(kwargs.values()))
        shape = tuple(x.shape)
        self._input_layer = InputLayer(batch_shape=(None,) + shape[1:],
                                       dtype=_dtype_name(x))
        self._maybe_rebuild()
        self.built = True

    def compute_output_spec(self, inputs, training=None, mask=None):
        x = inputs
        for layer in self._stack:
            x = layer.compute_output_spec(x)
        return x

    @property
    def layers(self):
        return list(self._stack)

    @property
    def inputs(self):
        return self._functional.inputs if self._functional else None

    @property
    def outputs(self):
        return self._functional.outputs if self._functional else None

    @property
    def input(self):
        return self._functional.input if self._functional else None

    @property
    def output(self):
        return self._functional.output if self._functional else None

    @property
    def input_shape(self):
        return self._input_layer.batch_shape if self._input_layer else None

    @property
    def output_shape(self):
        return self._functional.output_shape if self._functional else None

    def get_config(self):
        from ceras.saving import serialization_lib  # noqa: PLC0415 - saving calls back down

        layers = []
        if self._input_layer is not None:
            layers.append(serialization_lib.serialize_keras_object(self._input_layer))
        layers += [serialization_lib.serialize_keras_object(l) for l in self._stack]
        config = Layer.get_config(self)
        config["layers"] = layers
        if self._input_layer is not None:
            config["build_input_shape"] = self._input_layer.batch_shape
        return config

    @classmethod
    def from_config(cls, config, custom_objects=None):
        from ceras.saving import serialization_lib  # noqa: PLC0415

        config = dict(config)
        layer_configs = config.pop("layers")
        build_shape = config.pop("build_input_shape", None)
        config.pop("dtype", None)
        model = cls(name=config.get("name"), trainable=config.get("trainable", True))
        for layer_config in layer_configs:
            layer = serialization_lib.deserialize_keras_object(
                layer_config, custom_objects=custom_objects)
            model.add(layer, rebuild=False)
        if model._input_layer is None and build_shape is not None:
            model._input_layer = InputLayer(batch_shape=tuple(build_shape))
        model._maybe_rebuild()
        return model


def _dtype_name(x):
    return backend.standardize_dtype(x.dtype)
