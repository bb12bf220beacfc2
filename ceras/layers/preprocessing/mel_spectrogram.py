"""MelSpectrogram: STFT power mapped onto the mel scale, optionally in decibels."""
import numpy as np

from ceras import ops
from ceras.layers.layer import Layer


def _hertz_to_mel(frequencies):
    # HTK mel scale, as in tf.signal (and Keras).
    return 1127.0 * np.log1p(np.asarray(frequencies, dtype="float64") / 700.0)


def mel_weight_matrix(num_mel_bins, num_spectrogram_bins, sampling_rate, lower_edge_hertz,
                      upper_edge_hertz):
    """Triangular filters, shape ``(num_spectrogram_bins, num_mel_bins)``; the DC bin
    gets no weight."""
    linear = np.linspace(0.0, sampling_rate / 2.0, num_spectrogram_bins)[1:]
    bins_mel = _hertz_to_mel(linear)[:, None]
    edges = np.linspace(_hertz_to_mel(lower_edge_hertz), _hertz_to_mel(upper_edge_hertz),
                        num_mel_bins + 2)
    lower, center, upper = edges[:-2], edges[1:-1], edges[2:]
    rising = (bins_mel - lower) / (center - lower)
    falling = (upper - bins_mel) / (upper - center)
    weights = np.maximum(0.0, np.minimum(rising, falling))
    return np.concatenate([np.zeros((1, num_mel_bins)), weights], axis=0)


class MelSpectrogram(Layer):
    """Mel-scaled (power) spectrogram of a batch of mono signals.

    Input ``(batch, samples)`` (or ``(samples,)``); output
    ``(batch, num_mel_bins, frames)`` with ``frames = 1 + samples // sequence_stride``
    (frames are centered, the signal reflect-padded by ``fft_length // 2``).

    Args:
        fft_length: DFT size. Default 2048.
        sequence_stride: samples between frames. Default 512.
        sequence_length: window length; default ``fft_length``.
        window: "hann", "hamming" or None. Default "hann".
        sampling_rate: samples per second. Default 16000.
        num_mel_bins: mel filters. Default 128.
        min_freq: lowest filter edge in Hz. Default 20.0.
        max_freq: highest filter edge in Hz; default ``sampling_rate / 2``.
        power_to_db: convert power to decibels. Default True.
        top_db: floor the decibels this far below the maximum (None: no floor).
            Default 80.0.
        mag_exp: exponent applied to the STFT magnitude (2.0: power). Default 2.0.
        min_power: power floor before the log. Default 1e-10.
        ref_power: power mapped to 0 dB. Default 1.0.

    Example:
        >>> MelSpectrogram(num_mel_bins=40)(np.zeros((2, 16000))).shape
        (2, 40, 32)
    """

    def __init__(self, fft_length=2048, sequence_stride=512, sequence_length=None,
                 window="hann", sampling_rate=16000, num_mel_bins=128, min_freq=20.0,
                 max_freq=None, power_to_db=True, top_db=80.0, mag_exp=2.0, min_power=1e-10,
                 ref_power=1.0, **kwargs):
        super().__init__(**kwargs)
        for arg, value in (("fft_length", fft_length), ("sequence_stride", sequence_stride),
                           ("sampling_rate", sampling_rate), ("num_mel_bins", num_mel_bins)):
            if not isinstance(value, int) or value <= 0:
                raise ValueError(f'Layer "{self.name}" expects {arg} to be a positive '
                                 f"integer, received {arg}={value!r}")
        sequence_length = fft_length if sequence_length is None else sequence_length
        if not isinstance(sequence_length, int) or not 0 < sequence_length <= fft_length:
            raise ValueError(f'Layer "{self.name}" expects sequence_length to be an integer '
                             f"in [1, fft_length={fft_length}], received "
                             f"sequence_length={sequence_length!r}")
        if window not in ("hann", "hamming", None):
            raise ValueError(f'Layer "{self.name}" expects window to be "hann", "hamming" '
                             f"or None, received window={window!r}")
        max_freq = sampling_rate // 2 if max_freq is None else max_freq
        if not 0 <= min_freq < max_freq:
            raise ValueError(f'Layer "{self.name}" expects 0 <= min_freq < max_freq, '
                             f"received min_freq={min_freq!r}, max_freq={max_freq!r}")
        self.fft_length = fft_length
        self.sequence_stride = sequence_stride
        self.sequence_length = sequence_length
        self.window = window
        self.sampling_rate = sampling_rate
        self.num_mel_bins = num_mel_bins
        self.min_freq = min_freq
        self.max_freq = max_freq
        self.power_to_db = power_to_db
        self.top_db = top_db
        self.mag_exp = mag_exp
        self.min_power = min_power
        self.ref_power = ref_power
        self._mel_weights = mel_weight_matrix(num_mel_bins, fft_length // 2 + 1, sampling_rate,
                                              min_freq, max_freq)
        self.built = True

    def call(self, inputs):
        dtype = self.compute_dtype
        inputs = ops.cast(inputs, dtype)
        real, imag = ops.stft(inputs, sequence_length=self.sequence_length,
                              sequence_stride=self.sequence_stride,
                              fft_length=self.fft_length, window=self.window, center=True)
        magnitude = ops.sqrt(ops.square(real) + ops.square(imag))
        if self.mag_exp != 1:
            magnitude = ops.power(magnitude, self.mag_exp)
        weights = ops.convert_to_tensor(self._mel_weights, dtype)
        mel = ops.matmul(magnitude, weights)
        mel = ops.swapaxes(mel, -1, -2)
        if self.power_to_db:
            mel = self._decibels(mel)
        return mel

    def _decibels(self, power):
        log_power = 10.0 * ops.log10(ops.maximum(power, self.min_power))
        log_power = log_power - 10.0 * float(np.log10(max(self.ref_power, self.min_power)))
        if self.top_db is not None:
            # The floor is relative to the loudest value of the whole batch.
            log_power = ops.maximum(log_power, ops.max(log_power) - self.top_db)
        return log_power

    def compute_output_shape(self, input_shape):
        input_shape = tuple(input_shape)
        length = input_shape[-1]
        frames = None if length is None else 1 + length // self.sequence_stride
        return input_shape[:-1] + (self.num_mel_bins, frames)

    def get_config(self):
        config = super().get_config()
        config.update({
            "fft_length": self.fft_length, "sequence_stride": self.sequence_stride,
            "sequence_length": self.sequence_length, "window": self.window,
            "sampling_rate": self.sampling_rate, "num_mel_bins": self.num_mel_bins,
            "min_freq": self.min_freq, "max_freq": self.max_freq,
            "power_to_db": self.power_to_db, "top_db": self.top_db, "mag_exp": self.mag_exp,
            "min_power": self.min_power, "ref_power": self.ref_power,
        })
        return config
