"""plot_image_gallery and the mask / box galleries built on it (matplotlib)."""
import math

import numpy as np

from ceras import backend
from ceras.visualization.draw_bounding_boxes import draw_bounding_boxes
from ceras.visualization.draw_segmentation_masks import _to_numpy, draw_segmentation_masks


def _pyplot():
    try:
        import matplotlib.pyplot as plt  # noqa: PLC0415 - optional dependency
    except ImportError as e:
        raise ImportError(
            "The gallery plots need matplotlib: `pip install matplotlib` (or "
            "`pip install ceras[plot]`).") from e
    return plt


def _grid(count, rows, cols):
    if rows is None and cols is None:
        cols = math.ceil(math.sqrt(count))
    if rows is None:
        rows = math.ceil(count / cols)
    if cols is None:
        cols = math.ceil(count / rows)
    return rows, cols


def _channels_last(images, data_format):
    images = _to_numpy(images)
    if images.ndim != 4:
        raise ValueError(
            f"`images` must be a batched 4D tensor; received images.shape={images.shape}")
    if backend.standardize_data_format(data_format) == "channels_first":
        images = images.transpose(0, 2, 3, 1)
    return images


def plot_image_gallery(images, y_true=None, y_pred=None, label_map=None, rows=None,
                       cols=None, value_range=(0, 255), scale=2, path=None, show=None,
                       transparent=True, dpi=60, legend_handles=None, data_format=None):
    """A grid of images, titled with their true / predicted class names.

    Args:
        images: (batch, height, width, channels) images.
        y_true, y_pred: class indices of the images (titles need ``label_map``).
        label_map: dict of class index to name.
        rows, cols: grid size (default: as square as possible).
        value_range: the images' value range, rescaled to 0..255 for display.
        scale: size of each image in inches.
        path: save the figure there instead of showing it.
        show: show the figure (default: when ``path`` is None).
        transparent: transparent background when saving.
        dpi: resolution when saving.
        legend_handles: matplotlib patches drawn as a legend.
        data_format: "channels_last" or "channels_first" (default: the config's).

    Returns:
        The matplotlib Figure.
    """
    plt = _pyplot()
    if path is not None and show:
        raise ValueError("plot_image_gallery: give either `path` (to save) or `show=True` (to "
                         f"display), not both; received path={path!r}, show={show!r}")
    if (y_true is not None or y_pred is not None) and label_map is None:
        raise ValueError("plot_image_gallery: `label_map` is required with `y_true` or "
                         "`y_pred` (it names the classes in the titles)")
    show = path is None if show is None else show
    images = _channels_last(images, data_format).astype("float32")
    low, high = value_range
    images = np.clip((images - low) / (high - low) * 255, 0, 255).astype("uint8")
    rows, cols = _grid(len(images), rows, cols)
    figure, axes = plt.subplots(rows, cols, figsize=(cols * scale, rows * scale),
                                squeeze=False)
    for k, axis in enumerate(axes.flat):
        axis.axis("off")
        if k >= len(images):
            continue
        image = images[k]
        axis.imshow(image[..., 0] if image.shape[-1] == 1 else image,
                    cmap="gray" if image.shape[-1] == 1 else None)
        titles = []
        if y_true is not None:
            titles.append(f"Label: {label_map[int(_to_numpy(y_true)[k])]}")
        if y_pred is not None:
            titles.append(f"Pred: {label_map[int(_to_numpy(y_pred)[k])]}")
        if titles:
            axis.set_title("\n".join(titles), fontsize=8)
    if legend_handles is not None:
        figure.legend(handles=legend_handles, loc="lower center")
    figure.tight_layout()
    if path is not None:
        figure.savefig(path, transparent=transparent, dpi=dpi, bbox_inches="tight")
    if show:
        plt.show()
    plt.close(figure)
    return figure


def plot_segmentation_mask_gallery(images, num_classes, value_range=(0, 255), y_true=None,
                                   y_pred=None, color_mapping=None, blend=True, alpha=0.8,
                                   ignore_index=-1, data_format=None, **kwargs):
    """Each image beside its true and/or predicted masks (see
    ``draw_segmentation_masks``); ``kwargs`` go to ``plot_image_gallery``.
    Returns the matplotlib Figure."""
    images = _channels_last(images, data_format).astype("float32")
    low, high = value_range
    images = (images - low) / (high - low) * 255
    columns = [images]
    for masks in (y_true, y_pred):
        if masks is not None:
            masks = _to_numpy(masks)
            if backend.standardize_data_format(data_format) == "channels_first":
                masks = masks.transpose(0, 2, 3, 1)
            columns.append(draw_segmentation_masks(
                images, masks, num_classes=num_classes, color_mapping=color_mapping,
                alpha=alpha, blend=blend, ignore_index=ignore_index,
                data_format="channels_last").astype("float32"))
    # one row per image: the image, then its masks
    gallery = np.stack(columns, axis=1).reshape((-1,) + images.shape[1:])
    kwargs.setdefault("cols", len(columns))
    return plot_image_gallery(gallery, value_range=(0, 255), data_format="channels_last",
                              **kwargs)


def plot_bounding_box_gallery(images, bounding_box_format, y_true=None, y_pred=None,
                              value_range=(0, 255), true_color=(0, 188, 212),
                              pred_color=(255, 235, 59), line_thickness=2, font_scale=1.0,
                              text_thickness=None, class_mapping=None,
                              ground_truth_mapping=None, prediction_mapping=None,
                              legend=False, legend_handles=None, rows=None, cols=None,
                              data_format=None, **kwargs):
    """Images with their true and/or predicted boxes drawn (see
    ``draw_bounding_boxes``), in a gallery; ``legend=True`` adds a legend of the two
    colors. ``kwargs`` go to ``plot_image_gallery``. Returns the matplotlib Figure."""
    if legend and legend_handles is not None:
        raise ValueError("plot_bounding_box_gallery: give `legend=True` or `legend_handles`, "
                         "not both")
    images = _channels_last(images, data_format).astype("float32")
    low, high = value_range
    images = np.clip((images - low) / (high - low) * 255, 0, 255)
    text_thickness = line_thickness if text_thickness is None else text_thickness
    for boxes, color, mapping in ((y_true, true_color, ground_truth_mapping or class_mapping),
                                  (y_pred, pred_color, prediction_mapping or class_mapping)):
        if boxes is not None:
            images = draw_bounding_boxes(images, boxes, bounding_box_format,
                                         class_mapping=mapping, color=color,
                                         line_thickness=line_thickness,
                                         text_thickness=text_thickness, font_scale=font_scale,
                                         data_format="channels_last")
    if legend:
        from matplotlib import patches  # noqa: PLC0415 - optional dependency

        legend_handles = [
            patches.Patch(color=np.array(true_color) / 255.0, label="Ground Truth"),
            patches.Patch(color=np.array(pred_color) / 255.0, label="Prediction")]
    return plot_image_gallery(images, value_range=(0, 255), legend_handles=legend_handles,
                              rows=rows, cols=cols, data_format="channels_last", **kwargs)
