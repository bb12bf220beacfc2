"""ceras.ops math names (special functions, segments, top-k, FFT/STFT) against real Keras
on the torch backend, or NumPy/SciPy where Keras has no torch answer."""
import numpy as np
import pytest
import scipy.special
import torch
from backend_testing import to_torch

from ceras import backend, ops


def assert_same(got, want, tol=1e-5):
    if isinstance(want, (tuple, list)):
        assert len(got) == len(want)
        for g, w in zip(got, want):
            assert_same(g, w, tol)
        return
    want = torch.as_tensor(want)
    got = to_torch(got)
    assert got.dtype == want.dtype, (got.dtype, want.dtype)
    assert tuple(got.shape) == tuple(want.shape), (tuple(got.shape), tuple(want.shape))
    if got.is_complex():
        got, want = torch.view_as_real(got), torch.view_as_real(want)
    np.testing.assert_allclose(got.detach().double().numpy(), want.detach().double().numpy(),
                               rtol=tol, atol=tol, equal_nan=True)


def randn(*shape, seed=0, dtype="float32"):
    return np.random.default_rng(seed).standard_normal(shape).astype(dtype)


@pytest.mark.oracle
@pytest.mark.parametrize("name", ["erf", "erfc", "erfinv", "rsqrt"])
@pytest.mark.parametrize("dtype", ["float32", "float64", "int32"])
def test_elementwise_math_matches_keras(keras_oracle, name, dtype):
    x = np.array([0.0, 0.3, 0.9, 2.0, 5.0]) if name == "rsqrt" else \
        np.array([-0.99, -0.5, 0.0, 0.25, 0.7])
    if dtype == "int32":
        x = np.array([0, 1, 2, 4]) if name == "rsqrt" else np.array([-1, 0, 1])
    x = torch.from_numpy(x.astype(dtype))
    assert_same(getattr(ops, name)(x), getattr(keras_oracle.ops, name)(x))


def test_erf_family_matches_scipy():
    x = np.linspace(-0.95, 0.95, 9)
    np.testing.assert_allclose(ops.erf(x).numpy(), scipy.special.erf(x))
    np.testing.assert_allclose(ops.erfc(x).numpy(), scipy.special.erfc(x))
    np.testing.assert_allclose(ops.erfinv(x).numpy(), scipy.special.erfinv(x))


@pytest.mark.oracle
@pytest.mark.parametrize("axis,keepdims", [(None, False), (0, True), (-1, False),
                                           ((0, 2), False)])
def test_logsumexp_matches_keras(keras_oracle, axis, keepdims):
    x = torch.from_numpy(randn(3, 4, 5) * 30)
    assert_same(ops.logsumexp(x, axis=axis, keepdims=keepdims),
                keras_oracle.ops.logsumexp(x, axis=axis, keepdims=keepdims), 1e-4)


@pytest.mark.oracle
def test_logdet_and_cdist_match_keras(keras_oracle):
    a = randn(2, 4, 4)
    spd = torch.from_numpy(a @ a.transpose(0, 2, 1) + 4 * np.eye(4, dtype="float32"))
    assert_same(ops.logdet(spd), keras_oracle.ops.logdet(spd), 1e-4)
    x, y = torch.from_numpy(randn(2, 5, 3)), torch.from_numpy(randn(2, 4, 3, seed=1))
    assert_same(ops.cdist(x, y), keras_oracle.ops.cdist(x, y), 1e-5)


@pytest.mark.oracle
@pytest.mark.parametrize("op", ["segment_sum", "segment_max", "segment_min", "segment_prod"])
@pytest.mark.parametrize("num_segments", [None, 5])
@pytest.mark.parametrize("dtype", ["float32", "int32"])
def test_segment_ops_match_keras(keras_oracle, op, num_segments, dtype):
    data = torch.from_numpy((randn(7, 3) * 3).astype(dtype))
    ids = torch.tensor([0, 0, 1, 3, 3, 3, 1])
    got = getattr(ops, op)(data, ids, num_segments=num_segments)
    want = getattr(keras_oracle.ops, op)(data, ids, num_segments=num_segments)
    if op == "segment_min" and dtype == "int32":
        # Keras 3.15's torch backend fills empty int segments of segment_min with the
        # dtype's minimum; JAX and TF (and ceras) use the maximum, the identity of min.
        want[2] = torch.iinfo(torch.int32).max
        if num_segments == 5:
            want[4] = torch.iinfo(torch.int32).max
    assert_same(got, want)


def test_segment_sum_drops_out_of_range_ids():
    out = ops.segment_sum(np.array([1.0, 2.0, 3.0, 4.0]), np.array([0, -1, 2, 9]),
                          num_segments=3)
    np.testing.assert_array_equal(out.numpy(), [1.0, 0.0, 3.0])
    with pytest.raises(ValueError, match="one id per row"):
        ops.segment_sum(np.ones((3, 2)), np.array([0, 1]))


@pytest.mark.oracle
@pytest.mark.parametrize("k,sorted_", [(1, True), (3, True), (3, False)])
def test_top_k_matches_keras(keras_oracle, k, sorted_):
    x = torch.from_numpy(randn(4, 6))
    values, indices = (to_torch(t) for t in ops.top_k(x, k, sorted=sorted_))
    want_values, want_indices = keras_oracle.ops.top_k(x, k, sorted=sorted_)
    if not sorted_:
        values, order = torch.sort(values, -1)
        indices = indices.gather(-1, order)
        want_values, order = torch.sort(want_values, -1)
        want_indices = want_indices.gather(-1, order)
    assert_same((values, indices), (want_values, want_indices))


