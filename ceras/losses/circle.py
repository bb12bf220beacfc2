"""Circle loss (Sun et al., 2020) for metric learning on L2-normalized embeddings."""
from ceras import ops
from ceras.losses.loss_function_wrapper import LossFunctionWrapper


def _pair_masks(labels, ref_labels, remove_diagonal):
    labels = ops.reshape(labels, (-1, 1))
    ref_labels = ops.reshape(ref_labels, (-1, 1))
    positive = ops.equal(labels, ops.transpose(ref_labels))
    negative = ops.logical_not(positive)
    if remove_diagonal:  # an embedding is not its own positive pair
        n, m = ops.shape(labels)[0], ops.shape(ref_labels)[0]
        positive = ops.logical_and(positive, ops.logical_not(ops.eye(n, m, dtype="bool")))
    return positive, negative


def circle(y_true, y_pred, ref_labels=None, ref_embeddings=None, remove_diagonal=True,
           gamma=80, margin=0.4):
    """Circle loss per sample.

    Args:
        y_true: integer labels, shape ``(batch_size,)``.
        y_pred: L2-normalized embeddings, shape ``(batch_size, dim)``.
        ref_labels, ref_embeddings: the pairs' other side (default: the batch itself).
        remove_diagonal: drop each sample's pairing with itself.
        gamma: the scale factor (default 80).
        margin: the relaxation margin (default 0.4).

    Samples without any positive or negative pair get 0 and are masked out.
    """
    y_pred = ops.convert_to_tensor(y_pred)
    labels = ops.cast(y_true, "int32")
    ref_embeddings = y_pred if ref_embeddings is None else ops.convert_to_tensor(
        ref_embeddings)
    ref_labels = labels if ref_labels is None else ops.cast(ref_labels, "int32")

    distances = ops.maximum(1.0 - ops.matmul(y_pred, ops.transpose(ref_embeddings)), 0.0)
    positive, negative = _pair_masks(labels, ref_labels, remove_diagonal)
    dtype = ops.dtype(distances)
    pos_weights = ops.maximum((margin + distances) * ops.cast(positive, dtype), 0.0)
    neg_weights = ops.maximum((1.0 + margin - distances) * ops.cast(negative, dtype), 0.0)
    pos_logits = -gamma * pos_weights * (margin - distances)
    neg_logits = gamma * neg_weights * (1.0 - margin - distances)
    p_loss = ops.logsumexp(ops.where(positive, pos_logits, float("-inf")), axis=1)
    n_loss = ops.logsumexp(ops.where(negative, neg_logits, float("-inf")), axis=1)
    loss = ops.softplus(p_loss + n_loss)
    loss._keras_mask = loss > 0
    return loss


class Circle(LossFunctionWrapper):
    """Circle loss; see ``circle``.

    Args:
        gamma: the scale factor (default 80.0).
        margin: the relaxation margin (default 0.4).
        remove_diagonal: drop each sample's pairing with itself (default True).
        reduction, name, dtype: as for ``Loss``.
    """

    def __init__(self, gamma=80.0, margin=0.4, remove_diagonal=True,
                 reduction="sum_over_batch_size", name="circle", dtype=None):
        super().__init__(circle, name=name, reduction=reduction, dtype=dtype, gamma=gamma,
                         margin=margin, remove_diagonal=remove_diagonal)
        self.gamma = gamma
        self.margin = margin
        self.remove_diagonal = remove_diagonal

    def get_config(self):
        return {"name": self.name, "reduction": self.reduction, "gamma": self.gamma,
                "margin": self.margin, "remove_diagonal": self.remove_diagonal}
