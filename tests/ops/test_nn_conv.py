"""Convolutions and pooling (ceras.ops.nn) against real Keras on the torch backend."""
import numpy as np
import pytest
import torch
from backend_testing import dtype_name, requires_torch, to_torch

from ceras import backend, ops


def assert_same(got, want, tol=1e-4):
    want = torch.as_tensor(want)
    got = to_torch(got)
    assert got.dtype == want.dtype, (got.dtype, want.dtype)
    assert tuple(got.shape) == tuple(want.shape), (tuple(got.shape), tuple(want.shape))
    np.testing.assert_allclose(got.detach().double().numpy(), want.detach().double().numpy(),
                               rtol=tol, atol=tol)


def inputs(rank, channels, data_format, size=7, batch=2, seed=0):
    rng = np.random.default_rng(seed)
    spatial = (size, size - 1, size + 1)[:rank]
    shape = (batch, *spatial, channels) if data_format == "channels_last" else \
        (batch, channels, *spatial)
    return rng.standard_normal(shape).astype("float32")


def kernel(*shape, seed=1):
    return np.random.default_rng(seed).standard_normal(shape).astype("float32")


CONV_CASES = [  # rank, kernel, strides, padding, dilation, groups
    (1, 3, 1, "valid", 1, 1), (1, 4, 2, "same", 1, 1), (1, 3, 1, "same", 2, 1),
    (2, 3, 1, "same", 1, 1), (2, 2, 1, "same", 1, 1), (2, 3, 2, "same", 1, 1),
    (2, 4, 2, "same", 1, 1), (2, 3, 3, "valid", 1, 1), (2, 3, 1, "valid", 2, 1),
    (2, 3, 1, "same", 1, 2), (2, 1, 2, "same", 1, 1), (3, 2, 2, "same", 1, 1),
    (3, 3, 1, "valid", 1, 1),
]


