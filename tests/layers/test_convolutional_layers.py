"""Convolution layers: parity with Keras (outputs, input gradients, weights, configs,
symbolic shapes), NumPy references, and argument errors."""
import numpy as np
import pytest
from layer_parity import (
    assert_config_matches_keras, assert_config_round_trip, assert_matches_keras,
    assert_symbolic_shape_matches_keras, case_id, to_np,
)

import ceras
from ceras import layers

CASES = [
    ("Conv1D", dict(filters=4, kernel_size=3), (2, 9, 3)),
    ("Conv1D", dict(filters=4, kernel_size=3, padding="same", activation="relu"), (2, 9, 3)),
    ("Conv1D", dict(filters=4, kernel_size=3, padding="causal", dilation_rate=2), (2, 9, 3)),
    ("Conv1D", dict(filters=4, kernel_size=3, padding="causal", strides=2,
                    data_format="channels_first"), (2, 3, 9)),
    ("Conv1D", dict(filters=6, kernel_size=2, groups=3, use_bias=False), (2, 7, 6)),
    ("Conv2D", dict(filters=4, kernel_size=3), (2, 7, 6, 3)),
    ("Conv2D", dict(filters=4, kernel_size=3, padding="same", strides=2), (2, 8, 7, 3)),
    ("Conv2D", dict(filters=4, kernel_size=(3, 2), groups=2, activation="tanh"), (2, 8, 7, 6)),
    ("Conv2D", dict(filters=4, kernel_size=3, data_format="channels_first", padding="same"),
     (2, 3, 8, 7)),
    ("Conv2D", dict(filters=3, kernel_size=3, dilation_rate=(2, 1), padding="same"),
     (2, 9, 8, 2)),
    ("Conv2D", dict(filters=3, kernel_size=(2, 3), strides=(2, 1), padding="valid",
                    data_format="channels_first"), (2, 2, 9, 8)),
    ("Conv3D", dict(filters=2, kernel_size=2, padding="same"), (1, 4, 5, 3, 2)),
    ("Conv3D", dict(filters=2, kernel_size=(2, 1, 2), strides=2,
                    data_format="channels_first"), (1, 2, 5, 4, 5)),
    ("Conv1DTranspose", dict(filters=4, kernel_size=3, strides=2), (2, 5, 3)),
    ("Conv1DTranspose", dict(filters=2, kernel_size=4, strides=2, padding="same"), (2, 5, 3)),
    ("Conv1DTranspose", dict(filters=2, kernel_size=3, dilation_rate=2), (2, 5, 3)),
    ("Conv2DTranspose", dict(filters=4, kernel_size=3, strides=2, padding="same"), (2, 5, 4, 3)),
    ("Conv2DTranspose", dict(filters=4, kernel_size=3, strides=2, output_padding=1,
                             data_format="channels_first"), (2, 3, 5, 4)),
    ("Conv2DTranspose", dict(filters=2, kernel_size=(3, 2), strides=(3, 2),
                             output_padding=(2, 0), padding="same"), (2, 4, 3, 3)),
    ("Conv3DTranspose", dict(filters=2, kernel_size=2, strides=2), (1, 2, 3, 2, 2)),
    ("Conv3DTranspose", dict(filters=2, kernel_size=3, padding="same",
                             data_format="channels_first"), (1, 2, 3, 2, 2)),
    ("SeparableConv1D", dict(filters=4, kernel_size=3, depth_multiplier=2, padding="same"),
     (2, 9, 3)),
    ("SeparableConv1D", dict(filters=2, kernel_size=2, strides=2,
                             data_format="channels_first"), (2, 3, 9)),
    ("SeparableConv2D", dict(filters=4, kernel_size=3, dilation_rate=2), (2, 9, 8, 3)),
    ("SeparableConv2D", dict(filters=4, kernel_size=3, strides=2, padding="same",
                             use_bias=False), (2, 8, 7, 3)),
    ("DepthwiseConv1D", dict(kernel_size=3, depth_multiplier=2), (2, 9, 3)),
    ("DepthwiseConv1D", dict(kernel_size=2, padding="same", data_format="channels_first"),
     (2, 3, 9)),
    ("DepthwiseConv2D", dict(kernel_size=3, strides=2, padding="same",
                             data_format="channels_first"), (2, 3, 8, 7)),
    ("DepthwiseConv2D", dict(kernel_size=(2, 3), depth_multiplier=3, dilation_rate=2,
                             activation="relu"), (2, 8, 7, 2)),
]
SLOW = {"Conv3D", "Conv3DTranspose"}
PARAMS = [pytest.param(*c, id=case_id(c), marks=[pytest.mark.slow] if c[0] in SLOW else [])
          for c in CASES]


