"""ceras.ops.image against real Keras on the torch backend, JAX and SciPy/NumPy."""
import numpy as np
import pytest
import torch
from backend_testing import dtype_name, to_torch

from ceras import backend, ops

I = ops.image


def assert_same(got, want, tol=1e-4):
    if isinstance(want, (tuple, list)):
        assert len(got) == len(want)
        for g, w in zip(got, want):
            assert_same(g, w, tol)
        return
    want = torch.as_tensor(np.asarray(want)) if not isinstance(want, torch.Tensor) else want
    got = to_torch(got)
    assert got.dtype == want.dtype, (got.dtype, want.dtype)
    assert tuple(got.shape) == tuple(want.shape), (tuple(got.shape), tuple(want.shape))
    np.testing.assert_allclose(got.detach().double().numpy(), want.detach().double().numpy(),
                               rtol=tol, atol=tol)


def images(*shape, seed=0, dtype="float32"):
    x = np.random.default_rng(seed).random(shape)
    return torch.from_numpy((x * 255).round().astype(dtype) if dtype == "uint8" else
                            x.astype(dtype))


def layout(x, data_format):
    """An NHWC tensor in the requested layout."""
    return x if data_format == "channels_last" else x.movedim(-1, -3).contiguous()


FORMATS = ["channels_last", "channels_first"]


# -- colour ---------------------------------------------------------------------------

@pytest.mark.oracle
@pytest.mark.parametrize("name", ["rgb_to_grayscale", "rgb_to_hsv", "hsv_to_rgb"])
@pytest.mark.parametrize("data_format", FORMATS)
@pytest.mark.parametrize("batched", [True, False])
def test_colour_conversions_match_keras(keras_oracle, name, data_format, batched):
    x = layout(images(2, 5, 4, 3), data_format)
    x[..., 0, 0] = 0.0  # black pixels and grey ones take the special branches
    x = x if batched else x[0]
    assert_same(getattr(I, name)(x, data_format=data_format),
                getattr(keras_oracle.ops.image, name)(x, data_format=data_format))


@pytest.mark.oracle
def test_grayscale_keeps_integer_dtype_like_keras(keras_oracle):
    x = images(2, 4, 4, 3, dtype="uint8")
    assert_same(I.rgb_to_grayscale(x), keras_oracle.ops.image.rgb_to_grayscale(x))


def test_hsv_round_trip():
    x = images(3, 6, 6, 3)
    np.testing.assert_allclose(I.hsv_to_rgb(I.rgb_to_hsv(x)).numpy(), x.numpy(), atol=1e-5)


# -- resize, crop, pad -------------------------------------------------------------------

@pytest.mark.oracle
@pytest.mark.parametrize("interpolation", ["bilinear", "nearest", "bicubic"])
@pytest.mark.parametrize("antialias", [False, True])
@pytest.mark.parametrize("size", [(4, 7), (11, 3)])
def test_resize_matches_keras(keras_oracle, interpolation, antialias, size):
    x = images(2, 6, 5, 3)
    assert_same(I.resize(x, size, interpolation=interpolation, antialias=antialias),
                keras_oracle.ops.image.resize(x, size, interpolation=interpolation,
                                              antialias=antialias))


@pytest.mark.oracle
@pytest.mark.parametrize("kwargs", [
    {"crop_to_aspect_ratio": True}, {"pad_to_aspect_ratio": True},
    {"pad_to_aspect_ratio": True, "fill_value": 0.5}, {"data_format": "channels_first"},
])
@pytest.mark.parametrize("batched", [True, False])
def test_resize_options_match_keras(keras_oracle, kwargs, batched):
    x = layout(images(2, 6, 9, 3), kwargs.get("data_format", "channels_last"))
    x = x if batched else x[0]
    assert_same(I.resize(x, (4, 4), **kwargs), keras_oracle.ops.image.resize(x, (4, 4), **kwargs))


@pytest.mark.oracle
def test_resize_of_uint8_matches_keras(keras_oracle):
    x = images(1, 6, 6, 2, dtype="uint8")
    got = I.resize(x, (4, 9))
    want = keras_oracle.ops.image.resize(x, (4, 9))
    assert dtype_name(got) == "uint8" and want.dtype == torch.uint8
    np.testing.assert_allclose(got.numpy(), want.numpy(), atol=1)


