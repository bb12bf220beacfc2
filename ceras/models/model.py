"""Model: a Layer with training (compile / fit / evaluate / predict) and saving.

``Model(inputs, outputs)`` builds a Functional model; subclassing ``Model`` and
defining ``call`` gives a subclassed model whose layers are tracked from its
attributes.
"""
from ceras.backend import KerasTensor, tree
from ceras.layers.layer import Layer
from ceras.trainers.trainer import Trainer


def _is_functional_call(args, kwargs):
    if "inputs" in kwargs and "outputs" in kwargs:
        return True
    if len(args) >= 2:
        return any(isinstance(t, KerasTensor) for t in tree.flatten(args[0]))
    if len(args) == 1 and "outputs" in kwargs:
        return True
    return False


class Model(Trainer, Layer):
    def __new__(cls, *args, **kwargs):
        if cls is Model and _is_functional_call(args, kwargs):
            from ceras.models.functional import Functional  # noqa: PLC0415 - subclass

            return Functional.__new__(Functional, *args, **kwargs)
        return super().__new__(cls, *args, **kwargs)

    def __init__(self, *args, **kwargs):
        if _is_functional_call(args, kwargs):
            # A Model subclass constructed with (inputs, outputs): it becomes a
            # Functional model that keeps the subclass's own methods.
            from ceras.models.functional import Functional  # noqa: PLC0415

            if not isinstance(self, Functional):
                self.__class__ = type(type(self).__name__, (type(self), Functional), {})
            Functional.__init__(self, *args, **kwargs)
            return
        trainable = kwargs.pop("trainable", True)
        name = kwargs.pop("name", None)
        dtype = kwargs.pop("dtype", None)
        Layer.__init__(self, trainable=trainable, name=name, dtype=dtype, **kwargs)
        self._init_model()

    def _init_model(self):
        Trainer.__init__(self)

    # -- structure -----------------------------------------------------------
    @property
    def layers(self):
        return [layer for layer in self._layers]

    def get_layer(self, name=None, index=None):
        """A layer by ``name`` or by ``index`` in ``model.layers``."""
        if index is not None and name is not None:
            raise ValueError(
                f"Provide only a layer name or a layer index to get_layer(); received "
                f"name={name!r} and index={index!r}"
            )
        layers = self.layers
        if index is not None:
            if not -len(layers) <= index < len(layers):
                raise ValueError(
                    f'Model "{self.name}" has {len(layers)} layers; index {index} is out of range'
                )
            return layers[index]
        if name is not None:
            for layer in layers:
                if layer.name == name:
                    return layer
            raise ValueError(
                f"No such layer: {name}. Existing layers are: {[l.name for l in layers]}."
            )
        raise ValueError("Provide either a layer name or a layer index to get_layer()")

    def build(self, input_shape=None):
        """Build a subclassed model by running ``call`` on a symbolic input."""
        if input_shape is None:
            self.built = True
            return
        if isinstance(input_shape, dict):
            inputs = {k: KerasTensor(v) for k, v in input_shape.items()}
        elif isinstance(input_shape, list) and input_shape and isinstance(
                input_shape[0], (list, tuple)):
            inputs = [KerasTensor(s) for s in input_shape]
        else:
            inputs = KerasTensor(tuple(input_shape))
        from ceras import backend  # noqa: PLC0415

        backend.compute_output_spec(self.call, inputs)
        self.built = True

    def summary(self, line_length=None, positions=None, print_fn=None, expand_nested=False,
                show_trainable=False, layer_range=None):
        from ceras.utils.summary_utils import print_summary  # noqa: PLC0415

        print_summary(self, line_length=line_length, positions=positions, print_fn=print_fn,
                      expand_nested=expand_nested, show_trainable=show_trainable,
                      layer_range=layer_range)

    # -- saving (implemented in ceras.saving, which sits below) --------------
    def save(self, filepath, overwrite=True, zipped=None, **kwargs):
        from ceras.saving import saving_api  # noqa: PLC0415

        return saving_api.save_model(self, filepath, overwrite=overwrite, zipped=zipped,
                                     **kwargs)

    def save_weights(self, filepath, overwrite=True, max_shard_size=None):
        from ceras.saving import saving_api  # noqa: PLC0415

        return saving_api.save_weights(self, filepath, overwrite=overwrite,
                                       max_shard_size=max_shard_size)

    def load_weights(self, filepath, skip_mismatch=False, **kwargs):
        from ceras.saving import saving_api  # noqa: PLC0415

        return saving_api.load_weights(self, filepath, skip_mismatch=skip_mismatch, **kwargs)

    def export(self, filepath, format="tf_saved_model", verbose=None, input_signature=None,
               **kwargs):
        """Export the model's inference function: format="onnx" (an ONNX file for ONNX
        Runtime) or format="torch" (a torch.export ``.pt2`` file). Keras's
        "tf_saved_model", "litert" and "openvino" formats need TensorFlow or other
        toolchains and raise a ValueError. See ``ceras.export.onnx.export_onnx``.

        Example:
            >>> model.export("model.onnx", format="onnx")
        """
        from ceras.export.model_export import export_model  # noqa: PLC0415 - export sits above

        return export_model(self, filepath, format=format, verbose=verbose,
                            input_signature=input_signature, **kwargs)

    def to_json(self, **kwargs):
        from ceras.saving import serialization_lib  # noqa: PLC0415
        import json  # noqa: PLC0415

        return json.dumps(serialization_lib.serialize_keras_object(self), **kwargs)

    def get_config(self):
        config = Layer.get_config(self)
        return config

    @classmethod
    def from_config(cls, config, custom_objects=None):
        if "layers" in config and "input_layers" in config and "output_layers" in config:
            from ceras.models.functional import Functional  # noqa: PLC0415

            return Functional.from_config.__func__(
                cls if issubclass(cls, Functional) else Functional, config, custom_objects)
        return cls(**config)