@pytest.mark.oracle
@pytest.mark.parametrize("k", [1, 2, 3])
def test_in_top_k_matches_keras_with_ties(keras_oracle, k):
    predictions = torch.tensor([[0.1, 0.5, 0.5, 0.2], [0.9, 0.1, 0.3, 0.3],
                                [0.2, 0.2, 0.2, 0.2]])
    targets = torch.tensor([2, 3, 0])
    assert_same(ops.in_top_k(targets, predictions, k),
                keras_oracle.ops.in_top_k(targets, predictions, k))


# -- FFTs and STFTs ------------------------------------------------------------------

@pytest.mark.oracle
@pytest.mark.parametrize("name", ["fft", "fft2", "ifft2"])
def test_complex_ffts_match_keras(keras_oracle, name):
    pair = (torch.from_numpy(randn(2, 4, 6)), torch.from_numpy(randn(2, 4, 6, seed=1)))
    assert_same(getattr(ops, name)(pair), getattr(keras_oracle.ops, name)(pair), 1e-4)


@pytest.mark.oracle
@pytest.mark.parametrize("fft_length", [None, 8, 12])
def test_rfft_and_irfft_match_keras(keras_oracle, fft_length):
    x = torch.from_numpy(randn(3, 10))
    spectrum = ops.rfft(x, fft_length)
    assert_same(spectrum, keras_oracle.ops.rfft(x, fft_length), 1e-4)
    assert_same(ops.irfft(spectrum, fft_length), keras_oracle.ops.irfft(spectrum, fft_length),
                1e-4)


@pytest.mark.oracle
@pytest.mark.parametrize("length,stride,fft_length,window,center", [
    (16, 8, 16, "hann", True), (12, 4, 16, "hamming", False), (16, 8, 32, None, True),
    (16, 4, 16, "hann", False), (15, 5, 16, "window", True),
])
def test_stft_and_istft_match_keras(keras_oracle, length, stride, fft_length, window, center):
    x = torch.from_numpy(randn(2, 64))
    if window == "window":
        window = torch.from_numpy(np.linspace(0.2, 1.0, length).astype("float32"))
    args = (length, stride, fft_length)
    spectrum = ops.stft(x, *args, window=window, center=center)
    assert_same(spectrum, keras_oracle.ops.stft(x, *args, window=window, center=center), 1e-4)
    for out_length in (None, 50):
        assert_same(
            ops.istft(spectrum, *args, length=out_length, window=window, center=center),
            keras_oracle.ops.istft(spectrum, *args, length=out_length, window=window,
                                   center=center), 1e-4)


def test_stft_istft_round_trip_restores_the_signal():
    x = randn(3, 80)
    spectrum = ops.stft(x, 16, 4, 16)
    # (the first and last samples lack a full window overlap, as in Keras/TF)
    np.testing.assert_allclose(ops.istft(spectrum, 16, 4, 16, length=80).numpy()[:, 8:-8],
                               x[:, 8:-8], atol=1e-5)


@pytest.mark.oracle
def test_extract_sequences_and_complex_views_match_keras(keras_oracle):
    x = torch.from_numpy(randn(2, 11))
    assert_same(ops.extract_sequences(x, 4, 3), keras_oracle.ops.extract_sequences(x, 4, 3))
    pairs = torch.from_numpy(randn(3, 2))
    assert_same(ops.view_as_complex(pairs), keras_oracle.ops.view_as_complex(pairs))
    z = ops.view_as_complex(pairs)
    assert_same(ops.view_as_real(z), keras_oracle.ops.view_as_real(z))


@pytest.mark.parametrize("call,message", [
    (lambda: ops.fft(np.ones(4)), r"tuple \(real, imag\)"),
    (lambda: ops.fft((np.ones(4), np.ones(3))), "same shape"),
    (lambda: ops.stft(np.ones(32), 16, 4, 8), "must be <= fft_length"),
    (lambda: ops.stft(np.ones(32), 8, 4, 8, window="blackman"), "'hann', 'hamming'"),
    (lambda: ops.view_as_complex(np.ones((2, 3))), "last axis of size 2"),
    (lambda: ops.view_as_real(np.ones((2, 3))), "complex tensor"),
])
def test_math_errors_name_the_problem(call, message):
    with pytest.raises(ValueError, match=message):
        call()


@pytest.mark.parametrize("call,expected", [
    (lambda t: ops.logsumexp(t((None, 5)), axis=-1), (None,)),
    (lambda t: ops.top_k(t((None, 6)), 2)[1], (None, 2)),
    (lambda t: ops.in_top_k(t((None,), "int32"), t((None, 6)), 2), (None,)),
    (lambda t: ops.segment_max(t((None, 3)), t((None,), "int32"), num_segments=4), (4, 3)),
    (lambda t: ops.segment_sum(t((6, 3)), t((6,), "int32")), (None, 3)),
    (lambda t: ops.rfft(t((None, 16)))[0], (None, 9)),
    (lambda t: ops.stft(t((None, 64)), 16, 8, 16)[0], (None, 9, 9)),
    (lambda t: ops.istft((t((None, 9, 9)), t((None, 9, 9))), 16, 8, 16), (None, 64)),
    (lambda t: ops.extract_sequences(t((None, 11)), 4, 3), (None, 3, 4)),
    (lambda t: ops.erfinv(t((None, 2))), (None, 2)),
    (lambda t: ops.cdist(t((None, 5, 3)), t((None, 4, 3))), (None, 5, 4)),
])
def test_symbolic_shapes_with_unknown_dims(call, expected):
    out = call(backend.KerasTensor)
    assert isinstance(out, backend.KerasTensor)
    assert out.shape == expected
