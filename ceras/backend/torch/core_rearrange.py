"""torch backend: ``rearrange`` (keras.ops.rearrange), einops-style patterns
("b h w c -> b (h w) c") turned into one reshape, one permute and one reshape.
The pattern parsing is shared by the backends (ceras/backend/common/rearrange.py)."""
from ceras.backend.common.rearrange import plan
from ceras.backend.torch.core import convert_to_tensor


def rearrange(tensor, pattern, **axes_lengths):
    """einops-style axis rearrangement: ``rearrange(x, "b h w c -> b (h w) c")``."""
    tensor = convert_to_tensor(tensor)
    split, permutation, final = plan(
        pattern, tuple(tensor.shape), tuple(sorted(axes_lengths.items())))
    return tensor.reshape(split).permute(permutation).reshape(final)
