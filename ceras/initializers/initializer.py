"""Initializer: the base class of every weight initializer."""


class Initializer:
    """Makes the initial value of a weight: ``initializer(shape, dtype)``.

    Subclasses implement ``__call__`` and, when they take arguments,
    ``get_config`` (returning exactly those arguments).

    Example:

    >>> class Halves(Initializer):
    ...     def __call__(self, shape, dtype=None):
    ...         return ceras.ops.ones(shape, dtype=dtype) * 0.5
    """

    def __call__(self, shape, dtype=None):
        raise NotImplementedError(
            f"Initializer {type(self).__name__} does not implement __call__(shape, dtype)"
        )

    def get_config(self):
        return {}

    @classmethod
    def from_config(cls, config):
        return cls(**config)

    def clone(self):
        return type(self).from_config(self.get_config())
