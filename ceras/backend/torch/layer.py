"""On torch, every Layer is also a torch.nn.Module.

Sublayers and Parameters are registered in the module's ``_modules`` /
``_parameters`` so ``model.parameters()``, ``state_dict()``, ``.to()``,
``torch.compile`` and DDP see them, while attribute lookups stay plain
(``self.dense`` is found in ``__dict__``, never through ``Module.__getattr__``).
"""
import torch


class BackendLayer(torch.nn.Module):
    def _backend_init(self):
        torch.nn.Module.__init__(self)

    def _register_sublayer(self, key, layer):
        self._modules[key.replace(".", "_")] = layer

    def _unregister_sublayer(self, key):
        self._modules.pop(key.replace(".", "_"), None)

    def _register_variable(self, key, variable):
        self._parameters[key.replace(".", "_")] = variable.value

    def _track_backend_attribute(self, name, value):
        if isinstance(value, torch.nn.Parameter):
            self._parameters[name] = value
        elif isinstance(value, torch.nn.Module) and not hasattr(value, "_ceras_layer"):
            self._modules[name] = value

    def forward(self, *args, **kwargs):
        return self.call(*args, **kwargs)