@pytest.mark.parametrize("method,antialias", [("lanczos3", False), ("lanczos5", True)])
def test_resize_lanczos_matches_jax(method, antialias):
    # Keras's torch backend refuses Lanczos; ceras computes it like JAX does.
    jax_image = pytest.importorskip("jax.image")
    x = images(2, 8, 6, 3)
    want = np.asarray(jax_image.resize(x.numpy(), (2, 5, 11, 3), method, antialias=antialias))
    assert_same(I.resize(x, (5, 11), interpolation=method, antialias=antialias), want)


def test_resize_area_averages_blocks():
    x = images(1, 4, 6, 2)
    want = x.numpy().reshape(1, 2, 2, 3, 2, 2).mean(axis=(2, 4))
    assert_same(I.resize(x, (2, 3), interpolation="area"), torch.from_numpy(want))


@pytest.mark.parametrize("kwargs,message", [
    ({"interpolation": "gaussian"}, "`interpolation` must be one of"),
    ({"fill_mode": "reflect"}, "`fill_mode` must be 'constant'"),
    ({"crop_to_aspect_ratio": True, "pad_to_aspect_ratio": True}, "only one of"),
])
def test_resize_errors_name_the_problem(kwargs, message):
    with pytest.raises(ValueError, match=message):
        I.resize(images(1, 4, 4, 3), (2, 2), **kwargs)


@pytest.mark.oracle
@pytest.mark.parametrize("op,kwargs", [
    ("crop_images", dict(top_cropping=1, bottom_cropping=2, left_cropping=0,
                         right_cropping=1)),
    ("crop_images", dict(top_cropping=2, target_height=3, right_cropping=1, target_width=4)),
    ("crop_images", dict(bottom_cropping=1, target_height=5, left_cropping=2, target_width=3)),
    ("pad_images", dict(top_padding=1, bottom_padding=2, left_padding=0, right_padding=3)),
    ("pad_images", dict(top_padding=2, target_height=11, right_padding=1, target_width=9)),
    ("pad_images", dict(bottom_padding=0, target_height=9, left_padding=2, target_width=8)),
])
@pytest.mark.parametrize("data_format", FORMATS)
@pytest.mark.parametrize("batched", [True, False])
def test_crop_and_pad_match_keras(keras_oracle, op, kwargs, data_format, batched):
    x = layout(images(2, 8, 6, 3), data_format)
    x = x if batched else x[0]
    assert_same(getattr(I, op)(x, data_format=data_format, **kwargs),
                getattr(keras_oracle.ops.image, op)(x, data_format=data_format, **kwargs))


@pytest.mark.parametrize("call,message", [
    (lambda x: I.crop_images(x, top_cropping=1), "exactly two of top_cropping"),
    (lambda x: I.crop_images(x, 1, 1, 1, 1, target_height=2), "exactly two of top_cropping"),
    (lambda x: I.crop_images(x, 1, 1, 9, 1), "does not fit"),
    (lambda x: I.pad_images(x, 1, 1, None, None, 9, 2), "paddings must be >= 0"),
    (lambda x: I.pad_images(x, left_padding=1), "exactly two of top_padding"),
])
def test_crop_and_pad_errors_name_the_problem(call, message):
    with pytest.raises(ValueError, match=message):
        call(images(1, 8, 6, 3))


# -- patches and filters ----------------------------------------------------------------

@pytest.mark.oracle
@pytest.mark.parametrize("kwargs", [
    {"size": 2}, {"size": (3, 2), "strides": 1}, {"size": 3, "strides": 2, "padding": "same"},
    {"size": 2, "strides": 1, "dilation_rate": 2},
])
@pytest.mark.parametrize("data_format", FORMATS)
def test_extract_patches_matches_keras(keras_oracle, kwargs, data_format):
    x = layout(images(2, 7, 6, 3), data_format)
    assert_same(I.extract_patches(x, data_format=data_format, **kwargs),
                keras_oracle.ops.image.extract_patches(x, data_format=data_format, **kwargs))


@pytest.mark.oracle
@pytest.mark.parametrize("kwargs", [{"size": 2}, {"size": (2, 3, 2), "strides": 1},
                                    {"size": 3, "strides": 2, "padding": "same"}])
