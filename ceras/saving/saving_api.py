"""save_model / load_model / save_weights / load_weights.

Formats: the Keras 3 ``.keras`` zip archive (config.json, metadata.json,
model.weights.h5) and ``.weights.h5`` files. Saves are atomic: the new file is
written next to the target and moved over it only once complete, so a failed
or killed save never leaves a truncated file where a good one was.
"""
import datetime
import io
import json
import os
import tempfile
import zipfile

import h5py

from ceras.saving import (
    archive_assets, legacy_h5, object_registration, serialization_lib, weights_store,
)

KERAS_VERSION = "3.15.1"
_MEMBERS = ("metadata.json", "config.json", "model.weights.h5")
_MAX_MEMBERS = 64
_MAX_MEMBER_BYTES = 4 << 30
_MAX_CONFIG_BYTES = 256 << 20


def _atomic_write(filepath, write, overwrite=True):
    filepath = os.fspath(filepath)
    if os.path.exists(filepath) and not overwrite:
        raise FileExistsError(f"{filepath} exists and overwrite=False")
    directory = os.path.dirname(os.path.abspath(filepath))
    os.makedirs(directory, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".ceras-save-", suffix=".tmp", dir=directory)
    os.close(fd)
    try:
        write(tmp)
        with open(tmp, "rb") as f:
            os.fsync(f.fileno())
        os.replace(tmp, filepath)
    except BaseException:
        if os.path.exists(tmp):
            os.remove(tmp)
        raise


def save_model(model, filepath, overwrite=True, zipped=None, include_optimizer=True, **kwargs):
    """Save ``model`` as a ``.keras`` archive (or legacy ``.h5``)."""
    path = os.fspath(filepath)
    if path.endswith((".h5", ".hdf5")):
        return _atomic_write(path, lambda tmp: legacy_h5.save_model_to_h5(
            model, tmp, include_optimizer=include_optimizer), overwrite)
    if not path.endswith(".keras"):
        raise ValueError(
            "Invalid filepath extension for saving: expected '.keras' (or the legacy '.h5'), "
            f"received filepath={path!r}"
        )
    config = serialization_lib.serialize_keras_object(model)
    metadata = {"keras_version": KERAS_VERSION,
                "date_saved": datetime.datetime.now().strftime("%Y-%m-%d@%H:%M:%S")}
    weights = io.BytesIO()
    with h5py.File(weights, "w") as h5:
        weights_store.save_weights_to_h5(model, h5, include_optimizer=include_optimizer)

    def write(tmp):
        with zipfile.ZipFile(tmp, "w") as archive:
            archive.writestr("metadata.json", json.dumps(metadata))
            archive.writestr("config.json", json.dumps(config))
            archive.writestr("model.weights.h5", weights.getvalue(),
                             compress_type=zipfile.ZIP_STORED)
            archive_assets.write_assets(model, archive)

    _atomic_write(path, write, overwrite)


def _read_archive(path):
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile as e:
        raise ValueError(f"{path} is not a valid .keras archive (not a zip file): {e}") from e
    assets = {}
    with archive:
        infos = archive.infolist()
        if len(infos) > _MAX_MEMBERS:
            raise ValueError(f"{path}: archive has {len(infos)} members, refusing to load")
        members = {}
        for info in infos:
            name = info.filename
            if name not in _MEMBERS:
                if archive_assets.is_asset_member(name):
                    assets[name] = info
                continue
            limit = _MAX_CONFIG_BYTES if name.endswith(".json") else _MAX_MEMBER_BYTES
            if info.file_size > limit:
                raise ValueError(f"{path}: member {name} is too large ({info.file_size} bytes)")
            try:
                with archive.open(info) as f:
                    data = f.read(limit + 1)
            except (zipfile.BadZipFile, OSError, EOFError, ValueError) as e:
                raise ValueError(f"{path}: corrupt archive member {name}: {e}") from e
            if len(data) > limit:
                raise ValueError(f"{path}: member {name} exceeds its size limit")
            members[name] = data
        if assets:
            members["assets"] = archive_assets.read_asset_members(archive, assets, path)
    if "config.json" not in members:
        raise ValueError(f"{path} is not a Keras model archive: it has no config.json")
    return members


