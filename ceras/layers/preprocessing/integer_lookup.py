"""IntegerLookup: map integer tokens to vocabulary indices (or back)."""
import numpy as np

from ceras import backend, ops
from ceras.layers.preprocessing.index_lookup import IndexLookup


class IntegerLookup(IndexLookup):
    """Maps arbitrary integer tokens to contiguous indices through a vocabulary.

    The vocabulary is given (``vocabulary``, ``set_vocabulary``) or learned
    with ``adapt()`` (most frequent first). Index 0 holds the mask token when
    `mask_token` is set, then come `num_oov_indices` OOV indices, then the
    vocabulary. With several OOV indices an unknown token goes to
    ``token % num_oov_indices`` (``oov_method="floormod"``) or to the
    FarmHash64 of its decimal string (``"farmhash"``; SipHash with `salt`).

    Args:
        max_tokens: cap on the vocabulary size, special tokens included.
        num_oov_indices: number of OOV indices (default 1); 0 makes unknown
            tokens an error.
        mask_token: token mapped to index 0 (default None: no mask).
        oov_token: token returned for OOV indices when inverting (default -1).
        vocabulary: list/array of ints or path of a file with one per line.
        vocabulary_dtype: must be "int64".
        idf_weights: IDF weights for output_mode="tf_idf".
        invert: map indices back to tokens.
        output_mode: "int" (default), "one_hot", "multi_hot", "count" or "tf_idf".
        sparse: must be False (no sparse tensors on this backend).
        pad_to_max_tokens: pad encodings to `max_tokens` wide.
        oov_method: "floormod" (default) or "farmhash".
        salt: SipHash key (int or pair), with oov_method="farmhash".

    Example:
        >>> layer = IntegerLookup(vocabulary=[12, 36, 1138, 42])
        >>> layer(np.array([[12, 1138, 42], [42, 1000, 36]]))  # [[1, 3, 4], [4, 0, 2]]
    """

    def __init__(self, max_tokens=None, num_oov_indices=1, mask_token=None, oov_token=-1,
                 vocabulary=None, vocabulary_dtype="int64", idf_weights=None, invert=False,
                 output_mode="int", sparse=False, pad_to_max_tokens=False,
                 oov_method="floormod", salt=None, name=None, **kwargs):
        if vocabulary_dtype != "int64":
            raise ValueError(
                f'Layer "{name or "integer_lookup"}" supports only vocabulary_dtype="int64", '
                f"received vocabulary_dtype={vocabulary_dtype!r}")
        for arg, value in (("oov_token", oov_token), ("mask_token", mask_token)):
            if value is not None and (isinstance(value, bool) or not isinstance(
                    value, (int, np.integer))):
                raise ValueError(
                    f'Layer "{name or "integer_lookup"}" expects {arg} to be an integer or '
                    f"None, received {arg}={value!r}")
        super().__init__(max_tokens=max_tokens, num_oov_indices=num_oov_indices,
                         mask_token=None if mask_token is None else int(mask_token),
                         oov_token=None if oov_token is None else int(oov_token),
                         vocabulary=vocabulary, vocabulary_dtype=vocabulary_dtype,
                         idf_weights=idf_weights, invert=invert, output_mode=output_mode,
                         sparse=sparse, pad_to_max_tokens=pad_to_max_tokens,
                         oov_method=oov_method, salt=salt, name=name, **kwargs)

    def _standardize_token(self, token):
        return int(token)

    def _prepare_tokens(self, data):
        if backend.is_tensor(data) or isinstance(data, backend.KerasVariable):
            array = backend.convert_to_numpy(data)
        else:
            array = np.asarray(data)
        if array.dtype.kind == "f" and np.all(np.mod(array, 1) == 0):
            array = array.astype(np.int64)
        if array.dtype.kind not in "iu" and not (array.size == 0):
            raise ValueError(
                f'Layer "{self.name}" expects integer inputs, received dtype {array.dtype}; '
                "use StringLookup for string tokens")
        return array.astype(np.int64)

    def _inverse_dtype(self):
        return np.int64

    def _inverse_output(self, array):
        return ops.convert_to_tensor(array, "int64")

    def get_config(self):
        config = super().get_config()
        if config["vocabulary"] is not None and not isinstance(config["vocabulary"], str):
            config["vocabulary"] = [int(v) for v in config["vocabulary"]]
        return config
