"""The shared machinery of the *_dataset_from_directory utilities.

Files are indexed as Keras indexes them (class subfolders in sorted order, files
walked in sorted order, the same seeded shuffle and validation split), so a seed
picks the same training and validation files as in Keras. The result is a
``PyDataset`` that reads its files batch by batch.
"""
import math
import os

import numpy as np

from ceras.utils.py_dataset import PyDataset

_LABEL_MODES = ("int", "categorical", "binary", None)


def check_arguments(labels, label_mode, validation_split, subset, shuffle, seed, format):
    """Validate the arguments shared by the directory datasets."""
    if labels not in ("inferred", None) and not isinstance(labels, (list, tuple)):
        raise ValueError(
            '`labels` must be "inferred", None, or a list/tuple of labels (one per file, in '
            f"the sorted order of the file paths); received labels={labels!r}")
    if label_mode not in _LABEL_MODES:
        raise ValueError(
            '`label_mode` must be one of "int", "categorical", "binary", or None; received '
            f"label_mode={label_mode!r}")
    if format not in ("tf", "grain"):
        raise ValueError(f'`format` should be either "tf" or "grain"; received format={format!r}')
    if format == "grain":
        raise ValueError(
            'format="grain" returns a grain dataset in Keras; ceras does not use grain and '
            'returns a ceras.utils.PyDataset for format="tf" (the default).')
    if validation_split is not None and not 0 < validation_split < 1:
        raise ValueError(
            f"`validation_split` must be between 0 and 1 (exclusive); received "
            f"validation_split={validation_split!r}")
    if (validation_split or subset) and subset not in ("training", "validation", "both"):
        raise ValueError(
            '`subset` must be "training", "validation" or "both" when `validation_split` is '
            f"set; received subset={subset!r}")
    if subset and not validation_split:
        raise ValueError(
            f"`subset={subset!r}` needs a `validation_split` to split the files by; received "
            f"validation_split={validation_split!r}")
    if validation_split and shuffle and seed is None:
        raise ValueError(
            "With `validation_split` and `shuffle=True`, pass a `seed` so that the training "
            "and validation subsets do not overlap (they are split by separate calls).")


def _valid_files(folder, follow_links, formats):
    walk = sorted(os.walk(folder, followlinks=follow_links), key=lambda entry: entry[0])
    for root, _, files in walk:
        for name in sorted(files):
            if name.lower().endswith(formats):
                yield os.path.join(root, name)


def index_directory(directory, labels, formats, class_names=None, shuffle=True, seed=None,
                    follow_links=False, verbose=True):
    """``(file_paths, labels, class_names)`` of the files in ``directory`` whose
    extension is in ``formats``; labels come from the class subfolders
    (``labels="inferred"``), from the list ``labels``, or are None."""
    directory = os.fspath(directory)
    if not os.path.isdir(directory):
        raise ValueError(f"The directory {directory!r} does not exist or is not a folder.")
    if labels == "inferred":
        subdirs = sorted(d for d in os.listdir(directory)
                         if os.path.isdir(os.path.join(directory, d)))
        if class_names is not None:
            if not set(class_names) <= set(subdirs):
                raise ValueError(
                    "The `class_names` passed do not match the subfolders of the directory: "
                    f"expected a subset of {subdirs}, received class_names={list(class_names)}")
            subdirs = list(class_names)  # their order gives the label indices
    else:
        if class_names is not None:
            raise ValueError(
                "`class_names` can be given only with labels='inferred' (with explicit labels "
                "the class names are the sorted labels); received class_names="
                f"{list(class_names)} with labels={'None' if labels is None else 'a list'}")
        subdirs = [""]
    file_paths, file_labels = [], []
    for index, subdir in enumerate(subdirs):
        found = list(_valid_files(os.path.join(directory, subdir), follow_links, formats))
        file_paths += found
        file_labels += [index] * len(found)
    if labels == "inferred":
        class_names = list(subdirs)
        labels = np.array(file_labels, dtype="int32")
    elif labels is None:
        class_names = None
    else:
        if len(labels) != len(file_paths):
            raise ValueError(
                f"`labels` must have one label per file: received {len(labels)} labels for "
                f"{len(file_paths)} files in directory {directory!r}")
        class_names = [str(label) for label in sorted(set(labels))]
        labels = np.asarray(labels)
    if verbose:
        if labels is None:
            print(f"Found {len(file_paths)} files.")
        else:
            print(f"Found {len(file_paths)} files belonging to {len(class_names)} classes.")
    if shuffle:
        # Keras's order: the same seeded permutation of the paths and the labels.
        seed = np.random.randint(1e6) if seed is None else seed
        np.random.RandomState(seed).shuffle(file_paths)
        if labels is not None:
            np.random.RandomState(seed).shuffle(labels)
    return file_paths, labels, class_names


def split(file_paths, labels, validation_split, subset, verbose=True):
    """The training or validation part (the last ``validation_split`` of the files)."""
    if not validation_split:
        return file_paths, labels
    count = len(file_paths)
    num_val = int(validation_split * count)
    cut = count - num_val
    if subset == "training":
        if verbose:
            print(f"Using {cut} files for training.")
        return file_paths[:cut], None if labels is None else labels[:cut]
    if verbose:
        print(f"Using {num_val} files for validation.")
    return file_paths[cut:], None if labels is None else labels[cut:]


def encode_labels(labels, label_mode, num_classes):
    """Labels (class indices) in the form of ``label_mode``."""
    if label_mode == "binary":
        return np.asarray(labels, dtype="float32").reshape(-1, 1)
    if label_mode == "categorical":
        return np.eye(num_classes, dtype="float32")[np.asarray(labels, dtype="int64")]
    return np.asarray(labels, dtype="int32")


class DirectoryDataset(PyDataset):
    """Batches of files loaded by ``load(path)``, with their encoded labels.

    Yields ``(x, y)`` batches (``x`` alone without labels); with ``batch_size=None``
    each item is one sample. With ``shuffle`` the samples are reshuffled (seeded)
    at the end of every epoch. ``class_names`` and ``file_paths`` are attributes.
    """

    def __init__(self, file_paths, labels, class_names, load, stack, batch_size, shuffle,
                 seed):
        super().__init__()
        self.file_paths = list(file_paths)
        self.labels = labels
        self.class_names = class_names
        self.batch_size = batch_size
        self._load = load
        self._stack = stack
        self._shuffle = shuffle
        self._rng = np.random.RandomState(seed)
        self._order = np.arange(len(self.file_paths))

    def __len__(self):
        if self.batch_size is None:
            return len(self.file_paths)
        return math.ceil(len(self.file_paths) / self.batch_size)

    def __getitem__(self, index):
        if not -len(self) <= index < len(self):
            raise IndexError(f"Batch index {index} is out of range for {len(self)} batches")
        index %= len(self)
        if self.batch_size is None:
            i = self._order[index]
            x = self._load(self.file_paths[i])
            return x if self.labels is None else (x, self.labels[i])
        rows = self._order[index * self.batch_size:(index + 1) * self.batch_size]
        x = self._stack([self._load(self.file_paths[i]) for i in rows])
        return x if self.labels is None else (x, self.labels[rows])

    def on_epoch_end(self):
        if self._shuffle:
            self._rng.shuffle(self._order)
