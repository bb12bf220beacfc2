"""draw_segmentation_masks: paint class masks over images (NumPy)."""
import numpy as np

from ceras import backend


def _to_numpy(x):
    return backend.convert_to_numpy(x) if backend.is_tensor(x) else np.asarray(x)


def color_palette(num_classes):
    """One RGB color per class: class ``i`` gets ``(i * (2**25 - 1, 2**15 - 1,
    2**21 - 1)) % 255``, the palette Keras (after torchvision) uses."""
    primes = np.array([2**25 - 1, 2**15 - 1, 2**21 - 1])
    return [((i * primes) % 255).tolist() for i in range(num_classes)]


def draw_segmentation_masks(images, segmentation_masks, num_classes=None, color_mapping=None,
                            alpha=0.8, blend=True, ignore_index=-1, data_format=None):
    """Images with each pixel painted in the color of its mask class.

    Args:
        images: (batch, height, width, channels) images (channels first with
            ``data_format="channels_first"``).
        segmentation_masks: integer masks of shape (batch, height, width, 1).
        num_classes: number of classes (default: the largest class in the masks;
            class ``num_classes`` and above are not painted).
        color_mapping: dict of class index to RGB color (default: ``color_palette``).
        alpha: opacity of the paint when blending.
        blend: blend the paint with the image (uint8 result) instead of replacing
            the pixels (float32 result).
        ignore_index: mask value left unpainted (when blending).
        data_format: "channels_last" or "channels_first" (default: the config's).

    Returns:
        A NumPy array of the painted images, channels last.
    """
    data_format = backend.standardize_data_format(data_format)
    images = _to_numpy(images).astype("float32")
    masks = _to_numpy(segmentation_masks)
    if images.ndim != 4:
        raise ValueError(
            f"`images` must be a batched 4D tensor; received images.shape={images.shape}")
    if data_format == "channels_first":
        images = images.transpose(0, 2, 3, 1)
        masks = masks.transpose(0, 2, 3, 1)
    if not np.issubdtype(masks.dtype, np.integer):
        raise TypeError(
            "`segmentation_masks` must be in integer dtype. Received: "
            f"segmentation_masks.dtype={masks.dtype}")
    masks = masks[..., 0]
    if num_classes is None:
        num_classes = int(masks.max())
    colors = color_palette(num_classes) if color_mapping is None else [
        color_mapping[i] for i in range(num_classes)]
    painted = images.copy()
    for index, color in enumerate(colors):
        painted[masks == index] = np.asarray(color, dtype="float32")
    if not blend:
        return painted
    blended = images * (1 - alpha) + painted * alpha
    blended = np.where((masks != ignore_index)[..., None], blended, images)
    return blended.astype("uint8")
