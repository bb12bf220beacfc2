"""Binding backend functions as public ops.

``bind(name, fn)`` returns ``fn`` wrapped so that a call on symbolic tensors
infers the output spec and records a graph node; a call on real tensors goes
straight to the backend function (one Python frame of overhead).
"""
import functools

from ceras.backend import any_symbolic
from ceras.ops.operation import FunctionOperation

# op name -> backend function, for every bound op (used to rebuild graphs).
REGISTRY = {}


def bind(name, fn):
    REGISTRY[name] = fn

    @functools.wraps(fn)
    def op(*args, **kwargs):
        if any_symbolic(args, kwargs):
            return FunctionOperation(name, fn).symbolic_call(*args, **kwargs)
        return fn(*args, **kwargs)

    op.__name__ = name
    op.__qualname__ = name
    return op


def bind_all(namespace, backend_module, names):
    """Bind each name of ``backend_module`` into ``namespace`` (a module's globals)."""
    for name in names:
        fn = getattr(backend_module, name, None)
        if fn is not None:  # tests/ops check every Keras name is present
            namespace[name] = bind(name, fn)
