"""draw_bounding_boxes: draw labelled boxes on images (with Pillow's ImageDraw)."""
import numpy as np

from ceras import backend
from ceras.visualization.draw_segmentation_masks import _to_numpy

# Each format as (x1, y1, x2, y2) from its 4 numbers (relative formats scale after).
_TO_XYXY = {
    "xyxy": lambda a, b, c, d: (a, b, c, d),
    "yxyx": lambda a, b, c, d: (b, a, d, c),
    "xywh": lambda a, b, c, d: (a, b, a + c, b + d),
    "center_xywh": lambda a, b, c, d: (a - c / 2, b - d / 2, a + c / 2, b + d / 2),
    "center_yxhw": lambda a, b, c, d: (b - d / 2, a - c / 2, b + d / 2, a + c / 2),
}


def boxes_to_xyxy(boxes, bounding_box_format, height, width):
    """Boxes (..., 4) in ``bounding_box_format`` as absolute (x1, y1, x2, y2)."""
    relative = bounding_box_format.startswith("rel_")
    base = bounding_box_format[len("rel_"):] if relative else bounding_box_format
    if base not in _TO_XYXY:
        raise ValueError(
            f"Unsupported bounding_box_format={bounding_box_format!r}: expected one of "
            f"{sorted(_TO_XYXY)} or their 'rel_' (relative to the image size) versions")
    boxes = np.asarray(boxes, dtype="float64")
    x1, y1, x2, y2 = _TO_XYXY[base](*np.moveaxis(boxes, -1, 0))
    if relative:
        x1, x2, y1, y2 = x1 * width, x2 * width, y1 * height, y2 * height
    return np.stack([x1, y1, x2, y2], axis=-1)


def draw_bounding_boxes(images, bounding_boxes, bounding_box_format, class_mapping=None,
                        color=(128, 128, 128), line_thickness=2, text_thickness=1,
                        font_scale=1.0, data_format=None):
    """Images with their boxes drawn, and the class names (and confidences) written
    above them when ``class_mapping`` is given.

    Args:
        images: (batch, height, width, channels) images, values in 0..255.
        bounding_boxes: dict with "boxes" (batch, num_boxes, 4), "labels" (batch,
            num_boxes; -1 marks padding) and optionally "confidences".
        bounding_box_format: "xyxy", "yxyx", "xywh", "center_xywh", "center_yxhw"
            or a "rel_" version (coordinates relative to the image size).
        class_mapping: dict of class index to name, written above each box.
        color: RGB color of the boxes and text.
        line_thickness: width of the box lines in pixels.
        text_thickness: stroke width of the text.
        font_scale: scale of the text (1.0: Pillow's default font at 10 px).
        data_format: "channels_last" or "channels_first" (default: the config's).

    Returns:
        A uint8 NumPy array of the images, channels last. Drawn with Pillow, so
        the pixels differ from Keras's (OpenCV) drawing.
    """
    try:
        from PIL import Image, ImageDraw, ImageFont  # noqa: PLC0415 - optional dependency
    except ImportError as e:
        raise ImportError("draw_bounding_boxes needs Pillow: `pip install pillow`.") from e
    data_format = backend.standardize_data_format(data_format)
    images = _to_numpy(images)
    if images.ndim != 4:
        raise ValueError(
            f"`images` must be a batched 4D tensor; received images.shape={images.shape}")
    if not isinstance(bounding_boxes, dict) or not {"boxes", "labels"} <= set(bounding_boxes):
        raise ValueError(
            "`bounding_boxes` must be a dict with 'boxes' and 'labels' keys; received "
            f"{type(bounding_boxes).__name__} with keys "
            f"{sorted(bounding_boxes) if isinstance(bounding_boxes, dict) else None}")
    if data_format == "channels_first":
        images = images.transpose(0, 2, 3, 1)
    height, width = images.shape[1:3]
    boxes = np.round(boxes_to_xyxy(_to_numpy(bounding_boxes["boxes"]), bounding_box_format,
                                   height, width)).astype(int)
    labels = _to_numpy(bounding_boxes["labels"]).astype(int)
    confidences = bounding_boxes.get("confidences")
    confidences = None if confidences is None else _to_numpy(confidences)
    font = ImageFont.load_default(size=max(1, round(10 * font_scale)))
    color = tuple(int(c) for c in color)
    out = []
    for i, image in enumerate(images.astype("uint8")):
        picture = Image.fromarray(image[..., 0] if image.shape[-1] == 1 else image)
        picture = picture.convert("RGB")
        draw = ImageDraw.Draw(picture)
        for j, (x1, y1, x2, y2) in enumerate(boxes[i]):
            if labels[i, j] == -1:  # padding
                continue
            draw.rectangle([x1, y1, x2, y2], outline=color, width=line_thickness)
            if class_mapping is not None:
                text = str(class_mapping.get(labels[i, j], labels[i, j]))
                if confidences is not None:
                    text += f" | {float(confidences[i, j]):.2f}"
                draw.text((x1, max(0, y1 - round(12 * font_scale))), text,
                          fill=color, font=font, stroke_width=max(0, text_thickness - 1),
                          stroke_fill=color)
        drawn = np.asarray(picture)
        out.append(drawn[..., :1] if image.shape[-1] == 1 else drawn)
    return np.stack(out)
