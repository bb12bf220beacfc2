"""STFTSpectrogram: a short-time Fourier transform computed as a strided 1-D convolution."""
import math

import numpy as np

from ceras import backend, ops
from ceras.layers.layer import Layer

_MODES = ("log", "magnitude", "psd", "real", "imag", "angle", "stft")
_SCALINGS = ("density", "spectrum", None)
# Generalized cosine windows: w[n] = sum_k (-1)^k a_k cos(2 pi k n / (M - 1)),
# scipy.signal.get_window's definitions (which Keras uses).
_COSINE_WINDOWS = {"hann": (0.5, 0.5), "hamming": (0.54, 0.46),
                   "blackman": (0.42, 0.5, 0.08)}
_WINDOWS = (*_COSINE_WINDOWS, "bartlett", None)


def _window_values(window, frame_length, periodic):
    """The analysis window as numpy; periodic windows drop the last point of a
    ``frame_length + 1`` symmetric window (scipy's ``fftbins=True``)."""
    if window is None:
        return np.ones(frame_length)
    size = frame_length + 1 if periodic else frame_length
    phase = np.arange(size) / max(size - 1, 1)
    if window == "bartlett":
        values = 1.0 - np.abs(2.0 * phase - 1.0)
    else:
        values = sum((-1) ** k * a * np.cos(2.0 * np.pi * k * phase)
                     for k, a in enumerate(_COSINE_WINDOWS[window]))
    return values[:frame_length]


