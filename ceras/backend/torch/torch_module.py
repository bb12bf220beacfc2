"""torch backend: what TorchModuleWrapper (ceras/layers/core) needs to hold a plain
``torch.nn.Module`` as a layer: its parameters as Variables sharing their storage,
train/eval switching, and (de)serialization of the module itself."""
import base64
import io

import torch

from ceras.backend.torch.core import Variable, dtype_name


def check_module(module, owner):
    """Raise unless ``module`` is a torch.nn.Module with initialized parameters."""
    if not isinstance(module, torch.nn.Module):
        raise ValueError(
            f"{owner} expects `module` to be a torch.nn.Module, received {module!r} of type "
            f"{type(module).__name__}"
        )
    if any(isinstance(p, torch.nn.parameter.UninitializedParameter)
           for p in module.parameters()):
        raise ValueError(
            f"{owner} cannot wrap a lazy module before it is initialized (run it once on "
            f"data first), received {module!r}"
        )


def module_variables(module):
    """One Variable per parameter of ``module``, in ``module.parameters()`` order, each
    holding the parameter itself (updates on either side are seen by the other)."""
    variables = []
    for param in module.parameters():
        variable = Variable(param.detach(), shape=tuple(param.shape),
                            dtype=dtype_name(param.dtype), trainable=param.requires_grad)
        variable._value = param  # share the module's storage instead of the copy
        variables.append(variable)
    return variables


def call_module(module, training, args, kwargs):
    """Run the module in train mode unless ``training`` is False (as Keras does)."""
    module.train(training is not False)
    return module(*args, **kwargs)


def serialize_module(module):
    """The whole module (code references and weights), pickled by torch.save, as text."""
    buffer = io.BytesIO()
    torch.save(module, buffer)
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def deserialize_module(text):
    """Inverse of serialize_module. Unpickling can run arbitrary code: callers must
    only do this outside safe mode."""
    buffer = io.BytesIO(base64.b64decode(text))
    return torch.load(buffer, weights_only=False)
