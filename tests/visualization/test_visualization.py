"""ceras.visualization: masks and boxes drawn into arrays, galleries saved by matplotlib."""
import numpy as np
import pytest

import ceras
from ceras.visualization import (
    draw_bounding_boxes, draw_segmentation_masks, plot_bounding_box_gallery,
    plot_image_gallery, plot_segmentation_mask_gallery,
)


@pytest.fixture
def images():
    return np.full((2, 8, 8, 3), 100.0, "float32")


def masks():
    m = np.zeros((2, 8, 8, 1), "int32")
    m[:, :4] = 1
    m[1, :, :2] = -1
    return m


def test_segmentation_masks_paint_each_class(images):
    palette = ceras.visualization.draw_segmentation_masks.__globals__["color_palette"](3)
    out = draw_segmentation_masks(images, masks(), num_classes=2, alpha=0.5)
    assert out.dtype == np.uint8 and out.shape == images.shape
    np.testing.assert_array_equal(out[0, 5, 5], (100 * 0.5 + np.array(palette[0]) * 0.5)
                                  .astype("uint8"))
    np.testing.assert_array_equal(out[0, 0, 5], (100 * 0.5 + np.array(palette[1]) * 0.5)
                                  .astype("uint8"))
    np.testing.assert_array_equal(out[1, 6, 0], 100)  # ignore_index stays untouched
    raw = draw_segmentation_masks(images, masks(), color_mapping={0: (0, 0, 0),
                                                                  1: (255, 0, 0)},
                                  num_classes=2, blend=False)
    np.testing.assert_array_equal(raw[0, 0, 0], [255, 0, 0])
    np.testing.assert_array_equal(raw[0, 7, 7], [0, 0, 0])


@pytest.mark.oracle
def test_segmentation_masks_match_keras(images, keras_oracle):
    ours = draw_segmentation_masks(images, masks(), num_classes=2)
    theirs = keras_oracle.visualization.draw_segmentation_masks(images, masks(), num_classes=2)
    np.testing.assert_array_equal(ours, np.asarray(theirs))


def test_segmentation_mask_errors(images):
    with pytest.raises(ValueError, match=r"batched 4D tensor; received images.shape=\(8, 8, 3\)"):
        draw_segmentation_masks(images[0], masks()[0])
    with pytest.raises(TypeError, match="`segmentation_masks` must be in integer dtype"):
        draw_segmentation_masks(images, masks().astype("float32"))


def test_bounding_boxes_are_drawn_in_every_format():
    pytest.importorskip("PIL")
    blank = np.zeros((1, 20, 20, 3), "float32")
    expected = None
    for fmt, box in [("xyxy", [4, 6, 14, 16]), ("yxyx", [6, 4, 16, 14]),
                     ("xywh", [4, 6, 10, 10]), ("center_xywh", [9, 11, 10, 10]),
                     ("center_yxhw", [11, 9, 10, 10]), ("rel_xyxy", [0.2, 0.3, 0.7, 0.8])]:
        out = draw_bounding_boxes(blank, {"boxes": np.array([[box]], "float32"),
                                          "labels": np.array([[0]])}, fmt,
                                  color=(255, 0, 0), line_thickness=1)
        assert out.shape == (1, 20, 20, 3) and out.dtype == np.uint8
        np.testing.assert_array_equal(out[0, 6, 4:15], [[255, 0, 0]] * 11)  # top edge
        np.testing.assert_array_equal(out[0, 10, 9], 0)  # inside stays empty
        expected = out if expected is None else expected
        np.testing.assert_array_equal(out, expected)
    padded = draw_bounding_boxes(blank, {"boxes": np.ones((1, 1, 4)), "labels": [[-1]]}, "xyxy")
    np.testing.assert_array_equal(padded, 0)
    labelled = draw_bounding_boxes(np.zeros((1, 40, 40, 3)),
                                   {"boxes": [[[2, 20, 30, 38]]], "labels": [[1]],
                                    "confidences": [[0.9]]}, "xyxy",
                                   class_mapping={1: "cat"})
    assert labelled[0, :18].any()  # the text above the box


def test_bounding_box_errors():
    blank = np.zeros((1, 4, 4, 3))
    with pytest.raises(ValueError, match="must be a dict with 'boxes' and 'labels' keys"):
        draw_bounding_boxes(blank, [[0, 0, 1, 1]], "xyxy")
    with pytest.raises(ValueError, match="Unsupported bounding_box_format='xyz'"):
        draw_bounding_boxes(blank, {"boxes": np.zeros((1, 1, 4)), "labels": [[0]]}, "xyz")


def test_galleries_save_figures(tmp_path, images):
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    figure = plot_image_gallery(images, y_true=[0, 1], y_pred=[1, 1],
                                label_map={0: "a", 1: "b"}, path=tmp_path / "g.png")
    assert (tmp_path / "g.png").read_bytes().startswith(b"\x89PNG")
    assert [ax.get_title() for ax in figure.axes[:2]] == ["Label: a\nPred: b",
                                                          "Label: b\nPred: b"]
    figure = plot_segmentation_mask_gallery(images, num_classes=2, y_true=masks(),
                                            y_pred=masks(), path=tmp_path / "m.png")
    assert len(figure.axes) == 6  # 2 rows: image, true mask, predicted mask
    boxes = {"boxes": np.array([[[1, 1, 5, 5]]] * 2, "float32"), "labels": [[0], [0]]}
    plot_bounding_box_gallery(images, "xyxy", y_true=boxes, y_pred=boxes, legend=True,
                              path=tmp_path / "b.png")
    assert (tmp_path / "b.png").exists()
    with pytest.raises(ValueError, match="`label_map` is required with `y_true`"):
        plot_image_gallery(images, y_true=[0, 1])
    with pytest.raises(ValueError, match="give either `path` .* not both"):
        plot_image_gallery(images, path=tmp_path / "x.png", show=True)
    with pytest.raises(ValueError, match="give `legend=True` or `legend_handles`, not both"):
        plot_bounding_box_gallery(images, "xyxy", legend=True, legend_handles=[])
