"""Global configuration: floatx, epsilon, image data format and backend choice.

The backend is chosen once, at import: ``CERAS_BACKEND`` (torch | jax),
else ``~/.ceras/ceras.json``, else torch.
"""
import json
import os

# A NumPy (inference-only) backend is planned; it is refused until it exists.
_VALID_BACKENDS = ("torch", "jax")
_VALID_FLOATX = ("float16", "bfloat16", "float32", "float64")
_VALID_FORMATS = ("channels_last", "channels_first")

_FLOATX = "float32"
_EPSILON = 1e-7
_IMAGE_DATA_FORMAT = "channels_last"


def _config_path():
    base = os.environ.get("CERAS_HOME") or os.path.join(os.path.expanduser("~"), ".ceras")
    return os.path.join(base, "ceras.json")


def _read_user_config():
    path = _config_path()
    if not os.path.exists(path):
        return {}
    try:
        with open(path) as f:
            data = json.load(f)
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _resolve_backend():
    user = _read_user_config()
    name = os.environ.get("CERAS_BACKEND") or user.get("backend") or "torch"
    if name not in _VALID_BACKENDS:
        raise ValueError(
            f"CERAS_BACKEND must be one of {_VALID_BACKENDS}, received {name!r}"
        )
    return name, user


_BACKEND, _USER = _resolve_backend()
if _USER.get("floatx") in _VALID_FLOATX:
    _FLOATX = _USER["floatx"]
if isinstance(_USER.get("epsilon"), (int, float)):
    _EPSILON = float(_USER["epsilon"])
if _USER.get("image_data_format") in _VALID_FORMATS:
    _IMAGE_DATA_FORMAT = _USER["image_data_format"]


def backend():
    """The name of the active backend: 'torch' or 'jax'."""
    return _BACKEND


def floatx():
    """The default float dtype, as a string ('float32' unless changed)."""
    return _FLOATX


def set_floatx(value):
    global _FLOATX
    value = str(value)
    if value not in _VALID_FLOATX:
        raise ValueError(f"floatx must be one of {_VALID_FLOATX}, received {value!r}")
    _FLOATX = value


def epsilon():
    """The fuzz factor used in numeric expressions (1e-7 unless changed)."""
    return _EPSILON


def set_epsilon(value):
    global _EPSILON
    _EPSILON = float(value)


def image_data_format():
    """'channels_last' (default) or 'channels_first'."""
    return _IMAGE_DATA_FORMAT


def set_image_data_format(data_format):
    global _IMAGE_DATA_FORMAT
    value = str(data_format).lower()
    if value not in _VALID_FORMATS:
        raise ValueError(
            f"data_format must be one of {_VALID_FORMATS}, received {data_format!r}"
        )
    _IMAGE_DATA_FORMAT = value


def standardize_data_format(data_format):
    if data_format is None:
        return _IMAGE_DATA_FORMAT
    value = str(data_format).lower()
    if value not in _VALID_FORMATS:
        raise ValueError(
            f"data_format must be one of {_VALID_FORMATS}, received {data_format!r}"
        )
    return value
