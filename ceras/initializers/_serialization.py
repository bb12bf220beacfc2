"""get / serialize / deserialize for initializers.

The lookup itself is the saving core's ObjectNamespace; this file names what the
namespace holds.
"""
from ceras.initializers.constant_initializers import Constant, Identity, Ones, Zeros
from ceras.initializers.initializer import Initializer
from ceras.initializers.orthogonal import Orthogonal
from ceras.initializers.random_initializers import (
    GlorotNormal, GlorotUniform, HeNormal, HeUniform, LecunNormal, LecunUniform,
    RandomNormal, RandomUniform, TruncatedNormal, VarianceScaling,
)
from ceras.initializers.stft_initializer import STFT
from ceras.saving.object_namespace import ObjectNamespace

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


_NAMESPACE = ObjectNamespace("initializer", MODULE, ALL_OBJECTS, Initializer)
serialize = _NAMESPACE.serialize
deserialize = _NAMESPACE.deserialize
get = _NAMESPACE.get
