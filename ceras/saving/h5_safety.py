"""Checks that make an untrusted HDF5 file safe to read.

Refused: soft and external links, datasets stored in external files, virtual
datasets (each can make a read reach outside the file), and datasets whose
declared size the file cannot back (a small file declaring 1e12 elements would
otherwise make us allocate before failing).
"""
import h5py
import numpy as np

MAX_ELEMENTS = 2 ** 32
# A dataset may not declare more than this many times the bytes it stores
# (Keras writes uncompressed data; real compressed weights stay far below).
MAX_EXPANSION = 1000
SLACK_BYTES = 1 << 20


class UnsafeFileError(ValueError):
    """The file contains a construct ceras refuses to follow."""


def check_file(h5file):
    _check_group(h5file, "/")


def _check_group(group, where):
    for name in group:
        link = group.get(name, getlink=True)
        path = f"{where.rstrip('/')}/{name}"
        if isinstance(link, h5py.ExternalLink):
            raise UnsafeFileError(
                f"Refusing to load: HDF5 entry {path!r} is an external link to "
                f"{link.filename!r}; weight files must be self-contained"
            )
        if isinstance(link, h5py.SoftLink):
            raise UnsafeFileError(
                f"Refusing to load: HDF5 entry {path!r} is a soft link to {link.path!r}"
            )
        item = group.get(name)
        if isinstance(item, h5py.Group):
            _check_group(item, path)
        elif isinstance(item, h5py.Dataset):
            check_dataset(item, path)


def check_dataset(dataset, where):
    if dataset.is_virtual:
        raise UnsafeFileError(f"Refusing to load: dataset {where!r} is a virtual dataset")
    plist = dataset.id.get_create_plist()
    if plist.get_external_count() > 0:
        raise UnsafeFileError(
            f"Refusing to load: dataset {where!r} stores its data in an external file"
        )
    count = int(np.prod(dataset.shape, dtype=np.float64)) if dataset.shape else 1
    if count > MAX_ELEMENTS:
        raise UnsafeFileError(
            f"Refusing to load: dataset {where!r} declares shape {dataset.shape} "
            f"({count} elements), above the limit of {MAX_ELEMENTS}"
        )
    declared = count * dataset.dtype.itemsize
    stored = dataset.id.get_storage_size()
    if declared > SLACK_BYTES and declared > stored * MAX_EXPANSION:
        raise UnsafeFileError(
            f"Refusing to load: dataset {where!r} declares {declared} bytes but the file "
            f"stores only {stored} for it (truncated or crafted file)"
        )
