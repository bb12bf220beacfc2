"""ceras.config: global settings (keras.config)."""
from ceras.backend.common.config import (  # noqa: F401
    backend, epsilon, floatx, image_data_format, set_epsilon, set_floatx,
    set_image_data_format,
)
from ceras.dtype_policies import dtype_policy, set_dtype_policy  # noqa: F401
from ceras.saving.serialization_lib import enable_unsafe_deserialization  # noqa: F401
from ceras.trainers.determinism import (  # noqa: F401
    disable_determinism, enable_determinism, is_determinism_enabled,
)
from ceras.utils.io_utils import (  # noqa: F401
    disable_interactive_logging, enable_interactive_logging, is_interactive_logging_enabled,
)

_SETTINGS = {"flash_attention": None, "traceback_filtering": True, "max_epochs": None,
             "max_steps_per_epoch": None}


def enable_flash_attention():
    """Let dot_product_attention use a flash kernel when the backend has one."""
    _SETTINGS["flash_attention"] = True


def disable_flash_attention():
    _SETTINGS["flash_attention"] = False


def is_flash_attention_enabled():
    """None (automatic, the default), True or False."""
    return _SETTINGS["flash_attention"]


def enable_traceback_filtering():
    _SETTINGS["traceback_filtering"] = True


def disable_traceback_filtering():
    _SETTINGS["traceback_filtering"] = False


def is_traceback_filtering_enabled():
    """ceras raises from the layer that failed, so there is nothing to filter; the flag is
    kept for code that toggles it."""
    return _SETTINGS["traceback_filtering"]


def set_max_epochs(max_epochs):
    """Cap the number of epochs any fit() runs (None: no cap)."""
    _SETTINGS["max_epochs"] = max_epochs


def max_epochs():
    return _SETTINGS["max_epochs"]


def set_max_steps_per_epoch(max_steps_per_epoch):
    """Cap the steps of every epoch in fit/evaluate/predict (None: no cap)."""
    _SETTINGS["max_steps_per_epoch"] = max_steps_per_epoch


def max_steps_per_epoch():
    return _SETTINGS["max_steps_per_epoch"]


def is_nnx_enabled():
    """Flax NNX integration is a JAX-backend feature ceras does not use."""
    return False
