"""Assets in a .keras archive: files a layer writes beside its weights (a lookup
layer's vocabulary), stored under ``assets/<object path>/``.

On load, asset members are read into memory (bounded in count and size) and
written only into a private temporary folder, under names checked to stay inside
it; members with any other name are ignored.
"""
import os
import posixpath
import tempfile

from ceras.saving import weights_store

MAX_ASSET_FILES = 4096
MAX_ASSET_BYTES = 1 << 30
_PREFIX = "assets/"


def _objects_with(model, method):
    for path, obj in weights_store.walk(model):
        if callable(getattr(obj, method, None)):
            yield path, obj


def write_assets(model, archive):
    """Call each object's ``save_assets(dir)`` and store what it wrote."""
    for path, obj in _objects_with(model, "save_assets"):
        with tempfile.TemporaryDirectory() as tmp:
            obj.save_assets(tmp)
            for root, _, files in os.walk(tmp):
                for name in files:
                    full = os.path.join(root, name)
                    rel = os.path.relpath(full, tmp).replace(os.sep, "/")
                    archive.write(full, posixpath.join(_PREFIX, path, rel))


def _safe_name(name):
    normalized = posixpath.normpath(name)
    if not normalized.startswith(_PREFIX) or normalized.startswith("/") or \
            ".." in normalized.split("/") or "\\" in name or "\x00" in name:
        return None
    return normalized


def is_asset_member(name):
    return _safe_name(name) is not None


def read_asset_members(archive, infos, path):
    """{normalized member name: bytes} for the safe asset members."""
    if len(infos) > MAX_ASSET_FILES:
        raise ValueError(f"{path}: archive holds {len(infos)} asset files, refusing to load")
    total, out = 0, {}
    for name, info in infos.items():
        total += info.file_size
        if total > MAX_ASSET_BYTES:
            raise ValueError(f"{path}: assets exceed {MAX_ASSET_BYTES} bytes, refusing to load")
        with archive.open(info) as f:
            data = f.read(info.file_size + 1)
        if len(data) > info.file_size:
            raise ValueError(f"{path}: asset member {name} is larger than it declares")
        out[_safe_name(name)] = data
    return out


def load_assets(model, assets):
    """Write the asset members into a private folder and call ``load_assets(dir)``."""
    targets = list(_objects_with(model, "load_assets"))
    if not targets:
        return
    with tempfile.TemporaryDirectory() as tmp:
        root = os.path.realpath(tmp)
        for name, data in assets.items():
            dest = os.path.realpath(os.path.join(tmp, *name.split("/")))
            if not dest.startswith(root + os.sep):
                continue
            os.makedirs(os.path.dirname(dest), exist_ok=True)
            with open(dest, "wb") as f:
                f.write(data)
        for path, obj in targets:
            folder = os.path.join(tmp, "assets", *path.split("/")) if path else \
                os.path.join(tmp, "assets")
            if os.path.isdir(folder):
                obj.load_assets(folder)
