"""load_img / img_to_array / array_to_img / save_img against NumPy and Keras."""
import io

import numpy as np
import pytest

import ceras
from ceras.utils import array_to_img, img_to_array, load_img, save_img

Image = pytest.importorskip("PIL.Image")


@pytest.fixture
def rgb(rng):
    return rng.integers(0, 256, size=(6, 10, 3)).astype("uint8")


def write_png(path, array, mode=None):
    Image.fromarray(array, mode).save(path)
    return path


def test_load_img_and_img_to_array_round_trip(tmp_path, rgb):
    path = write_png(tmp_path / "a.png", rgb)
    img = load_img(path)
    assert img.mode == "RGB" and img.size == (10, 6)
    x = img_to_array(img)
    assert x.dtype == np.float32 and x.shape == (6, 10, 3)
    np.testing.assert_array_equal(x, rgb)
    np.testing.assert_array_equal(img_to_array(img, data_format="channels_first"),
                                  rgb.transpose(2, 0, 1))
    assert img_to_array(img, dtype="uint8").dtype == np.uint8
    with open(path, "rb") as f:
        np.testing.assert_array_equal(img_to_array(load_img(io.BytesIO(f.read()))), rgb)
    np.testing.assert_array_equal(img_to_array(load_img(str(path))), rgb)


def test_color_modes(tmp_path, rgb):
    path = write_png(tmp_path / "a.png", rgb)
    gray = load_img(path, color_mode="grayscale")
    assert gray.mode == "L"
    x = img_to_array(gray)
    assert x.shape == (6, 10, 1)
    np.testing.assert_array_equal(x[..., 0], np.asarray(Image.open(path).convert("L")))
    rgba = img_to_array(load_img(path, color_mode="rgba"))
    assert rgba.shape == (6, 10, 4)
    np.testing.assert_array_equal(rgba[..., 3], 255)
    assert img_to_array(gray, data_format="channels_first").shape == (1, 6, 10)


def test_target_size_and_keep_aspect_ratio(tmp_path):
    # left half black, right half white, 8 high x 16 wide
    array = np.zeros((8, 16, 3), "uint8")
    array[:, 8:] = 255
    path = write_png(tmp_path / "halves.png", array)
    resized = img_to_array(load_img(path, target_size=(4, 4)))
    assert resized.shape == (4, 4, 3)
    np.testing.assert_array_equal(resized[:, :2], 0)
    np.testing.assert_array_equal(resized[:, 2:], 255)
    # the centered 8x8 crop straddles both halves equally
    cropped = img_to_array(load_img(path, target_size=(2, 2), keep_aspect_ratio=True))
    np.testing.assert_array_equal(cropped[:, 0], 0)
    np.testing.assert_array_equal(cropped[:, 1], 255)
    smooth = img_to_array(load_img(path, target_size=(4, 4), interpolation="bilinear"))
    assert smooth.shape == (4, 4, 3)


def test_array_to_img_scales_and_picks_modes(rng):
    x = rng.uniform(-1, 1, size=(5, 4, 3)).astype("float32")
    img = array_to_img(x)
    assert img.mode == "RGB" and img.size == (4, 5)
    expected = (x - x.min()) / (x - x.min()).max() * 255
    np.testing.assert_array_equal(np.asarray(img), expected.astype("uint8"))
    np.testing.assert_array_equal(np.asarray(array_to_img(np.full((2, 2, 3), 7.0), scale=False)),
                                  7)
    assert array_to_img(rng.uniform(size=(3, 3, 4))).mode == "RGBA"
    assert array_to_img(rng.uniform(size=(3, 3, 1))).mode == "L"
    assert array_to_img(np.full((3, 3, 1), 1000.0), scale=False).mode == "I"
    assert array_to_img(rng.uniform(size=(3, 5, 5)), data_format="channels_first").size == (5, 5)
    tensor = ceras.ops.convert_to_tensor(x)
    np.testing.assert_array_equal(np.asarray(array_to_img(tensor)), np.asarray(img))


def test_save_img_round_trip_and_formats(tmp_path, rgb):
    save_img(tmp_path / "x.png", rgb.astype("float32"), scale=False)
    np.testing.assert_array_equal(img_to_array(load_img(tmp_path / "x.png")), rgb)
    save_img(tmp_path / "x.bin", rgb, file_format="jpg", scale=False, quality=95)
    assert Image.open(tmp_path / "x.bin").format == "JPEG"
    chw = rgb.transpose(2, 0, 1).astype("float32")
    save_img(tmp_path / "chw.png", chw, data_format="channels_first", scale=False)
    np.testing.assert_array_equal(img_to_array(load_img(tmp_path / "chw.png")), rgb)
    with pytest.warns(UserWarning, match="JPEG format does not support RGBA"):
        save_img(tmp_path / "rgba.jpg", np.ones((4, 4, 4)))
    assert Image.open(tmp_path / "rgba.jpg").mode == "RGB"


def test_errors_name_the_argument(tmp_path, rgb):
    path = write_png(tmp_path / "a.png", rgb)
    with pytest.raises(ValueError, match='color_mode must be "grayscale", "rgb", or "rgba"'):
        load_img(path, color_mode="cmyk")
    with pytest.raises(ValueError, match="Invalid interpolation method 'cubic'"):
        load_img(path, target_size=(3, 3), interpolation="cubic")
    with pytest.raises(TypeError, match="path should be a path-like or a io.BytesIO"):
        load_img(3)
    with pytest.raises(ValueError, match=r"rank 3 \(a single image\); received an array of "
                                         r"shape \(1, 2, 2, 3\)"):
        array_to_img(np.ones((1, 2, 2, 3)))
    with pytest.raises(ValueError, match="unsupported number of channels 2"):
        array_to_img(np.ones((2, 2, 2)))
    with pytest.raises(ValueError, match=r"unsupported image shape \(2, 2, 2, 2\)"):
        img_to_array(np.ones((2, 2, 2, 2)))


@pytest.mark.oracle
def test_matches_keras(tmp_path, rgb, rng, keras_oracle):
    path = write_png(tmp_path / "a.png", rgb)
    for kwargs in ({}, {"color_mode": "grayscale"}, {"color_mode": "rgba"},
                   {"target_size": (4, 7), "interpolation": "bicubic"},
                   {"target_size": (5, 5), "keep_aspect_ratio": True}):
        ours = img_to_array(load_img(path, **kwargs))
        theirs = keras_oracle.utils.img_to_array(keras_oracle.utils.load_img(path, **kwargs))
        np.testing.assert_array_equal(ours, theirs)
    x = rng.normal(size=(4, 6, 3)).astype("float32")
    np.testing.assert_array_equal(np.asarray(array_to_img(x)),
                                  np.asarray(keras_oracle.utils.array_to_img(x)))


def test_without_pillow_the_functions_say_how_to_install(monkeypatch):
    from ceras.utils import image_utils

    monkeypatch.setattr(image_utils, "pil_image", None)
    with pytest.raises(ImportError, match="load_img needs Pillow"):
        load_img("x.png")
    with pytest.raises(ImportError, match="array_to_img needs Pillow"):
        array_to_img(np.ones((2, 2, 3)))
