"""ceras.backend: the active backend, chosen once at import.

Everything above this package reaches torch / jax only through the names
exported here (``backend.numpy.add``, ``backend.Variable``, ...).
"""
from ceras.backend.common import global_state, tree  # noqa: F401
from ceras.backend.common.global_state import clear_session, get_uid  # noqa: F401
from ceras.backend.common.config import (  # noqa: F401
    backend, epsilon, floatx, image_data_format, set_epsilon, set_floatx,
    set_image_data_format, standardize_data_format,
)
from ceras.backend.common.dtypes import (  # noqa: F401
    is_float, is_int, result_type, standardize_dtype,
)

is_float_dtype = is_float
is_int_dtype = is_int
from ceras.backend.common.keras_tensor import (  # noqa: F401
    KerasTensor, any_symbolic, is_keras_tensor,
)
from ceras.backend.common.variable import KerasVariable  # noqa: F401

if backend() == "torch":
    from ceras.backend.torch import (  # noqa: F401
        BackendLayer, Variable, cast, compute_output_spec, convert_to_numpy,
        convert_to_tensor, core, device_scope, get_device, image, is_tensor, linalg, math,
        nn, numpy, optimizers, random, rnn, shape, to_backend_dtype, trainer,
    )
    from ceras.backend.torch import export, tensorboard  # noqa: F401 - torch-only modules
elif backend() == "jax":
    from ceras.backend.jax import (  # noqa: F401
        BackendLayer, Variable, cast, compute_output_spec, convert_to_numpy,
        convert_to_tensor, core, device_scope, get_device, image, is_tensor, linalg, math,
        nn, numpy, random, rnn, shape, to_backend_dtype, trainer,
    )

# Let `from ceras.backend.numpy import add` (and .nn, .random ...) name the active
# backend's modules, as `keras.src.backend.numpy` does.
import sys as _sys  # noqa: E402

for _name in ("core", "numpy", "nn", "math", "linalg", "random", "image"):
    _sys.modules[f"{__name__}.{_name}"] = globals()[_name]
del _sys, _name