@pytest.mark.oracle
@pytest.mark.parametrize("data_format", ["channels_last", "channels_first"])
@pytest.mark.parametrize("rank,k,strides,padding,dilation,groups", CONV_CASES)
def test_conv_matches_keras(keras_oracle, rank, k, strides, padding, dilation, groups,
                            data_format):
    x = inputs(rank, 4, data_format)
    w = kernel(*(k,) * rank, 4 // groups, 6)
    args = dict(strides=strides, padding=padding, data_format=data_format,
                dilation_rate=dilation)
    assert_same(ops.conv(x, w, **args), keras_oracle.ops.conv(x, w, **args))


@pytest.mark.oracle
@pytest.mark.parametrize("data_format", ["channels_last", "channels_first"])
@pytest.mark.parametrize("rank,k,strides,padding,dilation,_", CONV_CASES[:10])
def test_depthwise_and_separable_conv_match_keras(keras_oracle, rank, k, strides, padding,
                                                  dilation, _, data_format):
    x = inputs(rank, 3, data_format)
    dw = kernel(*(k,) * rank, 3, 2)
    pw = kernel(*(1,) * rank, 6, 5, seed=2)
    args = dict(strides=strides, padding=padding, data_format=data_format,
                dilation_rate=dilation)
    assert_same(ops.depthwise_conv(x, dw, **args), keras_oracle.ops.depthwise_conv(x, dw, **args))
    assert_same(ops.separable_conv(x, dw, pw, **args),
                keras_oracle.ops.separable_conv(x, dw, pw, **args))


@pytest.mark.oracle
@pytest.mark.parametrize("rank", [1, 2, 3])
@pytest.mark.parametrize("k,strides,padding,output_padding,dilation", [
    (3, 1, "valid", None, 1), (3, 2, "same", None, 1), (4, 2, "same", None, 1),
    (2, 3, "valid", None, 1), (3, 2, "valid", 1, 1), (3, 2, "same", 1, 1),
    (3, 1, "same", None, 2), (5, 3, "same", 2, 1),
])
def test_conv_transpose_matches_keras(keras_oracle, rank, k, strides, padding, output_padding,
                                      dilation):
    for data_format in ("channels_last", "channels_first"):
        x = inputs(rank, 3, data_format, size=5)
        w = kernel(*(k,) * rank, 4, 3)
        args = dict(strides=strides, padding=padding, output_padding=output_padding,
                    data_format=data_format, dilation_rate=dilation)
        assert_same(ops.conv_transpose(x, w, **args),
                    keras_oracle.ops.conv_transpose(x, w, **args))


def test_conv_default_data_format_follows_config():
    x, w = inputs(2, 3, "channels_first"), kernel(3, 3, 3, 2)
    try:
        backend.set_image_data_format("channels_first")
        out = ops.conv(x, w)
    finally:
        backend.set_image_data_format("channels_last")
    assert tuple(out.shape) == (2, 2, 5, 4)


@pytest.mark.parametrize("input_dtype", ["int32", "float64"])
def test_conv_promotes_mixed_dtypes_like_keras_result_type(input_dtype):
    # Keras's torch backend refuses mixed dtypes; ceras promotes with result_type.
    x = np.ones((1, 4, 4, 1), input_dtype)
    out = ops.conv(x, np.ones((2, 2, 1, 1), "float32"))
    assert dtype_name(out) == "float32"
    np.testing.assert_allclose(out.numpy(), np.full((1, 3, 3, 1), 4.0))


@requires_torch
def test_conv_gradients_flow_to_inputs_and_kernel():
    x = torch.randn(2, 5, 5, 3, requires_grad=True)
    w = torch.randn(3, 3, 3, 4, requires_grad=True)
    ops.conv(x, w, strides=2, padding="same").sum().backward()
    assert x.grad.shape == x.shape and w.grad.shape == w.shape


@pytest.mark.parametrize("call,message", [
    (lambda: ops.conv(np.ones((1, 4, 4, 3)), np.ones((3, 3, 2))), "kernel of rank 4"),
    (lambda: ops.conv(np.ones((1, 4, 4, 3)), np.ones((3, 3, 2, 2))), "multiple of the kernel"),
    (lambda: ops.conv(np.ones((4, 3)), np.ones((3, 3, 2))), "rank 3, 4 or 5"),
    (lambda: ops.conv(np.ones((1, 4, 3)), np.ones((3, 3, 2)), padding="full"),
     "'valid' or 'same'"),
    (lambda: ops.conv(np.ones((1, 4, 4, 3)), np.ones((3, 3, 3, 2)), strides=(1, 2, 3)),
     "`strides` must be an int or 2 ints"),
    (lambda: ops.depthwise_conv(np.ones((1, 4, 4, 3)), np.ones((3, 3, 2, 2))),
     r"kernel \(\*spatial, 3, multiplier\)"),
    (lambda: ops.conv_transpose(np.ones((1, 4, 4, 3)), np.ones((3, 3, 2, 2))),
     r"kernel \(\*spatial, out_channels, 3\)"),
])
def test_conv_errors_name_the_problem(call, message):
    with pytest.raises(ValueError, match=message):
        call()


POOL_CASES = [  # rank, pool, strides, padding
    (1, 2, None, "valid"), (1, 3, 2, "same"), (1, 2, 1, "same"), (2, 2, None, "valid"),
    (2, 3, 2, "same"), (2, 2, 1, "same"), (2, 3, 1, "same"), (2, (2, 3), (1, 2), "same"),
    (2, 3, 3, "same"), (2, 4, 3, "same"), (3, 2, 2, "same"), (3, 2, None, "valid"),
]


def reference_pool(x, pool, strides, padding, data_format, reduce):
    """NumPy pooling with TF's 'same' rule: windows see only real pixels."""
    if data_format == "channels_first":
        x = np.moveaxis(x, 1, -1)
    rank = x.ndim - 2
    pool = (pool,) * rank if isinstance(pool, int) else pool
    strides = pool if strides is None else ((strides,) * rank if isinstance(strides, int)
                                            else strides)
    if padding == "same":
        pads = []
        for n, k, s in zip(x.shape[1:-1], pool, strides):
            total = max((-(-n // s) - 1) * s + k - n, 0)
            pads.append((total // 2, total - total // 2))
        x = np.pad(x, [(0, 0), *pads, (0, 0)], constant_values=np.nan)
    windows = np.lib.stride_tricks.sliding_window_view(x, pool, axis=tuple(range(1, rank + 1)))
    windows = windows[(slice(None),) + tuple(slice(None, None, s) for s in strides)]
    out = reduce(windows, axis=tuple(range(-rank, 0))).astype(x.dtype)
    return np.moveaxis(out, -1, 1) if data_format == "channels_first" else out


@pytest.mark.parametrize("op,reduce", [("max_pool", np.nanmax), ("average_pool", np.nanmean)])
@pytest.mark.parametrize("data_format", ["channels_last", "channels_first"])
@pytest.mark.parametrize("rank,pool,strides,padding", POOL_CASES)
def test_pooling_matches_numpy(op, reduce, rank, pool, strides, padding, data_format):
    x = inputs(rank, 3, data_format)
    got = getattr(ops, op)(x, pool, strides=strides, padding=padding, data_format=data_format)
    assert_same(got, reference_pool(x, pool, strides, padding, data_format, reduce))


@pytest.mark.oracle
@pytest.mark.parametrize("data_format", ["channels_last", "channels_first"])
@pytest.mark.parametrize("rank,pool,strides,padding", POOL_CASES)
def test_max_pool_matches_keras(keras_oracle, rank, pool, strides, padding, data_format):
    # (Keras 3.15's torch average_pool miscounts some mixed 'same' paddings, e.g. a 7x6
    # input with pool 3 / stride 2; JAX's Keras agrees with the NumPy test above.)
    x = inputs(rank, 3, data_format)
    args = dict(strides=strides, padding=padding, data_format=data_format)
    assert_same(ops.max_pool(x, pool, **args), keras_oracle.ops.max_pool(x, pool, **args))


@pytest.mark.oracle
@pytest.mark.parametrize("rank,pool,padding", [(1, 3, "same"), (2, 3, "same"), (2, 5, "same"),
                                               (3, 3, "same"), (2, 3, "valid")])
def test_average_pool_matches_keras_on_symmetric_padding(keras_oracle, rank, pool, padding):
    x = inputs(rank, 3, "channels_last")
    assert_same(ops.average_pool(x, pool, 1, padding),
                keras_oracle.ops.average_pool(x, pool, 1, padding))


def test_average_pool_same_counts_only_real_pixels():
    # stride 1 with an even window takes the explicit-padding path
    out = ops.average_pool(np.arange(1.0, 6.0).reshape(1, 5, 1), 2, 1, "same")
    np.testing.assert_allclose(out.numpy().ravel(), [1.5, 2.5, 3.5, 4.5, 5.0])


@pytest.mark.oracle
@pytest.mark.parametrize("op", ["adaptive_average_pool", "adaptive_max_pool"])
@pytest.mark.parametrize("rank,output_size", [(1, 3), (2, (3, 2)), (2, 4), (3, 2)])
@pytest.mark.parametrize("data_format", ["channels_last", "channels_first"])
def test_adaptive_pooling_matches_keras(keras_oracle, op, rank, output_size, data_format):
    x = torch.from_numpy(inputs(rank, 3, data_format))
    assert_same(getattr(ops, op)(x, output_size, data_format=data_format),
                getattr(keras_oracle.ops, op)(x, output_size, data_format=data_format))


@pytest.mark.parametrize("call,expected", [
    (lambda t: ops.conv(t((None, 8, 8, 3)), t((3, 3, 3, 5)), strides=2, padding="same"),
     (None, 4, 4, 5)),
    (lambda t: ops.conv(t((None, 9, 3)), t((3, 3, 5))), (None, 7, 5)),
    (lambda t: ops.conv_transpose(t((None, 4, 4, 3)), t((3, 3, 5, 3)), strides=2,
                                  padding="same"), (None, 8, 8, 5)),
    (lambda t: ops.depthwise_conv(t((None, 8, 8, 3)), t((3, 3, 3, 2))), (None, 6, 6, 6)),
    (lambda t: ops.separable_conv(t((None, 8, 8, 3)), t((3, 3, 3, 2)), t((1, 1, 6, 4))),
     (None, 6, 6, 4)),
    (lambda t: ops.max_pool(t((None, 8, 8, 3)), 2), (None, 4, 4, 3)),
    (lambda t: ops.average_pool(t((None, 7, 7, 3)), 3, 2, "same"), (None, 4, 4, 3)),
    (lambda t: ops.adaptive_average_pool(t((None, 9, 9, 3)), 3), (None, 3, 3, 3)),
    (lambda t: ops.adaptive_max_pool(t((None, 9, 3)), 2), (None, 2, 3)),
])
def test_symbolic_shapes_with_unknown_batch(call, expected):
    out = call(backend.KerasTensor)
    assert isinstance(out, backend.KerasTensor)
    assert out.shape == expected and out.dtype == "float32"
