"""TerminateOnNaN: stop training as soon as the loss is NaN or infinite."""
import math

from ceras.callbacks.callback import Callback


class TerminateOnNaN(Callback):
    """Stop training when a batch's loss is NaN or infinite.

    It reads the loss of every batch, which costs a device-to-host copy per
    batch; use it when that check is worth the time.
    """

    def on_batch_end(self, batch, logs=None):
        logs = logs or {}
        loss = logs.get("loss")
        if loss is not None:
            loss = float(loss)
            if math.isnan(loss) or math.isinf(loss):
                print(f"Batch {batch}: Invalid loss, terminating training")
                self.model.stop_training = True
