"""Math ops (keras.ops.math and the math names at the top of keras.ops).

Each name is bound once, at import, to the active backend's function of the same
name; called on symbolic tensors it infers shapes and records a graph node.
"""
from ceras import backend
from ceras.ops.symbolic import bind_all

NAMES = (
    "erf", "erfc", "erfinv", "extract_sequences", "fft", "fft2", "ifft2", "in_top_k", "irfft",
    "istft", "logdet", "logsumexp", "rfft", "rsqrt", "segment_max", "segment_min",
    "segment_prod", "segment_sum", "stft", "top_k", "view_as_complex", "view_as_real", "cdist",
)

bind_all(globals(), backend.math, NAMES)
__all__ = list(NAMES)
