"""The JAX backend: the only package (with its siblings) that imports jax."""
from ceras.backend.jax import (  # noqa: F401
    core, image, linalg, math, nn, numpy, random, rnn, trainer,
)
from ceras.backend.jax.core import (  # noqa: F401
    Variable, cast, compute_output_spec, convert_to_numpy, convert_to_tensor, device_scope,
    get_device, is_tensor, shape, to_backend_dtype,
)
from ceras.backend.jax.layer import BackendLayer  # noqa: F401
