"""A switch that makes training bit-for-bit reproducible.

With ``set_random_seed(seed)`` before building and fitting, two CPU runs of the
same program already give identical weights. ``enable_determinism`` also makes
the backend pick deterministic kernels where it has a choice (on GPUs, cuBLAS
and cuDNN), and raises or warns where an op has none.
"""
from ceras import backend

_STATE = {"enabled": False}


def enable_determinism():
    """Use only deterministic kernels from now on (slower on some GPUs).

    Example:
        >>> ceras.utils.set_random_seed(1)
        >>> ceras.config.enable_determinism()
    """
    _STATE["enabled"] = True
    _set_backend(True)


def disable_determinism():
    """Let the backend choose the fastest kernels again (the default)."""
    _STATE["enabled"] = False
    _set_backend(False)


def is_determinism_enabled():
    return _STATE["enabled"]


def _set_backend(enabled):
    trainer = getattr(backend, "trainer", None)
    if trainer is not None and hasattr(trainer, "set_determinism"):
        trainer.set_determinism(enabled)
