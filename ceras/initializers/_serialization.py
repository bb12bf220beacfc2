"""get / serialize / deserialize for initializers.

A local registry, producing Keras's config schema
``{"module": "keras.initializers", "class_name": ..., "config": ..., "registered_name": None}``,
until the serialization core in ceras/saving takes this over.
"""
import inspect

from ceras.initializers.constant_initializers import Constant, Identity, Ones, Zeros
from ceras.initializers.initializer import Initializer
from ceras.initializers.orthogonal import Orthogonal
from ceras.initializers.random_initializers import (
    GlorotNormal, GlorotUniform, HeNormal, HeUniform, LecunNormal, LecunUniform,
    RandomNormal, RandomUniform, TruncatedNormal, VarianceScaling,
)
from ceras.initializers.stft_initializer import STFT

MODULE = "keras.initializers"
_CLASSES = (Constant, GlorotNormal, GlorotUniform, HeNormal, HeUniform, Identity,
            LecunNormal, LecunUniform, Ones, Orthogonal, RandomNormal, RandomUniform, STFT,
            TruncatedNormal, VarianceScaling, Zeros)
# Names a config may use: class names, Keras's snake_case aliases, older aliases.
ALL_OBJECTS = {cls.__name__: cls for cls in _CLASSES}
ALL_OBJECTS.update({
    "constant": Constant, "glorot_normal": GlorotNormal, "glorot_uniform": GlorotUniform,
    "he_normal": HeNormal, "he_uniform": HeUniform, "identity": Identity,
    "IdentityInitializer": Identity, "lecun_normal": LecunNormal,
    "lecun_uniform": LecunUniform, "ones": Ones, "orthogonal": Orthogonal,
    "OrthogonalInitializer": Orthogonal, "random_normal": RandomNormal,
    "random_uniform": RandomUniform, "stft": STFT, "STFTInitializer": STFT,
    "truncated_normal": TruncatedNormal, "variance_scaling": VarianceScaling,
    "zeros": Zeros, "zero": Zeros, "one": Ones, "normal": RandomNormal,
    "uniform": RandomUniform, "Initializer": Initializer, "initializer": Initializer,
})


def serialize(initializer):
    """The config dict of ``initializer`` (None stays None)."""
    if initializer is None:
        return None
    cls = type(initializer)
    builtin = ALL_OBJECTS.get(cls.__name__) is cls
    return {"module": MODULE if builtin else cls.__module__, "class_name": cls.__name__,
            "config": initializer.get_config(),
            "registered_name": None if builtin else cls.__name__}


def deserialize(config, custom_objects=None):
    """An initializer from a config dict, a ``{"class_name", "config"}`` dict or a name."""
    if isinstance(config, str):
        return _lookup(config, custom_objects)()
    if not isinstance(config, dict) or "class_name" not in config:
        raise ValueError(
            "Could not deserialize initializer: expected a name or a dict with a "
            f"'class_name' key. Received: {config!r}"
        )
    name = config.get("registered_name") or config["class_name"]
    if custom_objects and name not in custom_objects:
        name = config["class_name"]
    return _lookup(name, custom_objects).from_config(config.get("config") or {})


def get(identifier):
    """An initializer from a name, a config dict, an instance or a callable."""
    if identifier is None or isinstance(identifier, Initializer):
        return identifier
    if isinstance(identifier, (str, dict)):
        return deserialize(identifier)
    if inspect.isclass(identifier):
        return identifier()
    if callable(identifier):
        return identifier
    raise ValueError(f"Could not interpret initializer identifier: {identifier!r}")


def _lookup(name, custom_objects):
    if custom_objects and name in custom_objects:
        return custom_objects[name]
    cls = ALL_OBJECTS.get(name)
    if cls is None:
        raise ValueError(
            f"Could not interpret initializer identifier: {name!r}. "
            f"Expected one of: {', '.join(sorted(ALL_OBJECTS))}"
        )
    return cls
