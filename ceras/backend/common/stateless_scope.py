"""StatelessScope: run layers as pure functions of variable values.

Inside the scope, reading a Variable gives the value the scope maps it to (or its
own value when the scope does not know it), and assigning one records the new value
in the scope instead of changing the Variable. That is how a layer or a model is
called with values that are not its own (``Layer.stateless_call``), and how the JAX
trainer runs a whole step under ``jax.jit``: variables go in as arguments and come
out as results, and the Variables themselves are untouched.

Keras exposes the same class as ``keras.StatelessScope``; backends whose Variables
consult it (JAX) honour it completely.
"""
from ceras.backend.common.keras_tensor import KerasTensor

# The active scope (innermost), or None. A one-element list: Variables read it on
# every access, and a list item is the cheapest global to look up.
ACTIVE = [None]


class StatelessScope:
    """Map variables to values for the duration of a ``with`` block.

    Args:
        state_mapping: iterable of ``(variable, value)`` pairs (values are backend
            tensors, arrays or other Variables, of the variable's shape).
        collect_losses: accepted for Keras compatibility; losses added inside are
            kept in ``losses``.
        initialize_variables: accepted for Keras compatibility (variables created
            inside the scope are initialized right away in ceras).

    Example:

    >>> mapping = [(v, ops.zeros(v.shape, v.dtype)) for v in model.weights]
    >>> with ceras.StatelessScope(mapping) as scope:
    ...     outputs = model(x)
    >>> new_value = scope.get_current_value(model.weights[0])
    """

    def __init__(self, state_mapping=None, collect_losses=False, initialize_variables=True):
        from ceras.backend.common.variable import KerasVariable  # noqa: PLC0415 - sits above

        self.collect_losses = collect_losses
        self.initialize_variables = initialize_variables
        self.losses = []
        self.state_mapping = {}
        for variable, value in state_mapping or ():
            if not isinstance(variable, KerasVariable):
                raise ValueError(
                    "Invalid reference variable in StatelessScope: every key of "
                    f"`state_mapping` must be a Variable, received {variable!r}")
            if isinstance(value, KerasVariable):
                value = value.value
            if isinstance(value, KerasTensor):
                raise ValueError(
                    f"StatelessScope: the value for variable {variable.path!r} is a symbolic "
                    "KerasTensor; pass a backend tensor or array")
            value = variable._convert_to_tensor(value, dtype=variable.dtype)
            if tuple(value.shape) != tuple(variable.shape):
                raise ValueError(
                    "Invalid variable value in StatelessScope: the value for variable "
                    f"{variable.path!r} must have shape {tuple(variable.shape)}, received "
                    f"shape {tuple(value.shape)}")
            self.state_mapping[id(variable)] = value

    def __enter__(self):
        self._previous = ACTIVE[0]
        ACTIVE[0] = self
        return self

    def __exit__(self, *exc):
        ACTIVE[0] = self._previous

    def add_loss(self, loss):
        self.losses.append(loss)

    def add_update(self, update):
        variable, value = update
        self.state_mapping[id(variable)] = value

    def get_current_value(self, variable):
        """The value ``variable`` has in this scope (None when never given or assigned)."""
        return self.state_mapping.get(id(variable))


def in_stateless_scope():
    return ACTIVE[0] is not None


def get_stateless_scope():
    return ACTIVE[0]
