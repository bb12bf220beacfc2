"""CTC (connectionist temporal classification) loss for unsegmented sequences."""
from ceras import ops
from ceras.losses.loss_function_wrapper import LossFunctionWrapper


def ctc(y_true, y_pred):
    """CTC loss per sample.

    Args:
        y_true: integer labels, shape ``(batch_size, max_label_length)``; 0 marks
            padding (and is the blank class).
        y_pred: logits, shape ``(batch_size, max_time, num_classes)``.
    """
    if len(ops.shape(y_true)) != 2:
        raise ValueError(
            "Targets `y_true` are expected to be a tensor of shape `(batch_size, "
            f"max_length)` in integer format. Received: y_true.shape={ops.shape(y_true)}")
    if len(ops.shape(y_pred)) != 3:
        raise ValueError(
            "Logits `y_pred` are expected to be a tensor of shape `(batch_size, max_length, "
            f"num_classes)`. Received: y_pred.shape={ops.shape(y_pred)}")
    batch_size, max_time = ops.shape(y_pred)[0], ops.shape(y_pred)[1]
    input_length = ops.full((batch_size,), max_time, dtype="int32")
    label_length = ops.cast(ops.sum(ops.not_equal(y_true, 0), axis=-1), "int32")
    return ops.ctc_loss(y_true, y_pred, label_length, input_length, mask_index=0)


class CTC(LossFunctionWrapper):
    """CTC loss; see ``ctc`` for the expected shapes."""

    def __init__(self, reduction="sum_over_batch_size", name="ctc", dtype=None):
        super().__init__(ctc, name=name, reduction=reduction, dtype=dtype)

    def get_config(self):
        return {"name": self.name, "reduction": self.reduction}
