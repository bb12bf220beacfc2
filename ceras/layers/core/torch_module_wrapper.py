"""TorchModuleWrapper: use a torch.nn.Module as a ceras layer (torch backend only)."""
from ceras import backend
from ceras.layers.layer import Layer


def _torch_helpers(owner):
    if backend.backend() != "torch":
        raise ValueError(
            f"{owner} needs the torch backend; the active backend is {backend.backend()!r}"
        )
    from ceras.backend.torch import torch_module  # noqa: PLC0415 - exists on torch only

    return torch_module


class TorchModuleWrapper(Layer):
    """Wraps a ``torch.nn.Module`` so it can sit in a ceras model: its parameters
    become the layer's weights (Variables sharing the parameters' storage, trainable
    as their ``requires_grad`` says), so fit, the optimizers and saving see them.
    The module runs in eval mode when called with ``training=False``, in train mode
    otherwise; its buffers (e.g. BatchNorm running statistics) stay the module's.

    Args:
        module: the torch.nn.Module (lazy modules must be initialized first).
        name: layer name.
        output_shape: optional full output shape, returned as-is by
            ``compute_output_shape`` (as in Keras). Without it, symbolic calls trace
            the module on stand-in tensors.

    Saving stores the pickled module; loading it back needs ``safe_mode=False``
    because unpickling can run code.

    Example:
        >>> layer = TorchModuleWrapper(torch.nn.Linear(3, 2))
        >>> layer(np.ones((4, 3), "float32")).shape
        (4, 2)
    """

    def __init__(self, module, name=None, output_shape=None, **kwargs):
        helpers = _torch_helpers(type(self).__name__)
        helpers.check_module(module, type(self).__name__)
        super().__init__(name=name, **kwargs)
        self._helpers = helpers
        self.module = module
        self.output_shape = tuple(output_shape) if output_shape is not None else None
        for variable in helpers.module_variables(module):
            self._track_variable(variable)
        self.built = True

    def call(self, *args, training=None, **kwargs):
        return self._helpers.call_module(self.module, training, args, kwargs)

    def compute_output_shape(self, input_shape):
        if self.output_shape is None:
            return super().compute_output_shape(input_shape)
        return self.output_shape

    def compute_output_spec(self, *args, **kwargs):
        if self.output_shape is None:
            return backend.compute_output_spec(self.call, *args, **kwargs)
        return super().compute_output_spec(*args, **kwargs)

    def get_config(self):
        config = super().get_config()
        config.update({"module": self._helpers.serialize_module(self.module),
                       "output_shape": self.output_shape})
        return config

    @classmethod
    def from_config(cls, config):
        from ceras.saving import serialization_lib  # noqa: PLC0415 - saving calls back down

        config = dict(config)
        if isinstance(config.get("module"), str):
            if serialization_lib.in_safe_mode():
                raise ValueError(
                    "Loading a TorchModuleWrapper unpickles its torch.nn.Module "
                    "(torch.load), which can run arbitrary code, so safe mode refuses it. "
                    "If you trust the file, pass safe_mode=False to the loading function "
                    "or call ceras.config.enable_unsafe_deserialization()."
                )
            config["module"] = _torch_helpers(cls.__name__).deserialize_module(config["module"])
        return super().from_config(config)
