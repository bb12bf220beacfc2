"""pad_sequences: lists of variable-length sequences to one 2-D array."""
import numpy as np


def pad_sequences(sequences, maxlen=None, dtype="int32", padding="pre", truncating="pre",
                  value=0.0):
    """Pad (or truncate) each sequence to ``maxlen``.

    Args:
        padding, truncating: "pre" (default) or "post": where values are added or removed.
    """
    for arg, val in (("padding", padding), ("truncating", truncating)):
        if val not in ("pre", "post"):
            raise ValueError(f'pad_sequences: {arg} must be "pre" or "post", received {val!r}')
    if not hasattr(sequences, "__len__"):
        raise ValueError("pad_sequences: `sequences` must be iterable")
    lengths, sample_shape = [], ()
    for s in sequences:
        lengths.append(len(s))
        if len(s) and not sample_shape:
            sample_shape = np.asarray(s).shape[1:]
    if maxlen is None:
        maxlen = max(lengths) if lengths else 0
    is_str = np.issubdtype(np.dtype(dtype), np.str_) or np.dtype(dtype) == object
    if isinstance(value, str) and not is_str:
        raise ValueError(
            f"pad_sequences: dtype {dtype!r} cannot hold the string padding value {value!r}"
        )
    out = np.full((len(sequences), maxlen) + sample_shape, value, dtype=dtype)
    for i, s in enumerate(sequences):
        if not len(s):
            continue
        trunc = s[-maxlen:] if truncating == "pre" else s[:maxlen]
        trunc = np.asarray(trunc, dtype=dtype)
        if padding == "post":
            out[i, :len(trunc)] = trunc
        else:
            out[i, maxlen - len(trunc):] = trunc
    return out