@pytest.mark.oracle
@pytest.mark.parametrize("name, kwargs, shape", PARAMS)
def test_matches_keras(keras_oracle, name, kwargs, shape, rng):
    assert_matches_keras(keras_oracle, name, kwargs, shape, rng)


@pytest.mark.oracle
@pytest.mark.parametrize("name, kwargs, shape", PARAMS)
def test_config_and_symbolic_shape_match_keras(keras_oracle, name, kwargs, shape):
    assert_config_matches_keras(keras_oracle, name, kwargs)
    assert_symbolic_shape_matches_keras(keras_oracle, name, kwargs, shape)


@pytest.mark.parametrize("name, kwargs, shape", PARAMS)
def test_config_round_trip(name, kwargs, shape):
    assert_config_round_trip(name, kwargs)


@pytest.mark.oracle
def test_unknown_spatial_dims_stay_unknown(keras_oracle):
    for name, kwargs in (("Conv2D", dict(filters=4, kernel_size=3, strides=2, padding="same")),
                         ("Conv2DTranspose", dict(filters=4, kernel_size=3, strides=2)),
                         ("SeparableConv2D", dict(filters=4, kernel_size=3))):
        y = assert_symbolic_shape_matches_keras(keras_oracle, name, kwargs, (None, None, 7, 3))
        assert y.shape[1] is None and y.shape[2] is not None


def test_conv2d_matches_numpy_cross_correlation(rng):
    layer = layers.Conv2D(2, (2, 3), use_bias=False)
    x = rng.normal(size=(1, 4, 5, 3)).astype("float32")
    y = to_np(layer(x))
    k = layer.kernel.numpy()
    expected = np.zeros((1, 3, 3, 2), "float32")
    for i in range(3):
        for j in range(3):
            expected[0, i, j] = np.einsum("hwc,hwcf->f", x[0, i:i + 2, j:j + 3], k)
    np.testing.assert_allclose(y, expected, rtol=1e-5, atol=1e-5)


def test_conv1d_causal_output_depends_only_on_the_past(rng):
    layer = layers.Conv1D(1, 3, padding="causal")
    x = rng.normal(size=(1, 8, 1)).astype("float32")
    y = to_np(layer(x))
    x2 = x.copy()
    x2[0, 5:] += 10.0
    y2 = to_np(layer(x2))
    np.testing.assert_allclose(y[0, :5], y2[0, :5], rtol=1e-6)
    assert not np.allclose(y[0, 5:], y2[0, 5:])


def test_depthwise_output_channel_order(rng):
    layer = layers.DepthwiseConv1D(1, depth_multiplier=2, use_bias=False)
    x = rng.normal(size=(1, 4, 3)).astype("float32")
    y = to_np(layer(x))
    k = layer.kernel.numpy()  # (1, 3, 2): output channel c * 2 + m from input channel c
    np.testing.assert_allclose(y, (x[..., :, None] * k[0]).reshape(1, 4, 6), rtol=1e-5)


def test_weights_names_and_shapes():
    layer = layers.SeparableConv2D(4, 3, depth_multiplier=2)
    layer.build((None, 8, 8, 6))
    assert [(v.path, tuple(v.shape)) for v in layer.weights] == [
        ("separable_conv2d/depthwise_kernel", (3, 3, 6, 2)),
        ("separable_conv2d/pointwise_kernel", (1, 1, 12, 4)),
        ("separable_conv2d/bias", (4,)),
    ]
    layer = layers.Conv2DTranspose(4, 3)
    layer.build((None, 8, 8, 6))
    assert [tuple(v.shape) for v in layer.weights] == [(3, 3, 4, 6), (4,)]


def test_aliases_are_the_same_classes():
    assert layers.Convolution2D is layers.Conv2D
    assert layers.Convolution3DTranspose is layers.Conv3DTranspose
    assert layers.SeparableConvolution1D is layers.SeparableConv1D


