"""ceras.optimizers: the Keras 3 optimizers, their base class and schedules."""
from ceras.optimizers import legacy, schedules  # noqa: F401
from ceras.optimizers._serialization import deserialize, get, serialize  # noqa: F401
from ceras.optimizers.adadelta import Adadelta  # noqa: F401
from ceras.optimizers.adafactor import Adafactor  # noqa: F401
from ceras.optimizers.adagrad import Adagrad  # noqa: F401
from ceras.optimizers.adam import Adam  # noqa: F401
from ceras.optimizers.adamax import Adamax  # noqa: F401
from ceras.optimizers.adamw import AdamW  # noqa: F401
from ceras.optimizers.ftrl import Ftrl  # noqa: F401
from ceras.optimizers.lamb import Lamb  # noqa: F401
from ceras.optimizers.lion import Lion  # noqa: F401
from ceras.optimizers.loss_scale_optimizer import LossScaleOptimizer  # noqa: F401
from ceras.optimizers.multi_optimizer import MultiOptimizer  # noqa: F401
from ceras.optimizers.muon import Muon  # noqa: F401
from ceras.optimizers.nadam import Nadam  # noqa: F401
from ceras.optimizers.optimizer import Optimizer  # noqa: F401
from ceras.optimizers.optimizer_map import OptimizerMap  # noqa: F401
from ceras.optimizers.rmsprop import RMSprop  # noqa: F401
from ceras.optimizers.schedule_free_adamw import ScheduleFreeAdamW  # noqa: F401
from ceras.optimizers.sgd import SGD  # noqa: F401

__all__ = [
    "Adadelta", "Adafactor", "Adagrad", "Adam", "AdamW", "Adamax", "Ftrl", "Lamb", "Lion",
    "LossScaleOptimizer", "MultiOptimizer", "Muon", "Nadam", "Optimizer", "OptimizerMap",
    "RMSprop", "SGD", "ScheduleFreeAdamW",
    "deserialize", "get", "legacy", "schedules", "serialize",
]
