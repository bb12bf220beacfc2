"""image_dataset_from_directory: batches of images (and labels) from a folder tree."""
import numpy as np

from ceras import backend, ops
from ceras.utils import directory_dataset
from ceras.utils.image_utils import img_to_array, load_img

ALLOWED_FORMATS = (".bmp", ".gif", ".jpeg", ".jpg", ".png")
_CHANNELS = {"grayscale": 1, "rgb": 3, "rgba": 4}


def image_dataset_from_directory(directory, labels="inferred", label_mode="int",
                                 class_names=None, color_mode="rgb", batch_size=32,
                                 image_size=(256, 256), shuffle=True, seed=None,
                                 validation_split=None, subset=None, interpolation="bilinear",
                                 follow_links=False, crop_to_aspect_ratio=False,
                                 pad_to_aspect_ratio=False, data_format=None, format="tf",
                                 verbose=True):
    """Batches of images read from ``directory``, labelled by their subfolder.

    With ``main/cat/*.png`` and ``main/dog/*.png`` the classes are ``["cat", "dog"]``
    (labels 0 and 1). Images (bmp, gif, jpeg, jpg, png) are decoded with Pillow
    and resized to ``image_size``.

    Unlike Keras, which returns a ``tf.data.Dataset``, ceras returns a
    ``ceras.utils.PyDataset``: ``ds[i]`` is batch ``i`` as NumPy arrays, ``(images,
    labels)`` (images alone when ``labels=None``), ``images`` float32 of shape
    ``(batch, height, width, channels)`` (channels first with
    ``data_format="channels_first"``) with values in 0..255. ``model.fit(ds)``
    takes it directly. It has ``class_names`` and ``file_paths`` attributes, and is
    reshuffled (seeded) after every epoch when ``shuffle=True``.

    Args:
        directory: the folder holding one subfolder per class (or the images
            themselves when ``labels`` is not "inferred").
        labels: "inferred" (from the subfolders), None (no labels), or a list of
            labels, one per image file in the sorted order of their paths.
        label_mode: "int" (int32 indices), "categorical" (one-hot float32),
            "binary" (float32 0/1, for 2 classes), or None (no labels).
        class_names: with labels="inferred", the subfolders to use, in the order
            of their label indices (default: all, sorted).
        color_mode: "rgb" (3 channels), "rgba" (4) or "grayscale" (1).
        batch_size: images per batch (default 32); None yields single images.
        image_size: ``(height, width)`` every image is resized to.
        shuffle: shuffle the files (default True; otherwise alphanumeric order).
        seed: seed of the shuffle (needed with ``validation_split`` and shuffle).
        validation_split: fraction of the files held out for validation.
        subset: "training", "validation" or "both" (a list of the two datasets),
            with ``validation_split``.
        interpolation: the resize method ("bilinear", "nearest", "bicubic", ...).
        follow_links: follow symbolic links to subfolders.
        crop_to_aspect_ratio: crop the images' centers to the target aspect ratio
            instead of distorting them.
        pad_to_aspect_ratio: pad the images to the target aspect ratio instead of
            distorting them.
        data_format: "channels_last" or "channels_first" (default: the config's).
        format: "tf" (default); accepted for Keras compatibility, the result is a
            PyDataset either way ("grain" is not supported).
        verbose: print how many files and classes were found.

    Example:
        >>> train = ceras.utils.image_dataset_from_directory(
        ...     "photos", image_size=(64, 64), validation_split=0.2, subset="training",
        ...     seed=1)
        >>> train.class_names
        ['cat', 'dog']
        >>> model.fit(train, epochs=5)
    """
    if labels is None or label_mode is None:  # as Keras: no labels at all
        labels = label_mode = None
    directory_dataset.check_arguments(labels, label_mode, validation_split, subset, shuffle,
                                      seed, format)
    if color_mode not in _CHANNELS:
        raise ValueError(
            '`color_mode` must be one of "rgb", "rgba", "grayscale"; received '
            f"color_mode={color_mode!r}")
    if not (isinstance(image_size, (tuple, list)) and len(image_size) == 2):
        raise ValueError(
            f"`image_size` must be a (height, width) pair; received image_size={image_size!r}")
    if crop_to_aspect_ratio and pad_to_aspect_ratio:
        raise ValueError(
            "Only one of `crop_to_aspect_ratio` and `pad_to_aspect_ratio` can be True.")
    data_format = backend.standardize_data_format(data_format)
    seed = np.random.randint(1e6) if shuffle and seed is None else seed
    paths, file_labels, class_names = directory_dataset.index_directory(
        directory, labels, ALLOWED_FORMATS, class_names=class_names, shuffle=shuffle,
        seed=seed, follow_links=follow_links, verbose=verbose)
    if not paths:
        raise ValueError(
            f"No images found in directory {directory}. Allowed formats: {ALLOWED_FORMATS}")
    if label_mode == "binary" and len(class_names) != 2:
        raise ValueError(
            'With label_mode="binary" there must be exactly 2 classes; received '
            f"class_names={class_names}")
    if file_labels is not None and label_mode is not None and labels != "inferred":
        # explicit labels: any values, indexed in the order of the sorted class names
        index = {name: i for i, name in enumerate(class_names)}
        file_labels = np.array([index[str(v)] for v in file_labels], dtype="int32")

    def load(path):
        image = img_to_array(load_img(path, color_mode=color_mode), data_format="channels_last")
        image = ops.image.resize(image, tuple(image_size), interpolation=interpolation,
                                 crop_to_aspect_ratio=crop_to_aspect_ratio,
                                 pad_to_aspect_ratio=pad_to_aspect_ratio,
                                 data_format="channels_last")
        image = ops.convert_to_numpy(image).astype("float32")
        return image.transpose(2, 0, 1) if data_format == "channels_first" else image

    def make(subset_name):
        part_paths, part_labels = directory_dataset.split(
            paths, file_labels, validation_split, subset_name, verbose=verbose)
        if label_mode is None:
            part_labels = None
        elif part_labels is not None:
            part_labels = directory_dataset.encode_labels(part_labels, label_mode,
                                                          len(class_names))
        return directory_dataset.DirectoryDataset(
            part_paths, part_labels, class_names, load, np.stack, batch_size,
            shuffle, seed)

    if subset == "both":
        return [make("training"), make("validation")]
    return make(subset)
