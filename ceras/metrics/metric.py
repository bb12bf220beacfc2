"""Metric: the base class of stateful metrics.

A metric keeps its running state in non-trainable Variables (created with
``add_variable``), folds each batch into them with in-place ``assign_add`` in
``update_state``, and computes its value from them in ``result``. Nothing is
brought to the host: ``result()`` is a tensor on the device.
"""
from ceras import backend, dtype_policies, initializers, ops
from ceras.backend import global_state


class Metric:
    """Base class of metrics.

    Subclasses create their state in ``__init__`` with ``add_variable`` and
    implement ``update_state(*args, sample_weight=None)`` and ``result()``.

    Args:
        dtype: dtype of the metric's computations and result (default ``floatx()``).
        name: name of the metric instance (default: the snake-case class name).

    Example:

    >>> class Count(Metric):
    ...     def __init__(self, name="count", dtype=None):
    ...         super().__init__(name=name, dtype=dtype)
    ...         self.count = self.add_variable((), "zeros", name="count")
    ...     def update_state(self, values, sample_weight=None):
    ...         self.count.assign_add(ops.cast(ops.size(values), self.dtype))
    ...     def result(self):
    ...         return ops.convert_to_tensor(self.count)
    """

    _keras_module = "keras.metrics"  # the module written in saved configs

    def __init__(self, dtype=None, name=None):
        self.name = name or global_state.auto_name(type(self).__name__)
        self._dtype_policy = dtype_policies.get(dtype or backend.floatx())
        self._dtype = self._dtype_policy.compute_dtype
        self._variables = []
        self._metrics = []

    @property
    def dtype(self):
        return self._dtype

    def __setattr__(self, name, value):
        # Sub-metrics held as attributes contribute their variables.
        if isinstance(value, Metric) and "_metrics" in self.__dict__:
            self._metrics.append(value)
        object.__setattr__(self, name, value)

    def add_variable(self, shape, initializer, dtype=None, aggregation="sum", name=None):
        """Create a non-trainable state Variable of ``shape`` (default dtype: floatx)."""
        if "_variables" not in self.__dict__:
            raise RuntimeError(
                f"{type(self).__name__}.add_variable() was called before "
                "Metric.__init__(): call super().__init__() first in __init__")
        if isinstance(initializer, str) or initializer is None:
            initializer = initializers.get(initializer or "zeros")
        with global_state.NameScope(self.name.replace("/", ">")):
            variable = backend.Variable(initializer, shape=shape, dtype=dtype,
                                        trainable=False, aggregation=aggregation,
                                        synchronization="on_read", name=name)
        self._variables.append(variable)
        return variable

    def add_weight(self, shape=(), initializer=None, dtype=None, name=None):
        """Alias of ``add_variable`` (kept for Keras 2 code)."""
        return self.add_variable(shape=shape, initializer=initializer, dtype=dtype, name=name)

    @property
    def variables(self):
        variables = list(self._variables)
        for metric in self._metrics:
            variables.extend(metric.variables)
        return variables

    def reset_state(self):
        """Set every state variable back to zero (called between epochs)."""
        for variable in self.variables:
            variable.assign(ops.zeros(variable.shape, dtype=variable.dtype))

    def update_state(self, *args, **kwargs):
        raise NotImplementedError(
            f"Metric {type(self).__name__} must implement update_state()")

    def result(self):
        raise NotImplementedError(f"Metric {type(self).__name__} must implement result()")

    def __call__(self, *args, **kwargs):
        self.update_state(*args, **kwargs)
        return self.result()

    def stateless_update_state(self, metric_variables, *args, **kwargs):
        """Pure form of ``update_state``: new values of ``metric_variables`` (listed in
        the order of ``variables``), leaving the metric's own state unchanged."""
        with _Swapped(self, metric_variables):
            self.update_state(*args, **kwargs)
            return [ops.copy(v.value) for v in self.variables]

    def stateless_result(self, metric_variables):
        with _Swapped(self, metric_variables):
            return self.result()

    def stateless_reset_state(self):
        return [ops.zeros(v.shape, dtype=v.dtype) for v in self.variables]

    def get_config(self):
        return {"name": self.name, "dtype": self.dtype}

    @classmethod
    def from_config(cls, config):
        return cls(**config)

    def __repr__(self):
        return f"<{type(self).__name__} name={self.name}>"


class _Swapped:
    """Temporarily load given values into a metric's variables (restored on exit)."""

    def __init__(self, metric, values):
        variables = metric.variables
        if len(values) != len(variables):
            raise ValueError(
                "Argument `metric_variables` must be a list of tensors corresponding 1:1 to "
                f"{type(metric).__name__}().variables. Received list with length "
                f"{len(values)}, but expected {len(variables)} variables.")
        self.variables = variables
        self.values = values

    def __enter__(self):
        self.saved = [ops.copy(v.value) for v in self.variables]
        for variable, value in zip(self.variables, self.values):
            variable.assign(value)

    def __exit__(self, *exc):
        for variable, value in zip(self.variables, self.saved):
            variable.assign(value)
