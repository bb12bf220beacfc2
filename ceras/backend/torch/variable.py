"""The torch Variable: a Keras variable whose value is a torch.nn.Parameter."""
import torch
from torch._subclasses.fake_tensor import unset_fake_temporarily

from ceras.backend.common import global_state, tree
from ceras.backend.common.variable import KerasVariable
from ceras.backend.torch.core import _DEVICE, convert_to_numpy, convert_to_tensor


class Variable(KerasVariable):
    """A Keras variable whose value is a ``torch.nn.Parameter``."""

    def __init__(self, *args, **kwargs):
        # A layer built while shapes are being traced on fake tensors must still get
        # real weights: create (and initialize) them outside the fake mode.
        with unset_fake_temporarily():
            super().__init__(*args, **kwargs)

    def _initialize(self, value):
        t = convert_to_tensor(value, dtype=self._dtype)
        if t.device != _DEVICE:
            t = t.to(_DEVICE)
        grad = self._trainable and (t.is_floating_point() or t.is_complex())
        self._value = torch.nn.Parameter(t.detach().clone(), requires_grad=grad)
        self._shape = tuple(t.shape)

    def _convert_to_tensor(self, value, dtype=None):
        return convert_to_tensor(value, dtype=dtype)

    # Fast paths: metrics and optimizers update variables every step. Writing through
    # `.data` changes the value in place without recording anything for autograd.
    def assign(self, value):
        if isinstance(value, torch.Tensor) and value.shape == self._value.shape and \
                value.dtype == self._value.dtype and not global_state.in_symbolic_scope():
            self._value.data.copy_(value)
            return self._value
        return super().assign(value)

    def assign_add(self, value):
        if global_state.in_symbolic_scope():
            return value
        if not isinstance(value, torch.Tensor) or value.dtype != self._value.dtype:
            value = convert_to_tensor(value, dtype=self._dtype)
        self._value.data.add_(value)
        return self._value

    def assign_sub(self, value):
        if global_state.in_symbolic_scope():
            return value
        if not isinstance(value, torch.Tensor) or value.dtype != self._value.dtype:
            value = convert_to_tensor(value, dtype=self._dtype)
        self._value.data.sub_(value)
        return self._value

    def _direct_assign(self, value):
        with torch.no_grad():
            self._value.copy_(value)

    @KerasVariable.trainable.setter
    def trainable(self, value):
        self._trainable = bool(value)
        if self._value.is_floating_point():
            self._value.requires_grad_(self._trainable)

    def numpy(self):
        # A copy: on CPU the tensor's memory would otherwise be shared, and a saved
        # or returned array would change as training updates the variable.
        return convert_to_numpy(self._value).copy()

    @classmethod
    def __torch_function__(cls, func, types, args=(), kwargs=None):
        # Lets torch functions take a Variable directly: unwrap to the Parameter.
        args = tree.map_structure(lambda v: v.value if isinstance(v, KerasVariable) else v,
                                  args)
        kwargs = tree.map_structure(
            lambda v: v.value if isinstance(v, KerasVariable) else v, kwargs or {})
        return func(*args, **kwargs)
