"""StringLookup: map strings to vocabulary indices (or back)."""
import numpy as np

from ceras import backend
from ceras.layers.preprocessing import string_arrays
from ceras.layers.preprocessing.index_lookup import IndexLookup


class StringLookup(IndexLookup):
    """Maps string tokens to integer indices through a vocabulary.

    The vocabulary is given (``vocabulary``, ``set_vocabulary``) or learned
    with ``adapt()`` (most frequent first). Index 0 holds the mask token when
    `mask_token` is set, then come `num_oov_indices` OOV indices (an unknown
    token hashes into them with FarmHash64, or SipHash when `salt` is set, as
    in Keras), then the vocabulary.

    Inputs are strings: a str, a (nested) list, or a NumPy array of str/bytes.
    torch has no string tensors, so ``invert=True`` returns a NumPy object
    array of str; every other output is a backend tensor (int64 indices, or
    float32 encodings).

    Args:
        max_tokens: cap on the vocabulary size, special tokens included.
        num_oov_indices: number of OOV indices (default 1); 0 makes unknown
            tokens an error.
        mask_token: token mapped to index 0 (default None: no mask).
        oov_token: token returned for OOV indices when inverting (default "[UNK]").
        vocabulary: list/array of tokens or path of a file with one per line.
        idf_weights: IDF weights for output_mode="tf_idf".
        invert: map indices back to tokens.
        output_mode: "int" (default), "one_hot", "multi_hot", "count" or "tf_idf".
        pad_to_max_tokens: pad encodings to `max_tokens` wide.
        sparse: must be False (no sparse tensors on this backend).
        encoding: text encoding of bytes inputs (default "utf-8").
        salt: SipHash key (int or pair) for OOV hashing.

    Example:
        >>> layer = StringLookup(vocabulary=["a", "b", "c", "d"])
        >>> layer([["a", "c", "d"], ["d", "z", "b"]])  # [[1, 3, 4], [4, 0, 2]]
    """

    def __init__(self, max_tokens=None, num_oov_indices=1, mask_token=None, oov_token="[UNK]",
                 vocabulary=None, idf_weights=None, invert=False, output_mode="int",
                 pad_to_max_tokens=False, sparse=False, encoding="utf-8", name=None, salt=None,
                 **kwargs):
        kwargs.pop("vocabulary_dtype", None)
        self.encoding = encoding
        super().__init__(max_tokens=max_tokens, num_oov_indices=num_oov_indices,
                         mask_token=mask_token, oov_token=oov_token, vocabulary=vocabulary,
                         idf_weights=idf_weights, invert=invert, output_mode=output_mode,
                         pad_to_max_tokens=pad_to_max_tokens, sparse=sparse, name=name,
                         vocabulary_dtype="string", salt=salt, **kwargs)

    def _standardize_token(self, token):
        return token.decode(self.encoding) if isinstance(token, bytes) else token

    def _prepare_tokens(self, data):
        if backend.is_tensor(data) or isinstance(data, backend.KerasVariable):
            array = backend.convert_to_numpy(data)
        else:
            array = np.asarray(data)
        if self.invert:
            return array
        if array.dtype.kind not in "USO":
            raise ValueError(
                f'Layer "{self.name}" expects string inputs, received dtype {array.dtype}; '
                "use IntegerLookup for integer tokens")
        return string_arrays.decode(array, self.encoding)

    def get_config(self):
        config = super().get_config()
        del config["vocabulary_dtype"]
        config["encoding"] = self.encoding
        return config
