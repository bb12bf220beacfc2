"""MelSpectrogram and STFTSpectrogram: numeric parity with Keras on random signals."""
import numpy as np
import pytest

from ceras import layers


def _np(x):
    return x.detach().numpy() if hasattr(x, "detach") else np.asarray(x)


@pytest.fixture
def signal():
    return np.random.default_rng(7).normal(size=(2, 300, 2)).astype("float32")


STFT_CONFIGS = [
    dict(frame_length=16),
    dict(frame_length=16, mode="magnitude", padding="same"),
    dict(frame_length=12, fft_length=16, frame_step=5, mode="psd", periodic=True),
    dict(frame_length=15, fft_length=15, mode="psd", window="hamming", scaling="spectrum"),
    dict(frame_length=16, mode="stft", window=None, scaling=None),
    dict(frame_length=16, mode="angle"),
    dict(frame_length=16, mode="magnitude", window="blackman", periodic=True),
    dict(frame_length=13, fft_length=16, mode="psd", window="bartlett"),
    dict(frame_length=16, mode="real", window="bartlett", periodic=True, scaling="spectrum"),
    dict(frame_length=6, mode="magnitude", window=[0.1, 0.5, 1.0, 1.0, 0.5, 0.1]),
    dict(frame_length=8, mode="real", expand_dims=True),
    dict(frame_length=8, mode="stft", data_format="channels_first"),
    dict(frame_length=8, mode="imag", data_format="channels_first", expand_dims=True),
]


@pytest.mark.oracle
@pytest.mark.parametrize("config", STFT_CONFIGS)
def test_stft_spectrogram_matches_keras(keras_oracle, signal, config):
    x = signal.transpose(0, 2, 1) if config.get("data_format") == "channels_first" else signal
    expected = _np(keras_oracle.layers.STFTSpectrogram(**config)(x))
    layer = layers.STFTSpectrogram(**config)
    out = _np(layer(x))
    assert out.shape == expected.shape
    assert layer.compute_output_shape(x.shape) == expected.shape
    if config.get("mode") == "angle":
        # Bins with imag ~ 0 may land on either side of the branch cut at +-pi.
        out, expected = np.angle(np.exp(1j * (out - expected))), np.zeros_like(expected)
    np.testing.assert_allclose(out, expected, rtol=1e-4, atol=1e-4)


@pytest.mark.oracle
def test_stft_spectrogram_weights_and_config_match_keras(keras_oracle):
    theirs = keras_oracle.layers.STFTSpectrogram(frame_length=12, fft_length=16, name="s")
    theirs.build((None, 100, 1))
    ours = layers.STFTSpectrogram(frame_length=12, fft_length=16, name="s")
    ours.build((None, 100, 1))
    assert [w.path for w in ours.weights] == [w.path for w in theirs.weights]
    for a, b in zip(ours.weights, theirs.weights):
        np.testing.assert_allclose(_np(a.numpy()), _np(b.numpy()), atol=1e-6)
    mine, ref = ours.get_config(), theirs.get_config()
    assert set(mine) == set(ref)
    for key in ref:
        if key not in ("dtype", "name"):
            assert mine[key] == ref[key], key


def test_stft_spectrogram_config_round_trip():
    layer = layers.STFTSpectrogram(mode="psd", frame_length=10, frame_step=3, window="hamming")
    clone = layers.STFTSpectrogram.from_config(layer.get_config())
    assert clone.get_config() == layer.get_config()


def test_stft_spectrogram_symbolic_shape():
    from ceras.layers import Input
    out = layers.STFTSpectrogram(frame_length=16, mode="stft")(Input((300, 2)))
    assert tuple(out.shape) == (None, 36, 36)


@pytest.mark.parametrize("kwargs, message", [
    (dict(mode="power"), "expects mode to be one of"),
    (dict(frame_length=0), "expects frame_length to be a positive integer"),
    (dict(frame_step=-1), "expects frame_step to be a positive integer or None"),
    (dict(frame_length=16, fft_length=8), "expects fft_length to be an integer >= frame_length"),
    (dict(window="kaiser"), "expects window to be one of"),
    (dict(frame_length=4, window=[1.0, 1.0]), r"expects a window array of shape \(4,\)"),
    (dict(scaling="unit"), "expects scaling to be one of"),
    (dict(padding="causal"), 'expects padding to be "valid" or "same"'),
])
def test_stft_spectrogram_rejects_bad_arguments(kwargs, message):
    with pytest.raises(ValueError, match=message):
        layers.STFTSpectrogram(**kwargs)


