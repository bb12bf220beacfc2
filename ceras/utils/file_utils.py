"""get_file: download a file once into a cache, verify its hash, optionally extract.

Archives are extracted only when every member stays inside the target folder.
"""
import hashlib
import os
import shutil
import tarfile
import tempfile
import urllib.request
import zipfile


def _cache_root(cache_dir):
    if cache_dir is None:
        cache_dir = os.environ.get("KERAS_HOME") or os.path.join(os.path.expanduser("~"),
                                                                 ".keras")
    return os.path.expanduser(cache_dir)


def hash_file(path, algorithm="sha256", chunk_size=65535):
    hasher = hashlib.md5() if algorithm == "md5" else hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(chunk_size), b""):
            hasher.update(chunk)
    return hasher.hexdigest()


def _algorithm_for(file_hash, hash_algorithm):
    if hash_algorithm in ("sha256", "md5"):
        return hash_algorithm
    return "sha256" if len(file_hash) == 64 else "md5"


def validate_file(path, file_hash, algorithm="auto"):
    return hash_file(path, _algorithm_for(file_hash, algorithm)) == str(file_hash)


def _safe_members(names, target):
    root = os.path.realpath(target)
    for name in names:
        dest = os.path.realpath(os.path.join(target, name))
        if dest != root and not dest.startswith(root + os.sep):
            raise ValueError(
                f"Refusing to extract archive member {name!r}: it would land outside {target}"
            )


def extract_archive(path, target, archive_format="auto"):
    """Extract a tar or zip archive into ``target``; True if it was an archive."""
    formats = ["tar", "zip"] if archive_format == "auto" else (
        [archive_format] if isinstance(archive_format, str) else list(archive_format or []))
    if "tar" in formats and tarfile.is_tarfile(path):
        with tarfile.open(path) as archive:
            members = archive.getmembers()
            _safe_members([m.name for m in members], target)
            for m in members:
                if m.issym() or m.islnk():
                    raise ValueError(f"Refusing to extract link {m.name!r} from {path}")
            archive.extractall(target, members=members)
        return True
    if "zip" in formats and zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            _safe_members(archive.namelist(), target)
            archive.extractall(target)
        return True
    return False


def get_file(fname=None, origin=None, untar=False, md5_hash=None, file_hash=None,
             cache_subdir="datasets", hash_algorithm="auto", extract=False,
             archive_format="auto", cache_dir=None, force_download=False):
    """Download ``origin`` to ``<cache_dir>/<cache_subdir>/<fname>`` unless already there
    (with a matching hash); return the local path (the extracted folder when
    ``extract=True``).

    Args:
        fname: local file name (default: the last part of the URL).
        origin: the URL (``file://`` URLs work too).
        file_hash: expected sha256 or md5 hex digest; a mismatch raises ValueError.
        extract: extract a tar/zip archive next to it.
        cache_dir: default ``$KERAS_HOME`` or ``~/.keras`` (shared with Keras).
    """
    if origin is None:
        raise ValueError('get_file: please specify the "origin" argument (the URL to fetch)')
    if not fname:
        fname = os.path.basename(urllib.request.urlparse(origin).path)
        if not fname:
            raise ValueError(f"get_file: cannot infer a file name from origin={origin!r}; "
                             "pass fname=")
    if md5_hash is not None and file_hash is None:
        file_hash, hash_algorithm = md5_hash, "md5"
    extract = extract or untar
    datadir = os.path.join(_cache_root(cache_dir), cache_subdir)
    os.makedirs(datadir, exist_ok=True)
    fpath = os.path.join(datadir, fname)
    download = force_download or not os.path.exists(fpath)
    if not download and file_hash is not None and not validate_file(fpath, file_hash,
                                                                     hash_algorithm):
        download = True
    if download:
        fd, tmp = tempfile.mkstemp(dir=datadir, prefix=".download-")
        os.close(fd)
        try:
            with urllib.request.urlopen(origin) as response, open(tmp, "wb") as out:
                shutil.copyfileobj(response, out)
        except BaseException as e:
            os.remove(tmp)
            if isinstance(e, Exception):
                raise OSError(f"get_file: could not download {origin}: {e}") from e
            raise
        if file_hash is not None and not validate_file(tmp, file_hash, hash_algorithm):
            os.remove(tmp)
            raise ValueError(
                f"get_file: the file downloaded from {origin} has the wrong hash "
                f"(expected {file_hash}); it may be corrupted or tampered with"
            )
        os.replace(tmp, fpath)
    if extract:
        base = fname
        for suffix in (".tar.gz", ".tgz", ".tar", ".zip"):
            if base.endswith(suffix):
                base = base[: -len(suffix)]
                break
        target = os.path.join(datadir, base if base != fname else base + "_extracted")
        if not os.path.exists(target) or download:
            os.makedirs(target, exist_ok=True)
            extract_archive(fpath, target, archive_format)
        return target
    return fpath
