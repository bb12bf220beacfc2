"""ceras.utils: data, numerics, serialization and set-up helpers (keras.utils)."""
from ceras.backend import is_keras_tensor, standardize_dtype  # noqa: F401
from ceras.backend.common.global_state import clear_session  # noqa: F401
from ceras.random.seeding import set_random_seed  # noqa: F401
from ceras.saving import (  # noqa: F401
    CustomObjectScope, custom_object_scope, deserialize_keras_object, get_custom_objects,
    get_registered_name, get_registered_object, register_keras_serializable,
    serialize_keras_object,
)
from ceras.utils.data_utils import (  # noqa: F401
    Config, get_source_inputs, pack_x_y_sample_weight, split_dataset,
    timeseries_dataset_from_array, unpack_x_y_sample_weight,
)
from ceras.utils.file_utils import get_file  # noqa: F401
from ceras.utils.image_dataset_utils import image_dataset_from_directory  # noqa: F401
from ceras.utils.image_utils import array_to_img, img_to_array, load_img, save_img  # noqa: F401
from ceras.utils.io_utils import (  # noqa: F401
    disable_interactive_logging, enable_interactive_logging, is_interactive_logging_enabled,
)
from ceras.utils.model_visualization import model_to_dot, plot_model  # noqa: F401
from ceras.utils.numerical_utils import normalize, to_categorical  # noqa: F401
from ceras.utils.progbar import Progbar  # noqa: F401
from ceras.utils.py_dataset import PyDataset  # noqa: F401

Sequence = PyDataset  # Keras 2's name for the same idea
from ceras.utils.sequence_utils import pad_sequences  # noqa: F401
from ceras.utils.text_dataset_utils import text_dataset_from_directory  # noqa: F401
