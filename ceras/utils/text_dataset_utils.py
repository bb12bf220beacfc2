"""text_dataset_from_directory: batches of texts (and labels) from a folder tree."""
import numpy as np

from ceras.utils import directory_dataset


def text_dataset_from_directory(directory, labels="inferred", label_mode="int",
                                class_names=None, batch_size=32, max_length=None, shuffle=True,
                                seed=None, validation_split=None, subset=None,
                                follow_links=False, format="tf", verbose=True):
    """Batches of the ``.txt`` files of ``directory``, labelled by their subfolder.

    With ``main/neg/*.txt`` and ``main/pos/*.txt`` the classes are ``["neg", "pos"]``
    (labels 0 and 1). Files are read as UTF-8.

    Unlike Keras, which returns a ``tf.data.Dataset`` of ``tf.string`` tensors,
    ceras returns a ``ceras.utils.PyDataset``: ``ds[i]`` is batch ``i``, ``(texts,
    labels)`` (texts alone when ``labels=None``), with ``texts`` a NumPy array of
    Python strings (``dtype=object``) and labels as NumPy arrays. It has
    ``class_names`` and ``file_paths`` attributes, and is reshuffled (seeded)
    after every epoch when ``shuffle=True``.

    Args:
        directory: the folder holding one subfolder per class (or the files
            themselves when ``labels`` is not "inferred").
        labels: "inferred", None, or a list of labels, one per file in the sorted
            order of their paths.
        label_mode: "int", "categorical", "binary" (2 classes) or None.
        class_names: with labels="inferred", the subfolders to use, in label order.
        batch_size: texts per batch (default 32); None yields single texts.
        max_length: keep at most this many characters of each text.
        shuffle, seed, validation_split, subset, follow_links, format, verbose: as
            for ``image_dataset_from_directory``.

    Example:
        >>> train, val = ceras.utils.text_dataset_from_directory(
        ...     "reviews", validation_split=0.2, subset="both", seed=7)
        >>> texts, labels = train[0]
    """
    if labels is None or label_mode is None:  # as Keras: no labels at all
        labels = label_mode = None
    directory_dataset.check_arguments(labels, label_mode, validation_split, subset, shuffle,
                                      seed, format)
    if max_length is not None and (not isinstance(max_length, int) or max_length < 1):
        raise ValueError(
            f"`max_length` must be None or a positive integer; received max_length={max_length!r}")
    seed = np.random.randint(1e6) if shuffle and seed is None else seed
    paths, file_labels, class_names = directory_dataset.index_directory(
        directory, labels, (".txt",), class_names=class_names, shuffle=shuffle, seed=seed,
        follow_links=follow_links, verbose=verbose)
    if not paths:
        raise ValueError(f"No text files found in directory {directory}. Allowed format: .txt")
    if label_mode == "binary" and len(class_names) != 2:
        raise ValueError(
            'With label_mode="binary" there must be exactly 2 classes; received '
            f"class_names={class_names}")
    if file_labels is not None and labels != "inferred":
        index = {name: i for i, name in enumerate(class_names)}
        file_labels = np.array([index[str(v)] for v in file_labels], dtype="int32")

    def load(path):
        with open(path, encoding="utf-8") as f:
            text = f.read()
        return text[:max_length] if max_length is not None else text

    def stack(texts):
        out = np.empty(len(texts), dtype=object)
        out[:] = texts
        return out

    def make(subset_name):
        part_paths, part_labels = directory_dataset.split(
            paths, file_labels, validation_split, subset_name, verbose=verbose)
        if part_labels is not None:
            part_labels = directory_dataset.encode_labels(part_labels, label_mode,
                                                          len(class_names))
        return directory_dataset.DirectoryDataset(
            part_paths, part_labels, class_names, load, stack, batch_size, shuffle, seed)

    if subset == "both":
        return [make("training"), make("validation")]
    return make(subset)
