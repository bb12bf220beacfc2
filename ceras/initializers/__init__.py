"""ceras.initializers: how weights start (keras.initializers)."""
from ceras.initializers._serialization import deserialize, get, serialize  # noqa: F401
from ceras.initializers.constant_initializers import (  # noqa: F401
    Constant, Identity, Ones, Zeros,
)
from ceras.initializers.initializer import Initializer  # noqa: F401
from ceras.initializers.orthogonal import Orthogonal  # noqa: F401
from ceras.initializers.random_initializers import (  # noqa: F401
    GlorotNormal, GlorotUniform, HeNormal, HeUniform, LecunNormal, LecunUniform,
    RandomNormal, RandomUniform, TruncatedNormal, VarianceScaling,
)
from ceras.initializers.stft_initializer import STFT  # noqa: F401

# Keras's other public names for the same classes.
IdentityInitializer = identity = Identity
OrthogonalInitializer = orthogonal = Orthogonal
STFTInitializer = stft = STFT
constant = Constant
glorot_normal = GlorotNormal
glorot_uniform = GlorotUniform
he_normal = HeNormal
he_uniform = HeUniform
lecun_normal = LecunNormal
lecun_uniform = LecunUniform
ones = Ones
random_normal = RandomNormal
random_uniform = RandomUniform
truncated_normal = TruncatedNormal
variance_scaling = VarianceScaling
zeros = Zeros

__all__ = [
    "Constant", "GlorotNormal", "GlorotUniform", "HeNormal", "HeUniform", "Identity",
    "IdentityInitializer", "Initializer", "LecunNormal", "LecunUniform", "Ones", "Orthogonal",
    "OrthogonalInitializer", "RandomNormal", "RandomUniform", "STFT", "STFTInitializer",
    "TruncatedNormal", "VarianceScaling", "Zeros", "constant", "deserialize", "get",
    "glorot_normal", "glorot_uniform", "he_normal", "he_uniform", "identity", "lecun_normal",
    "lecun_uniform", "ones", "orthogonal", "random_normal", "random_uniform", "serialize",
    "stft", "truncated_normal", "variance_scaling", "zeros",
]