_LOW_LEVEL_ERRORS = (OSError, RuntimeError, KeyError, IndexError, EOFError,
                     zipfile.BadZipFile, UnicodeDecodeError)


def load_model(filepath, custom_objects=None, compile=True, safe_mode=True):  # noqa: A002
    """Load a model saved with ``model.save`` (by ceras or by Keras 3)."""
    path = os.fspath(filepath)
    if not os.path.exists(path):
        raise FileNotFoundError(f"No file or directory found at {path}")
    try:
        return _load_model(path, custom_objects, compile, safe_mode)
    except FileNotFoundError:
        raise
    except _LOW_LEVEL_ERRORS as e:
        raise ValueError(
            f"Cannot load {path}: the file is corrupt or not a model file "
            f"({type(e).__name__}: {e})"
        ) from e


def _load_model(path, custom_objects, compile, safe_mode):  # noqa: A002
    if path.endswith((".h5", ".hdf5")):
        return legacy_h5.load_model_from_h5(path, custom_objects=custom_objects,
                                            compile=compile, safe_mode=safe_mode)
    if not zipfile.is_zipfile(path):
        raise ValueError(
            f"File format not supported: {path} is not a .keras zip archive. Use "
            "load_model() on .keras or legacy .h5 files."
        )
    members = _read_archive(path)
    try:
        config = json.loads(members["config.json"])
    except ValueError as e:
        raise ValueError(f"{path}: config.json is not valid JSON: {e}") from e
    compile_config = config.pop("compile_config", None) if isinstance(config, dict) else None
    with object_registration.CustomObjectScope(custom_objects or {}), \
            serialization_lib.SafeModeScope(safe_mode):
        model = serialization_lib.deserialize_keras_object(
            config, custom_objects=custom_objects, safe_mode=safe_mode)
        if compile and compile_config and hasattr(model, "compile_from_config"):
            model.compile_from_config(compile_config)
    if "model.weights.h5" in members:
        with h5py.File(io.BytesIO(members["model.weights.h5"]), "r") as h5:
            weights_store.load_weights_from_h5(model, h5, load_optimizer=compile)
    archive_assets.load_assets(model, members.get("assets", {}))
    return model


def save_weights(model, filepath, overwrite=True, max_shard_size=None):
    path = os.fspath(filepath)
    if not path.endswith(".weights.h5"):
        raise ValueError(
            "The filename must end in `.weights.h5`, received filepath="
            f"{path!r}"
        )

    def write(tmp):
        with h5py.File(tmp, "w") as h5:
            weights_store.save_weights_to_h5(model, h5, include_optimizer=False)

    _atomic_write(path, write, overwrite)


def load_weights(model, filepath, skip_mismatch=False, **kwargs):
    path = os.fspath(filepath)
    if not os.path.exists(path):
        raise FileNotFoundError(f"No file or directory found at {path}")
    try:
        return _load_weights(model, path, skip_mismatch, **kwargs)
    except _LOW_LEVEL_ERRORS as e:
        raise ValueError(
            f"Cannot load weights from {path}: the file is corrupt or not a weights file "
            f"({type(e).__name__}: {e})"
        ) from e


def _load_weights(model, path, skip_mismatch=False, **kwargs):
    if path.endswith(".keras"):
        members = _read_archive(path)
        with h5py.File(io.BytesIO(members["model.weights.h5"]), "r") as h5:
            weights_store.load_weights_from_h5(model, h5, skip_mismatch=skip_mismatch,
                                               load_optimizer=False)
        return
    if path.endswith(".weights.h5"):
        try:
            h5 = h5py.File(path, "r")
        except OSError as e:
            raise ValueError(f"{path} is not a valid HDF5 weights file: {e}") from e
        with h5:
            weights_store.load_weights_from_h5(model, h5, skip_mismatch=skip_mismatch,
                                               load_optimizer=False)
        return
    if path.endswith((".h5", ".hdf5")):
        return legacy_h5.load_weights_from_legacy_h5(model, path, skip_mismatch=skip_mismatch,
                                                     by_name=kwargs.get("by_name", False))
    raise ValueError(
        f"File format not supported: filepath={path!r}. Use a '.weights.h5', '.keras' or "
        "legacy '.h5' file."
    )
