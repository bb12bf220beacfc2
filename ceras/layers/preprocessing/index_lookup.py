"""IndexLookup: the shared machinery of StringLookup and IntegerLookup.

Index layout (``output_mode="int"``): the mask token at 0 (when set), then
``num_oov_indices`` OOV indices, then the vocabulary. Other output modes drop
the mask slot: OOV indices start at 0 and masked inputs encode as all zeros.
The vocabulary lives in Python (a list and a dict); lookups run in NumPy and
return backend tensors.
"""
import collections
import os

import numpy as np

from ceras import backend, ops
from ceras.layers.layer import Layer
from ceras.layers.preprocessing import string_arrays
from ceras.layers.preprocessing.adapt_data import iterate_batches
from ceras.layers.preprocessing.encoding import encode_categorical, validate_output_mode
from ceras.layers.preprocessing.fingerprint import fingerprint64, siphash64


class IndexLookup(Layer):
    def __init__(self, max_tokens, num_oov_indices, mask_token, oov_token, vocabulary_dtype,
                 vocabulary=None, idf_weights=None, invert=False, output_mode="int",
                 sparse=False, pad_to_max_tokens=False, oov_method="floormod", salt=None,
                 name=None, **kwargs):
        vocabulary_size = kwargs.pop("vocabulary_size", None)
        has_input_vocabulary = kwargs.pop("has_input_vocabulary", vocabulary is not None)
        kwargs.pop("dtype", None)
        trainable = kwargs.pop("trainable", True)
        super().__init__(name=name, trainable=trainable, autocast=False, **kwargs)
        if output_mode == "binary":
            output_mode = "multi_hot"
        if output_mode == "tf-idf":
            output_mode = "tf_idf"
        validate_output_mode(self, output_mode, ("int", "one_hot", "multi_hot", "count",
                                                 "tf_idf"))
        if max_tokens is not None and (not isinstance(max_tokens, int) or max_tokens <= 1):
            raise ValueError(
                f'Layer "{self.name}" expects max_tokens to be None or an integer greater '
                f"than 1, received max_tokens={max_tokens!r}")
        if pad_to_max_tokens and max_tokens is None:
            raise ValueError(
                f'Layer "{self.name}": pad_to_max_tokens=True needs max_tokens to be set, '
                "received max_tokens=None")
        if not isinstance(num_oov_indices, int) or num_oov_indices < 0:
            raise ValueError(
                f'Layer "{self.name}" expects num_oov_indices to be an integer >= 0, received '
                f"num_oov_indices={num_oov_indices!r}")
        if invert and output_mode != "int":
            raise ValueError(
                f'Layer "{self.name}": invert=True needs output_mode="int", received '
                f"output_mode={output_mode!r}")
        if sparse:
            raise ValueError(
                f'Layer "{self.name}": sparse outputs are not supported on this backend, '
                f"received sparse={sparse!r}")
        if idf_weights is not None and output_mode != "tf_idf":
            raise ValueError(
                f'Layer "{self.name}": idf_weights are only used with output_mode="tf_idf", '
                f"received output_mode={output_mode!r}")
        if oov_method not in ("floormod", "farmhash"):
            raise ValueError(
                f'Layer "{self.name}" expects oov_method to be "floormod" or "farmhash", '
                f"received oov_method={oov_method!r}")
        if salt is not None:
            if vocabulary_dtype != "string" and oov_method != "farmhash":
                raise ValueError(
                    f'Layer "{self.name}": salt is only used with oov_method="farmhash", '
                    f"received oov_method={oov_method!r}")
            if isinstance(salt, (tuple, list)) and len(salt) == 2:
                salt = list(salt)
            elif isinstance(salt, int) and not isinstance(salt, bool):
                salt = [salt, salt]
            else:
                raise ValueError(
                    f'Layer "{self.name}" expects salt to be an int or a pair of ints, '
                    f"received salt={salt!r}")
        self.invert = invert
        self.max_tokens = max_tokens
        self.num_oov_indices = num_oov_indices
        self.mask_token = mask_token
        self.oov_token = oov_token
        self.output_mode = output_mode
        self.sparse = sparse
        self.pad_to_max_tokens = pad_to_max_tokens
        self.vocabulary_dtype = vocabulary_dtype
        self.oov_method = oov_method
        self.salt = salt
        self._frozen_vocab_size = vocabulary_size
        self.input_vocabulary = vocabulary
        self.input_idf_weights = idf_weights
        self._has_input_vocabulary = has_input_vocabulary
        self._tokens = []
        self._index = {}
        self.idf_weights = None
        self.reset_state()
        self.built = True
        if vocabulary is not None:
            self.set_vocabulary(vocabulary, idf_weights)
        elif output_mode == "tf_idf" and idf_weights is not None:
            raise ValueError(
                f'Layer "{self.name}": idf_weights need a vocabulary, received '
                "vocabulary=None")

    # -- index layout -------------------------------------------------------
    def _oov_start_index(self):
        return 1 if self.mask_token is not None and self.output_mode == "int" else 0

    def _token_start_index(self):
        return self._oov_start_index() + self.num_oov_indices

    def vocabulary_size(self):
        """Size of the vocabulary, mask and OOV tokens included."""
        return len(self._tokens) + self._token_start_index()

    def get_vocabulary(self, include_special_tokens=True):
        """The vocabulary in index order (with the mask and OOV tokens first,
        unless ``include_special_tokens=False``)."""
        specials = ([self.mask_token] * self._oov_start_index()
                    + [self.oov_token] * self.num_oov_indices)
        vocab = specials + list(self._tokens)
        if not include_special_tokens:
            vocab = vocab[self._token_start_index():]
        return vocab

    # -- setting and learning the vocabulary --------------------------------
    def _standardize_token(self, token):
        return token

    def _read_vocabulary(self, vocabulary):
        if isinstance(vocabulary, str):
            if not os.path.isfile(vocabulary):
                raise ValueError(
                    f'Layer "{self.name}" expects vocabulary to be a list/array of tokens or '
                    f"the path of an existing file, received vocabulary={vocabulary!r}")
            with open(vocabulary, encoding="utf-8") as f:
                vocabulary = [line.rstrip("\n") for line in f]
        array = string_arrays.to_array(vocabulary)
        if array.ndim != 1:
            raise ValueError(
                f'Layer "{self.name}" expects a 1-D vocabulary, received an array of shape '
                f"{array.shape}")
        return [self._standardize_token(t) for t in array.tolist()]

    def set_vocabulary(self, vocabulary, idf_weights=None):
        """Set the vocabulary (a list, array or file path; it may start with
        the mask and OOV tokens) and, for "tf_idf", the IDF weights."""
        if self.output_mode == "tf_idf" and idf_weights is None:
            raise ValueError(
                f'Layer "{self.name}" with output_mode="tf_idf" needs idf_weights with its '
                "vocabulary, received idf_weights=None")
        if self.output_mode != "tf_idf" and idf_weights is not None:
            raise ValueError(
                f'Layer "{self.name}": idf_weights are only used with output_mode="tf_idf", '
                f"received output_mode={self.output_mode!r}")
        tokens = self._read_vocabulary(vocabulary)
        token_start = self._token_start_index()
        specials = ([self.mask_token] * self._oov_start_index()
                    + [self.oov_token] * self.num_oov_indices)
        found_specials = len(tokens) >= token_start and tokens[:token_start] == specials
        if found_specials:
            tokens = tokens[token_start:]
        repeated = [t for t, c in collections.Counter(tokens).items() if c > 1]
        if repeated:
            raise ValueError(
                f'Layer "{self.name}" expects a vocabulary without repeated tokens, received '
                f"repeated tokens {repeated}")
        if self.mask_token is not None and self.mask_token in tokens:
            raise ValueError(
                f'Layer "{self.name}" found the mask token {self.mask_token!r} inside the '
                f"vocabulary at index {tokens.index(self.mask_token)}; the vocabulary may "
                f"include the special tokens only at its start, in this order: {specials}")
        if self.invert and self.oov_token is not None and self.oov_token in tokens:
            raise ValueError(
                f'Layer "{self.name}" found the OOV token {self.oov_token!r} inside the '
                f"vocabulary; the vocabulary may include the special tokens only at its "
                f"start, in this order: {specials}")
        size = token_start + len(tokens)
        if self.max_tokens is not None and size > self.max_tokens:
            raise ValueError(
                f'Layer "{self.name}" expects a vocabulary of at most max_tokens='
                f"{self.max_tokens} entries, received {size} (special tokens included)")
        self._set_tokens(tokens)
        self._has_input_vocabulary = True
        if self.output_mode == "tf_idf":
            weights = np.asarray(string_arrays.to_array(idf_weights), dtype="float64")
            if weights.ndim != 1 or len(weights) != len(vocabulary if not isinstance(
                    vocabulary, str) else tokens):
                raise ValueError(
                    f'Layer "{self.name}" expects 1-D idf_weights as long as the vocabulary '
                    f"({len(tokens)}), received shape {weights.shape}")
            # Without given OOV weights, OOV slots get the mean IDF weight.
            front = 0 if found_specials else token_start
            front_value = 0.0 if found_specials else float(np.average(weights))
            back = (self.max_tokens - front - len(weights)
                    if self.pad_to_max_tokens and self.max_tokens is not None else 0)
            self._set_idf(np.pad(weights, (front, back), constant_values=(front_value, 0.0)))

    def _set_tokens(self, tokens):
        self._tokens = list(tokens)
        start = self._token_start_index()
        self._index = {t: i + start for i, t in enumerate(self._tokens)}
        self._int_keys = None
        self._frozen_vocab_size = self.vocabulary_size()

    def _set_idf(self, weights):
        self.idf_weights = ops.convert_to_tensor(np.asarray(weights, backend.floatx()))

    def reset_state(self):
        self._token_counts = collections.Counter()
        self._document_counts = collections.Counter()
        self._num_documents = 0

    def adapt(self, data, steps=None):
        """Learn the vocabulary from ``data``: tokens sorted by frequency (ties by
        token, high to low), capped at ``max_tokens``."""
        self.reset_state()
        for batch in iterate_batches(data, self.name, steps=steps):
            self.update_state(batch)
        self.finalize_state()

    def update_state(self, data):
        if self._has_input_vocabulary:
            raise ValueError(
                f'Layer "{self.name}" cannot be adapted after its vocabulary was set with '
                "`vocabulary` or `set_vocabulary()`")
        if isinstance(data, np.ndarray) and data.dtype == object and data.size and \
                isinstance(data.flat[0], list):  # ragged documents
            documents = [self._prepare_tokens(row).reshape(-1).tolist() for row in data]
        else:
            array = self._prepare_tokens(data)
            if array.ndim < 2:  # a 1-D input is a single document
                array = array.reshape(1, -1)
            documents = [row.tolist() for row in array.reshape(array.shape[0], -1)]
        for document in documents:
            self._token_counts.update(document)
        if self.output_mode == "tf_idf":
            for document in documents:
                self._document_counts.update(set(document))
            self._num_documents += len(documents)

    def _prepare_tokens(self, data):
        return string_arrays.to_array(data)

    def finalize_state(self):
        if self._has_input_vocabulary or not self._token_counts:
            return
        counts = self._token_counts
        for special in (self.mask_token, self.oov_token):
            if special is not None:
                counts.pop(special, None)
        # Most frequent first; ties broken by the token itself, high to low.
        tokens = sorted(counts, key=lambda t: (counts[t], t), reverse=True)
        if self.max_tokens:
            tokens = tokens[:self.max_tokens - self._token_start_index()]
        self._set_tokens(tokens)
        if self.output_mode == "tf_idf":
            df = np.array([self._document_counts[t] for t in tokens], dtype="float64")
            idf = np.log(1 + self._num_documents / (1 + df)).astype(backend.floatx())
            mean = float(np.mean(idf)) if len(idf) else 0.0
            weights = np.pad(idf, (self._token_start_index(), 0), constant_values=mean)
            if self.pad_to_max_tokens and self.max_tokens is not None:
                weights = np.pad(weights, (0, self.max_tokens - len(weights)))
            self._set_idf(weights)
        self.reset_state()

    # -- lookups ------------------------------------------------------------
    def _lookup_indices(self, array):
        """Vocabulary index of every element; -1 where out of vocabulary."""
        if array.dtype == object:
            index = self._index
            return string_arrays.map_unique(array, lambda t: index.get(t, -1)).astype(np.int64)
        if self._int_keys is None:
            keys = np.array(self._tokens, dtype=np.int64)
            order = np.argsort(keys, kind="stable")
            self._int_keys = (keys[order], order.astype(np.int64) + self._token_start_index())
        keys, values = self._int_keys
        if not len(keys):
            return np.full(array.shape, -1, dtype=np.int64)
        pos = np.clip(np.searchsorted(keys, array), 0, len(keys) - 1)
        return np.where(keys[pos] == array, values[pos], -1)

    def _oov_buckets(self, array):
        if array.dtype != object and self.oov_method != "farmhash":
            return np.mod(array, self.num_oov_indices).astype(np.int64)
        n = self.num_oov_indices
        if self.salt is None:
            return string_arrays.map_unique(
                array, lambda t: fingerprint64(str(t)) % n).astype(np.int64)
        salt = self.salt
        return string_arrays.map_unique(
            array, lambda t: siphash64(salt, str(t)) % n).astype(np.int64)

    def _forward(self, array):
        lookups = self._lookup_indices(array)
        oov = lookups < 0
        if oov.any():
            if self.num_oov_indices == 0:
                raise ValueError(
                    f'Layer "{self.name}" has num_oov_indices=0, so every input must be in the '
                    f"vocabulary; received out-of-vocabulary values "
                    f"{np.unique(array[oov]).tolist()[:10]} (set num_oov_indices=1 to map "
                    "them to an OOV index)")
            if self.num_oov_indices == 1:
                lookups = np.where(oov, self._oov_start_index(), lookups)
            else:
                lookups = np.where(oov, self._oov_buckets(array) + self._oov_start_index(),
                                   lookups)
        if self.mask_token is not None:
            masked = array == self.mask_token
            # In "int" mode the mask maps to 0; otherwise to an index the
            # encoding drops.
            lookups = np.where(masked, 0 if self.output_mode == "int" else -1, lookups)
        return lookups

    def _inverse(self, array):
        if array.dtype.kind not in "iu":
            raise ValueError(
                f'Layer "{self.name}" with invert=True expects integer indices, received '
                f"dtype {array.dtype}")
        table = np.array([self.oov_token] * self._token_start_index() + list(self._tokens),
                         dtype=self._inverse_dtype())
        inside = (array >= 0) & (array < len(table))
        out = np.where(inside, table[np.clip(array, 0, max(len(table) - 1, 0))]
                       if len(table) else self.oov_token, self.oov_token)
        if self.mask_token is not None:
            out = np.where(array == 0, self.mask_token, out)
        return out.astype(self._inverse_dtype())

    def _inverse_dtype(self):
        return object

    def _depth(self):
        return self.max_tokens if self.pad_to_max_tokens else self.vocabulary_size()

    def _encode(self, lookups):
        if self.output_mode == "int":
            return ops.convert_to_tensor(lookups, "int64")
        lookups = ops.convert_to_tensor(lookups, "int64")
        if self.output_mode == "tf_idf":
            if self.idf_weights is None:
                raise ValueError(
                    f'Layer "{self.name}" with output_mode="tf_idf" has no IDF weights yet: '
                    "call adapt() or set_vocabulary(..., idf_weights=...) first")
            return encode_categorical(lookups, "tf_idf", self._depth(), backend.floatx(),
                                      idf_weights=self.idf_weights)
        return encode_categorical(lookups, self.output_mode, self._depth(), backend.floatx())

    def _check_vocabulary(self):
        if not self._tokens and self.output_mode != "int" and not self.pad_to_max_tokens:
            raise ValueError(
                f'Layer "{self.name}" has no vocabulary yet: pass `vocabulary`, call '
                "set_vocabulary() or adapt() before calling it")

    def call(self, inputs):
        self._check_vocabulary()
        array = self._prepare_tokens(inputs)
        if self.invert:
            return self._inverse_output(self._inverse(array))
        return self._encode(self._forward(array))

    def _inverse_output(self, array):
        return array

    def compute_output_spec(self, inputs):
        shape = tuple(inputs.shape)
        if self.output_mode == "int":
            dtype = self.vocabulary_dtype if self.invert else "int64"
            return backend.KerasTensor(shape, dtype="string" if dtype == "string" else dtype)
        depth = self._depth() if (self.pad_to_max_tokens or self._tokens) else None
        if self.output_mode == "one_hot":
            out = (shape[:-1] if shape and shape[-1] == 1 else shape) + (depth,)
        else:
            out = (shape[:-1] if len(shape) > 1 else ()) + (depth,)
        return backend.KerasTensor(out, dtype=backend.floatx())

    def compute_output_shape(self, input_shape):
        return self.compute_output_spec(backend.KerasTensor(input_shape)).shape

    def get_config(self):
        config = super().get_config()
        config.update({
            "invert": self.invert,
            "max_tokens": self.max_tokens,
            "num_oov_indices": self.num_oov_indices,
            "oov_token": self.oov_token,
            "mask_token": self.mask_token,
            "output_mode": self.output_mode,
            "sparse": self.sparse,
            "pad_to_max_tokens": self.pad_to_max_tokens,
            "vocabulary_dtype": self.vocabulary_dtype,
            "idf_weights": _listify(self.input_idf_weights),
            "vocabulary": _listify(self.input_vocabulary),
            "vocabulary_size": self._frozen_vocab_size,
            "oov_method": self.oov_method,
            "salt": self.salt,
        })
        return config

    # Keras's asset hooks: a learned vocabulary (and IDF weights) saved beside
    # the config, which holds only a vocabulary given to the constructor.
    def save_assets(self, dir_path):
        if self.input_vocabulary is not None:
            return
        with open(os.path.join(dir_path, "vocabulary.txt"), "w", encoding="utf-8") as f:
            f.write("\n".join(str(t) for t in self.get_vocabulary()))
        if self.idf_weights is not None:
            np.save(os.path.join(dir_path, "idf_weights.npy"),
                    backend.convert_to_numpy(self.idf_weights))

    def load_assets(self, dir_path):
        if self.input_vocabulary is not None:
            return
        with open(os.path.join(dir_path, "vocabulary.txt"), encoding="utf-8") as f:
            vocabulary = [self._standardize_token(t) for t in f.read().split("\n")]
        self._set_tokens(vocabulary[self._token_start_index():])
        idf_path = os.path.join(dir_path, "idf_weights.npy")
        if os.path.exists(idf_path):
            self._set_idf(np.load(idf_path))


def _listify(value):
    if value is None or isinstance(value, str):
        return value
    if backend.is_tensor(value):
        value = backend.convert_to_numpy(value)
    if isinstance(value, np.ndarray):
        return value.tolist()
    return list(value)