@pytest.mark.parametrize("data_format", FORMATS)
def test_extract_patches_3d_matches_keras(keras_oracle, kwargs, data_format):
    x = images(2, 5, 6, 4, 2)
    x = x if data_format == "channels_last" else x.movedim(-1, 1).contiguous()
    assert_same(I.extract_patches_3d(x, data_format=data_format, **kwargs),
                keras_oracle.ops.image.extract_patches_3d(x, data_format=data_format, **kwargs))


@pytest.mark.oracle
@pytest.mark.parametrize("kwargs", [{}, {"kernel_size": (5, 5), "sigma": (2.0, 2.0)}])
@pytest.mark.parametrize("data_format", FORMATS)
def test_gaussian_blur_matches_keras(keras_oracle, kwargs, data_format):
    # data_format is explicit: Keras 3.15 mis-reads None as channels_first here.
    x = layout(images(2, 9, 8, 3), data_format)
    assert_same(I.gaussian_blur(x, data_format=data_format, **kwargs),
                keras_oracle.ops.image.gaussian_blur(x, data_format=data_format, **kwargs))


@pytest.mark.parametrize("kernel_size,sigma", [((5, 3), (2.0, 0.5)), ((4, 4), (1.0, 1.5))])
def test_gaussian_blur_non_square_and_even_kernels_match_numpy(kernel_size, sigma):
    # Keras 3.15 mixes up the axes of non-square kernels and changes the output shape
    # for even ones; ceras blurs each channel with the separable Gaussian, 'same' zero
    # padding with the extra pixel at the end.
    x = images(2, 9, 8, 3).numpy().astype("float64")
    gauss = [np.exp(-(np.arange(k) - (k - 1) / 2) ** 2 / (2 * s * s)) for k, s in
             zip(kernel_size, sigma)]
    kernel = np.outer(gauss[0] / gauss[0].sum(), gauss[1] / gauss[1].sum())
    (kh, kw), pads = kernel_size, [((k - 1) // 2, k - 1 - (k - 1) // 2) for k in kernel_size]
    padded = np.pad(x, [(0, 0), pads[0], pads[1], (0, 0)])
    want = np.zeros_like(x)
    for i in range(kh):
        for j in range(kw):
            want += kernel[i, j] * padded[:, i:i + 9, j:j + 8]
    assert_same(I.gaussian_blur(torch.from_numpy(x), kernel_size, sigma), want, 1e-6)


@pytest.mark.oracle
@pytest.mark.parametrize("data_format", FORMATS)
def test_sobel_edges_match_keras(keras_oracle, data_format):
    x = layout(images(2, 6, 5, 3), data_format)
    got = I.sobel_edges(x, data_format=data_format)
    assert_same(got, keras_oracle.ops.image.sobel_edges(x, data_format=data_format))
    assert_same(I.sobel_edges(x[0], data_format=data_format), got[0])  # Keras needs a batch


@pytest.mark.oracle
@pytest.mark.parametrize("kwargs", [{}, {"max_val": 2.0, "filter_size": 7, "filter_sigma": 1.0},
                                    {"k1": 0.05, "k2": 0.1}, {"data_format": "channels_first"}])
def test_ssim_matches_keras(keras_oracle, kwargs):
    x = layout(images(2, 16, 15, 3), kwargs.get("data_format", "channels_last"))
    y = (x * 0.8 + 0.1 * images(*x.shape, seed=1)).clamp(0, 1)
    assert_same(I.ssim(x, y, **kwargs), keras_oracle.ops.image.ssim(x, y, **kwargs))
    assert_same(I.ssim(x[0], y[0], **kwargs), keras_oracle.ops.image.ssim(x[0], y[0], **kwargs))


# -- resampling ----------------------------------------------------------------------

FILL_MODES = ["constant", "nearest", "wrap", "mirror", "reflect"]


@pytest.mark.oracle
@pytest.mark.parametrize("fill_mode", FILL_MODES)
@pytest.mark.parametrize("order", [0, 1])
def test_map_coordinates_matches_keras_and_scipy(keras_oracle, fill_mode, order):
    ndimage = pytest.importorskip("scipy.ndimage")
    x = images(5, 6)
    coords = torch.from_numpy(
        np.random.default_rng(2).uniform(-3, 8, (2, 4, 7)).astype("float32"))
    got = I.map_coordinates(x, coords, order, fill_mode=fill_mode, fill_value=0.5)
    assert_same(got, keras_oracle.ops.image.map_coordinates(x, coords, order,
                                                            fill_mode=fill_mode,
                                                            fill_value=0.5))
    scipy_mode = {"wrap": "grid-wrap", "constant": "grid-constant"}.get(fill_mode, fill_mode)
    if order == 1 or fill_mode not in ("mirror", "reflect"):  # half-way rounding differs
        want = ndimage.map_coordinates(x.numpy(), coords.numpy(), order=order, mode=scipy_mode,
                                       cval=0.5)
        np.testing.assert_allclose(got.numpy(), want, atol=1e-5)


@pytest.mark.oracle
@pytest.mark.parametrize("interpolation", ["nearest", "bilinear"])
@pytest.mark.parametrize("fill_mode", FILL_MODES)
@pytest.mark.parametrize("data_format", FORMATS)
def test_affine_transform_matches_keras(keras_oracle, interpolation, fill_mode, data_format):
    # No projective terms: Keras 3.15's torch/JAX backends ignore them (see below). The
    # coefficients keep coordinates off exact halves, where the backends round apart.
    x = layout(images(2, 7, 6, 3), data_format)
    transform = torch.tensor([[1.131, 0.173, -1.377, -0.113, 0.937, 0.711, 0.0, 0.0],
                              [0.833, -0.291, 2.037, 0.231, 1.193, -1.071, 0.0, 0.0]])
    kwargs = dict(interpolation=interpolation, fill_mode=fill_mode, fill_value=0.3,
                  data_format=data_format)
    assert_same(I.affine_transform(x, transform, **kwargs),
                keras_oracle.ops.image.affine_transform(x, transform, **kwargs))
    assert_same(I.affine_transform(x[0], transform[0], **kwargs),
                keras_oracle.ops.image.affine_transform(x[0], transform[0], **kwargs))


@pytest.mark.parametrize("fill_mode", ["constant", "reflect"])
def test_affine_transform_divides_by_the_projective_term(fill_mode):
    # Output (x, y) reads input ((a0 x + a1 y + a2) / k, (a3 x + a4 y + a5) / k) with
    # k = a6 x + a7 y + 1, as TF's ImageProjectiveTransformV3 (Keras's TF backend).
    x = images(1, 7, 6, 1)
    a = [1.131, 0.173, -1.377, -0.113, 0.937, 0.711, 0.031, -0.047]
    rows, cols = np.meshgrid(np.arange(7.0), np.arange(6.0), indexing="ij")
    k = a[6] * cols + a[7] * rows + 1
    coords = np.stack([(a[3] * cols + a[4] * rows + a[5]) / k,
                       (a[0] * cols + a[1] * rows + a[2]) / k]).astype("float32")
    want = I.map_coordinates(x[0, ..., 0], coords, 1, fill_mode=fill_mode, fill_value=0.3)
    got = I.affine_transform(x, np.array(a, "float32"), fill_mode=fill_mode, fill_value=0.3)
    assert_same(got[0, ..., 0], want, 1e-5)


@pytest.mark.oracle
@pytest.mark.parametrize("interpolation", ["nearest", "bilinear"])
def test_perspective_transform_matches_keras(keras_oracle, interpolation):
    x = images(2, 8, 9, 3)
    start = torch.tensor([[0.0, 0.0], [8.0, 0.0], [0.0, 7.0], [8.0, 7.0]])
    end = torch.tensor([[[1.0, 0.5], [7.0, 1.0], [0.5, 6.0], [8.0, 7.5]],
                        [[0.0, 1.0], [8.0, 0.0], [1.0, 6.0], [6.5, 7.0]]])
    kwargs = dict(interpolation=interpolation, fill_value=0.2)
    assert_same(I.perspective_transform(x, start.expand(2, 4, 2), end, **kwargs),
                keras_oracle.ops.image.perspective_transform(x, start.expand(2, 4, 2), end,
                                                             **kwargs), 1e-3)


def test_perspective_transform_identity_points_keep_the_image():
    x = images(1, 6, 6, 2)
    points = torch.tensor([[0.0, 0.0], [5.0, 0.0], [0.0, 5.0], [5.0, 5.0]])
    assert_same(I.perspective_transform(x, points, points), x, 1e-5)


def test_elastic_transform_is_seeded_and_alpha_zero_is_identity():
    x = images(2, 10, 9, 3)
    assert_same(I.elastic_transform(x, alpha=0.0, sigma=2.0, seed=1), x, 1e-6)
    first = I.elastic_transform(x, alpha=3.0, sigma=2.0, seed=7)
    assert_same(I.elastic_transform(x, alpha=3.0, sigma=2.0, seed=7), first, 0)
    assert not torch.allclose(to_torch(first), x)
    channels_first = I.elastic_transform(x.movedim(-1, 1), alpha=3.0, sigma=2.0, seed=7,
                                         data_format="channels_first")
    assert_same(ops.moveaxis(channels_first, 1, -1), first, 1e-6)


@pytest.mark.oracle
@pytest.mark.parametrize("method", ["linear", "cubic", "lanczos3", "lanczos5"])
@pytest.mark.parametrize("antialias", [True, False])
def test_scale_and_translate_matches_keras(keras_oracle, method, antialias):
    x = images(2, 9, 7, 3)
    for shape, scale, translation in [((2, 5, 11, 3), [0.6, 1.6], [0.5, -1.0]),
                                      ((2, 12, 4, 3), [1.3, 0.5], [0.0, 0.7])]:
        scale, translation = np.array(scale, "float32"), np.array(translation, "float32")
        got = I.scale_and_translate(x, shape, scale, translation, (1, 2), method, antialias)
        assert_same(got, keras_oracle.ops.image.scale_and_translate(
            x, shape, scale, translation, (1, 2), method, antialias))


@pytest.mark.parametrize("call,message", [
    (lambda x: I.map_coordinates(x[0, ..., 0], [np.zeros(3)], 1), "one coordinate array"),
    (lambda x: I.map_coordinates(x[0, ..., 0], np.zeros((2, 3)), 3), "order 0 or 1"),
    (lambda x: I.affine_transform(x, np.zeros(8), fill_mode="edge"), "`fill_mode` must be"),
    (lambda x: I.affine_transform(x, np.zeros(6)), r"shape \(8,\) or \(batch, 8\)"),
    (lambda x: I.affine_transform(x, np.zeros(8), interpolation="cubic"),
     "'nearest' or 'bilinear'"),
    (lambda x: I.perspective_transform(x, np.zeros((3, 2)), np.zeros((4, 2))),
     r"shape \(4, 2\)"),
    (lambda x: I.scale_and_translate(x, x.shape, np.ones(2), np.zeros(2), (1, 2), "nearest"),
     "`method` must be one of"),
])
def test_resampling_errors_name_the_problem(call, message):
    with pytest.raises(ValueError, match=message):
        call(images(1, 4, 4, 3))


@pytest.mark.parametrize("call,expected", [
    (lambda t: I.resize(t((None, 8, 8, 3)), (4, 5)), (None, 4, 5, 3)),
    (lambda t: I.rgb_to_grayscale(t((None, 8, 8, 3))), (None, 8, 8, 1)),
    (lambda t: I.rgb_to_hsv(t((None, 8, 8, 3))), (None, 8, 8, 3)),
    (lambda t: I.crop_images(t((None, 8, 8, 3)), 1, 1, 2, 2), (None, 5, 5, 3)),
    (lambda t: I.pad_images(t((None, 8, 8, 3)), 1, 1, 2, 2), (None, 11, 11, 3)),
    (lambda t: I.extract_patches(t((None, 8, 8, 3)), 2), (None, 4, 4, 12)),
    (lambda t: I.gaussian_blur(t((None, 8, 8, 3))), (None, 8, 8, 3)),
    (lambda t: I.sobel_edges(t((None, 8, 8, 3))), (None, 8, 8, 3, 2)),
    (lambda t: I.ssim(t((None, 16, 16, 3)), t((None, 16, 16, 3))), (None,)),
    (lambda t: I.affine_transform(t((None, 8, 8, 3)), t((None, 8))), (None, 8, 8, 3)),
    (lambda t: I.map_coordinates(t((6, 5)), t((2, None, 4)), 1), (None, 4)),
])
def test_symbolic_shapes_with_unknown_dims(call, expected):
    out = call(backend.KerasTensor)
    assert isinstance(out, backend.KerasTensor)
    assert out.shape == expected
