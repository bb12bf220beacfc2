"""STFT: the fixed kernel of a convolution that computes a short-time Fourier transform."""
import numpy as np

from ceras import backend, ops
from ceras.initializers.initializer import Initializer

_SIDES = ("real", "imag")
# The windows NumPy computes itself (symmetric; a periodic one is the symmetric
# window one sample longer, minus its last sample, as in scipy.signal.get_window).
_NUMPY_WINDOWS = {"hann": np.hanning, "hanning": np.hanning, "hamming": np.hamming,
                  "blackman": np.blackman, "bartlett": np.bartlett,
                  "boxcar": np.ones, "rectangular": np.ones, "ones": np.ones}
_SCALINGS = (None, "density", "spectrum")


class STFT(Initializer):
    """Conv kernel of shape ``(frame_length, channels, fft_bins)`` whose output is
    the real or imaginary part of the windowed DFT of each frame:
    ``kernel[t, :, k] = w[t] * cos(2 pi t k / n)`` (real) or ``-w[t] * sin(...)``
    (imag), where ``n = 2 * (fft_bins - 1)``.

    Args:
        side: "real" (default) or "imag".
        window: Name of a ``scipy.signal.windows`` window ("hann", the default,
            "hamming", ...), an array of ``frame_length`` values, or None.
        scaling: "density" (default; window divided by its L2 norm), "spectrum"
            (by its sum) or None. Ignored when ``window`` is None.
        periodic: Whether a named window is periodic (DFT-even). Defaults to False.

    >>> ceras.initializers.STFT("real", "hann")(shape=(128, 1, 65))
    """

    def __init__(self, side="real", window="hann", scaling="density", periodic=False):
        if side not in _SIDES:
            raise ValueError(f"Argument `side` must be 'real' or 'imag'. Received: side={side!r}")
        if scaling not in _SCALINGS:
            raise ValueError(
                "Argument `scaling` must be None, 'density' or 'spectrum'. "
                f"Received: scaling={scaling!r}"
            )
        self.side = side
        self.window = window
        self.scaling = scaling
        self.periodic = periodic

    def __call__(self, shape, dtype=None):
        shape = tuple(int(d) for d in shape)
        if len(shape) != 3:
            raise ValueError(
                "STFT initializer expects a 3D shape (frame_length, channels, fft_bins). "
                f"Received: shape={shape}"
            )
        frame_length, bins = shape[0], shape[-1]
        fft_length = 2 * (bins - 1)
        angle = (2.0 * np.pi / max(fft_length, 1)) * np.outer(np.arange(frame_length),
                                                            np.arange(bins))
        kernel = np.cos(angle) if self.side == "real" else -np.sin(angle)
        window = self._window_values(frame_length)
        if window is not None:
            kernel = kernel * window[:, None]
        kernel = np.array(np.broadcast_to(kernel[:, None, :], shape))  # a writable copy
        return ops.convert_to_tensor(kernel, dtype=backend.standardize_dtype(dtype))

    def _window_values(self, frame_length):
        if self.window is None:
            return None
        if isinstance(self.window, str):
            window = _named_window(self.window, frame_length, self.periodic)
        else:
            window = np.asarray(self.window, dtype="float64")
            if window.shape != (frame_length,):
                raise ValueError(
                    f"The shape of `window` must be ({frame_length},) (frame_length). "
                    f"Received: window shape={window.shape}"
                )
        if self.scaling == "density":
            window = window / np.sqrt(np.sum(window ** 2))
        elif self.scaling == "spectrum":
            window = window / np.sum(window)
        return window

    def get_config(self):
        return {"side": self.side, "window": self.window, "periodic": self.periodic,
                "scaling": self.scaling}


def _named_window(name, length, periodic):
    make = _NUMPY_WINDOWS.get(name)
    if make is not None:
        return make(length + 1)[:-1] if periodic else make(length)
    try:  # any other scipy.signal.windows name, when SciPy is installed
        from scipy.signal import get_window
    except ImportError:
        raise ValueError(
            f"STFT window {name!r} needs SciPy, which is not installed; built-in windows: "
            f"{sorted(_NUMPY_WINDOWS)}"
        ) from None
    return get_window(name, length, fftbins=periodic)
