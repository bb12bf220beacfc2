"""ceras.callbacks: objects called at points of fit / evaluate / predict (keras.callbacks)."""
from ceras.callbacks.backup_and_restore import BackupAndRestore
from ceras.callbacks.callback import Callback
from ceras.callbacks.callback_list import CallbackList
from ceras.callbacks.csv_logger import CSVLogger
from ceras.callbacks.early_stopping import EarlyStopping
from ceras.callbacks.history import History
from ceras.callbacks.lambda_callback import LambdaCallback
from ceras.callbacks.learning_rate_scheduler import LearningRateScheduler
from ceras.callbacks.model_checkpoint import ModelCheckpoint
from ceras.callbacks.progbar_logger import ProgbarLogger
from ceras.callbacks.reduce_lr_on_plateau import ReduceLROnPlateau
from ceras.callbacks.remote_monitor import RemoteMonitor
from ceras.callbacks.swap_ema_weights import SwapEMAWeights
from ceras.callbacks.tensorboard import TensorBoard
from ceras.callbacks.terminate_on_nan import TerminateOnNaN

__all__ = [
    "BackupAndRestore", "CSVLogger", "Callback", "CallbackList", "EarlyStopping", "History",
    "LambdaCallback", "LearningRateScheduler", "ModelCheckpoint", "ProgbarLogger",
    "ReduceLROnPlateau", "RemoteMonitor", "SwapEMAWeights", "TensorBoard", "TerminateOnNaN",
]