def test_kernel_larger_than_input_under_valid_padding():
    message = (r'Layer "conv2d" \(Conv2D\) cannot apply a window of size \(3, 3\) .*'
               r'padding="valid".*expected every spatial dim to be at least the window size, '
               r"received input shape \(None, 2, 2, 3\)")
    with pytest.raises(ValueError, match=message):
        layers.Conv2D(4, 3)(ceras.Input((2, 2, 3)))
    with pytest.raises(ValueError, match=r"received input shape \(1, 2, 5, 3\)"):
        layers.Conv2D(4, 3)(np.zeros((1, 2, 5, 3), "float32"))


@pytest.mark.parametrize("make, message", [
    (lambda: layers.Conv2D(4, 3, padding="full"),
     r"""Layer "conv2d" expects `padding` to be one of 'valid', 'same', received """
     r"padding='full'"),
    (lambda: layers.Conv2D(4, 3, padding="causal"),
     r"expects `padding` to be one of 'valid', 'same', received padding='causal'"),
    (lambda: layers.Conv1D(0, 3),
     r'Layer "conv1d" expects `filters` to be a positive integer, received filters=0'),
    (lambda: layers.Conv2D(4, (3, 3, 3)),
     r'Layer "conv2d" expects `kernel_size` to be an int or a tuple of 2 ints, received '
     r"kernel_size=\(3, 3, 3\)"),
    (lambda: layers.Conv2D(4, 0),
     r"expects `kernel_size` to hold positive ints, received kernel_size=0"),
    (lambda: layers.Conv2D(4, 3, strides=2, dilation_rate=2),
     r"does not support strides > 1 together with dilation_rate > 1, received "
     r"strides=\(2, 2\) and dilation_rate=\(2, 2\)"),
    (lambda: layers.Conv2D(5, 3, groups=2),
     r"expects `filters` to be a multiple of `groups`, received filters=5, groups=2"),
    (lambda: layers.Conv2D(4, 3, data_format="channels_middle"),
     r'expects `data_format` to be "channels_last" or "channels_first", received '
     r"data_format='channels_middle'"),
    (lambda: layers.Conv2DTranspose(4, 3, strides=2, output_padding=2),
     r"expects every `output_padding` to be strictly less than its stride, received "
     r"output_padding=\(2, 2\), strides=\(2, 2\)"),
    (lambda: layers.DepthwiseConv2D(3, depth_multiplier=0),
     r"expects `depth_multiplier` to be a positive integer, received depth_multiplier=0"),
])
def test_invalid_arguments(make, message):
    with pytest.raises(ValueError, match=message):
        make()


def test_input_channels_not_divisible_by_groups():
    with pytest.raises(ValueError, match=r'Layer "conv2d" expects the input channels to be a '
                                         r"multiple of groups=2, received input shape "
                                         r"\(1, 5, 5, 3\)"):
        layers.Conv2D(4, 3, groups=2)(np.zeros((1, 5, 5, 3), "float32"))


def test_wrong_rank_and_channels_after_build():
    layer = layers.Conv2D(4, 3)
    with pytest.raises(ValueError, match=r'Layer "conv2d" expects inputs of rank 4 with a known '
                                         r"channel dim \(data_format=channels_last\), "
                                         r"received input shape \(1, 5, 3\)"):
        layer(np.zeros((1, 5, 3), "float32"))
    layer(np.zeros((1, 5, 5, 3), "float32"))
    with pytest.raises(ValueError, match=r"expected axis -1 of input shape to have value 3"):
        layer(np.zeros((1, 5, 5, 2), "float32"))


@pytest.mark.oracle
@pytest.mark.parametrize("name, kwargs, shape", [
    ("Conv2D", dict(filters=3, kernel_size=2), (2, 5, 5, 2)),
    ("Conv1DTranspose", dict(filters=3, kernel_size=2, strides=2), (2, 5, 2)),
    ("DepthwiseConv2D", dict(kernel_size=2), (2, 5, 5, 2)),
])
@pytest.mark.parametrize("dtype", ["mixed_float16", "float64"])
def test_dtype_policies_match_keras(keras_oracle, name, kwargs, shape, dtype, rng):
    ours, _ = assert_matches_keras(keras_oracle, name, dict(kwargs, dtype=dtype), shape, rng,
                                   grad=False, atol=2e-3, rtol=2e-3)
    assert ceras.ops.dtype(ours(np.ones(shape, "float32"))) == ours.compute_dtype