class STFTSpectrogram(Layer):
    """Spectrogram of a (multi-channel) signal, one frame every ``frame_step`` samples.

    The DFT of each windowed frame is a convolution with fixed cosine / sine kernels
    (``real_kernel`` and ``imag_kernel``, shape ``(frame_length, 1, fft_length // 2 + 1)``),
    so the transform can also be fine-tuned like any other weight.

    Args:
        mode: "log" (log magnitude), "magnitude", "psd" (one-sided power spectral
            density), "real", "imag", "angle" or "stft" (real and imaginary parts
            concatenated). Default "log".
        frame_length: samples per frame. Default 256.
        frame_step: samples between frame starts; default ``frame_length // 2``.
        fft_length: DFT size (frames are zero-padded to it); default the next power
            of two >= ``frame_length``.
        window: "hann", "hamming", "blackman", "bartlett", None (rectangular) or an
            array of ``frame_length`` values. Default "hann".
        periodic: use the periodic (DFT-even) window rather than the symmetric one.
            Default False.
        scaling: "density" (window scaled to unit energy), "spectrum" (to unit sum)
            or None. Default "density".
        padding: "valid" or "same". Default "valid".
        expand_dims: keep channels on their own axis instead of concatenating
            them along the frequency axis. Default False.
        data_format: "channels_last" (``(batch, time, channels)``) or
            "channels_first" (``(batch, channels, time)``).

    Example:
        >>> STFTSpectrogram(frame_length=16)(np.zeros((2, 300, 1))).shape
        (2, 36, 9)
    """

    def __init__(self, mode="log", frame_length=256, frame_step=None, fft_length=None,
                 window="hann", periodic=False, scaling="density", padding="valid",
                 expand_dims=False, data_format=None, **kwargs):
        super().__init__(**kwargs)
        if mode not in _MODES:
            raise ValueError(f'Layer "{self.name}" expects mode to be one of {_MODES}, '
                             f"received mode={mode!r}")
        if not isinstance(frame_length, int) or frame_length <= 0:
            raise ValueError(f'Layer "{self.name}" expects frame_length to be a positive '
                             f"integer, received frame_length={frame_length!r}")
        if frame_step is not None and (not isinstance(frame_step, int) or frame_step <= 0):
            raise ValueError(f'Layer "{self.name}" expects frame_step to be a positive '
                             f"integer or None, received frame_step={frame_step!r}")
        if fft_length is not None and (not isinstance(fft_length, int)
                                       or fft_length < frame_length):
            raise ValueError(f'Layer "{self.name}" expects fft_length to be an integer >= '
                             f"frame_length ({frame_length}) or None, received "
                             f"fft_length={fft_length!r}")
        if isinstance(window, str) or window is None:
            if window not in _WINDOWS:
                raise ValueError(f'Layer "{self.name}" expects window to be one of '
                                 f"{_WINDOWS} or an array, received window={window!r}")
        elif np.shape(window) != (frame_length,):
            raise ValueError(f'Layer "{self.name}" expects a window array of shape '
                             f"({frame_length},), received shape {np.shape(window)}")
        if scaling not in _SCALINGS:
            raise ValueError(f'Layer "{self.name}" expects scaling to be one of '
                             f"{_SCALINGS}, received scaling={scaling!r}")
        if padding not in ("valid", "same"):
            raise ValueError(f'Layer "{self.name}" expects padding to be "valid" or "same", '
                             f"received padding={padding!r}")
        self.mode = mode
        self.frame_length = frame_length
        self.frame_step = frame_step
        self.fft_length = fft_length
        self.window = window
        self.periodic = periodic
        self.scaling = scaling
        self.padding = padding
        self.expand_dims = expand_dims
        self.data_format = backend.standardize_data_format(data_format)
        self._frame_step = frame_step or frame_length // 2
        self._fft_length = fft_length or 2 ** math.ceil(math.log2(frame_length))

    def _kernels(self):
        if isinstance(self.window, str) or self.window is None:
            window = _window_values(self.window, self.frame_length, self.periodic)
        else:
            window = np.asarray(self.window, dtype="float64")
        if self.scaling == "density":
            window = window / np.sqrt(np.sum(window ** 2))
        elif self.scaling == "spectrum":
            window = window / np.sum(window)
        # Keras spaces the bins evenly over [0, pi], so an odd fft_length uses the
        # frequency step pi / (fft_length // 2) rather than 2 * pi / fft_length.
        angles = (np.pi / max(self._fft_length // 2, 1)) * np.outer(
            np.arange(self.frame_length), np.arange(self._fft_length // 2 + 1))
        real = (window[:, None] * np.cos(angles))[:, None, :]
        imag = (-window[:, None] * np.sin(angles))[:, None, :]
        return real, imag

    def build(self, input_shape):
        real, imag = self._kernels()
        self.real_kernel = self.add_weight(
            name="real_kernel", shape=real.shape, initializer=_Constant(real))
        self.imag_kernel = self.add_weight(
            name="imag_kernel", shape=imag.shape, initializer=_Constant(imag))

    def call(self, inputs):
        dtype = self.compute_dtype
        inputs = ops.cast(inputs, dtype)
        if self.data_format == "channels_last":
            inputs = ops.transpose(inputs, (0, 2, 1))
        batch, channels = ops.shape(inputs)[0], ops.shape(inputs)[1]
        signals = ops.reshape(inputs, (-1, ops.shape(inputs)[2], 1))
        kernel = ops.concatenate([ops.cast(self.real_kernel.value, dtype),
                                  ops.cast(self.imag_kernel.value, dtype)], axis=-1)
        both = ops.conv(signals, kernel, strides=self._frame_step, padding=self.padding,
                        data_format="channels_last")
        bins = self._fft_length // 2 + 1
        spectrum = self._apply_mode(both[..., :bins], both[..., bins:])
        frames, features = ops.shape(spectrum)[1], ops.shape(spectrum)[2]
        # (batch, channels, frames, features); channel blocks stay contiguous.
        spectrum = ops.reshape(spectrum, (batch, channels, frames, features))
        if self.expand_dims:
            if self.data_format == "channels_last":
                return ops.transpose(spectrum, (0, 2, 3, 1))
            return spectrum
        spectrum = ops.reshape(ops.transpose(spectrum, (0, 2, 1, 3)),
                               (batch, frames, channels * features))
        if self.data_format == "channels_first":
            return ops.transpose(spectrum, (0, 2, 1))
        return spectrum

    def _apply_mode(self, real, imag):
        if self.mode == "real":
            return real
        if self.mode == "imag":
            return imag
        if self.mode == "stft":
            return ops.concatenate([real, imag], axis=-1)
        if self.mode == "angle":
            return ops.arctan2(imag, real)
        power = ops.square(real) + ops.square(imag)
        if self.mode == "magnitude":
            return ops.sqrt(power)
        if self.mode == "log":
            # Log magnitude with the power floored at 1e-7, as Keras does.
            return 0.5 * ops.log(ops.maximum(power, 1e-7))
        # One-sided PSD: every bin except the first and the last counts twice (Keras
        # treats the last bin as Nyquist even for an odd fft_length).
        scale = np.ones(self._fft_length // 2 + 1)
        scale[1:-1] = 2.0
        return power * ops.convert_to_tensor(scale, power.dtype)

    def compute_output_shape(self, input_shape):
        if self.data_format == "channels_last":
            length, channels = input_shape[1], input_shape[2]
        else:
            channels, length = input_shape[1], input_shape[2]
        if length is None:
            frames = None
        elif self.padding == "same":
            frames = -(-length // self._frame_step)
        else:
            frames = (length - self.frame_length) // self._frame_step + 1
        features = self._fft_length // 2 + 1
        if self.mode == "stft":
            features *= 2
        if self.expand_dims:
            if self.data_format == "channels_last":
                return (input_shape[0], frames, features, channels)
            return (input_shape[0], channels, frames, features)
        merged = None if channels is None else channels * features
        if self.data_format == "channels_last":
            return (input_shape[0], frames, merged)
        return (input_shape[0], merged, frames)

    def get_config(self):
        config = super().get_config()
        window = self.window
        if not (isinstance(window, str) or window is None):
            window = np.asarray(window).tolist()
        config.update({
            "mode": self.mode, "frame_length": self.frame_length,
            "frame_step": self.frame_step, "fft_length": self.fft_length, "window": window,
            "periodic": self.periodic, "scaling": self.scaling, "padding": self.padding,
            "data_format": self.data_format, "expand_dims": self.expand_dims,
        })
        return config


class _Constant:
    """Initializer returning fixed numpy values (the DFT kernels are data, not config)."""

    def __init__(self, values):
        self.values = values

    def __call__(self, shape, dtype=None):
        return ops.convert_to_tensor(self.values, dtype or "float32")