MEL_CONFIGS = [
    dict(),
    dict(fft_length=256, sequence_stride=100, num_mel_bins=40),
    dict(fft_length=512, sequence_length=400, window="hamming", power_to_db=False, mag_exp=1.0),
    dict(fft_length=256, top_db=60.0, ref_power=2.0, min_freq=100.0, max_freq=5000.0,
         sampling_rate=11025),
    dict(fft_length=128, window=None, min_power=1e-4),
]


@pytest.mark.oracle
@pytest.mark.parametrize("config", MEL_CONFIGS)
def test_mel_spectrogram_matches_keras(keras_oracle, config):
    x = np.random.default_rng(3).normal(size=(2, 4000)).astype("float32")
    expected = _np(keras_oracle.layers.MelSpectrogram(**config)(x))
    layer = layers.MelSpectrogram(**config)
    out = _np(layer(x))
    assert out.shape == expected.shape
    assert layer.compute_output_shape(x.shape) == expected.shape
    np.testing.assert_allclose(out, expected, rtol=1e-4, atol=2e-3)


@pytest.mark.oracle
def test_mel_spectrogram_top_db_floor_is_batch_wide(keras_oracle):
    x = np.random.default_rng(4).normal(size=(2, 2000)).astype("float32")
    x[1] *= 1e-3  # 60 dB quieter: floored against the loud example's maximum
    expected = _np(keras_oracle.layers.MelSpectrogram(fft_length=256, top_db=20.0)(x))
    out = _np(layers.MelSpectrogram(fft_length=256, top_db=20.0)(x))
    np.testing.assert_allclose(out, expected, rtol=1e-4, atol=1e-3)
    np.testing.assert_allclose(out[1], out[0].max() - 20.0, atol=1e-3)


@pytest.mark.oracle
def test_mel_spectrogram_unbatched_and_config_match_keras(keras_oracle):
    x = np.random.default_rng(5).normal(size=(3000,)).astype("float32")
    expected = _np(keras_oracle.layers.MelSpectrogram(fft_length=256)(x))
    np.testing.assert_allclose(_np(layers.MelSpectrogram(fft_length=256)(x)), expected,
                               rtol=1e-4, atol=2e-3)
    mine = layers.MelSpectrogram(name="m").get_config()
    ref = keras_oracle.layers.MelSpectrogram(name="m").get_config()
    assert set(mine) == set(ref)
    assert {k: v for k, v in mine.items() if k != "dtype"} == {
        k: v for k, v in ref.items() if k != "dtype"}


def test_mel_spectrogram_config_round_trip_and_symbolic_shape():
    layer = layers.MelSpectrogram(fft_length=512, num_mel_bins=64, top_db=None)
    clone = layers.MelSpectrogram.from_config(layer.get_config())
    assert clone.get_config() == layer.get_config()
    out = layer(layers.Input((16000,)))
    assert tuple(out.shape) == (None, 64, 32)


@pytest.mark.parametrize("kwargs, message", [
    (dict(fft_length=0), "expects fft_length to be a positive integer"),
    (dict(num_mel_bins=2.5), "expects num_mel_bins to be a positive integer"),
    (dict(fft_length=256, sequence_length=300), r"expects sequence_length to be an integer in"),
    (dict(window="blackman"), 'expects window to be "hann", "hamming" or None'),
    (dict(min_freq=9000.0), "expects 0 <= min_freq < max_freq"),
])
def test_mel_spectrogram_rejects_bad_arguments(kwargs, message):
    with pytest.raises(ValueError, match=message):
        layers.MelSpectrogram(**kwargs)


@pytest.mark.oracle
def test_spectrogram_models_saved_by_keras_load_and_agree(keras_oracle, tmp_path):
    import ceras

    k = keras_oracle
    x = k.Input((400, 1))
    stft_model = k.Model(x, k.layers.Dense(3)(k.layers.STFTSpectrogram(frame_length=16)(x)))
    signal = k.Input((4000,))
    mel_model = k.Model(signal, k.layers.MelSpectrogram(fft_length=256)(signal))
    rng = np.random.default_rng(6)
    for model, data in ((stft_model, rng.normal(size=(2, 400, 1)).astype("float32")),
                        (mel_model, rng.normal(size=(2, 4000)).astype("float32"))):
        path = tmp_path / f"{model.name}.keras"
        model.save(path)
        loaded = ceras.saving.load_model(path)
        np.testing.assert_allclose(_np(loaded(data)), _np(model(data)), rtol=1e-4, atol=2e-3)
