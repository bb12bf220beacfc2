"""TextVectorization: raw strings to token indices or bag-of-words vectors."""
import re

import numpy as np

from ceras import backend, ops
from ceras.layers.layer import Layer
from ceras.layers.preprocessing import string_arrays
from ceras.layers.preprocessing.adapt_data import iterate_batches
from ceras.layers.preprocessing.encoding import validate_output_mode
from ceras.layers.preprocessing.string_lookup import StringLookup

# The characters Keras strips with standardize="..._strip_punctuation".
_PUNCTUATION = re.compile(r'[!"#$%&()\*\+,-\./:;<=>?@\[\\\]^_`{|}~\']')
_STANDARDIZE = (None, "lower_and_strip_punctuation", "lower", "strip_punctuation")
_SPLIT = (None, "whitespace", "character")


class TextVectorization(Layer):
    """Turns strings into sequences of token indices, or into multi-hot, count
    or TF-IDF vectors: standardize each string, split it into tokens, form
    n-grams, then look them up in a vocabulary (given, or learned with
    ``adapt()``).

    Strings are processed in Python (torch has no string tensors): inputs are
    a list or NumPy array of str/bytes of shape ``(batch,)`` or ``(batch, 1)``;
    outputs are backend tensors.

    Args:
        max_tokens: cap on the vocabulary size (mask and OOV tokens included).
        standardize: "lower_and_strip_punctuation" (default), "lower",
            "strip_punctuation", None, or a callable str -> str.
        split: "whitespace" (default), "character", None, or a callable
            str -> list of str.
        ngrams: None, an int n (all n-grams up to n) or a tuple of sizes.
        output_mode: "int" (default), "multi_hot", "count" or "tf_idf".
        output_sequence_length: pad or truncate "int" outputs to this length
            (default: pad to the longest sequence in the batch).
        pad_to_max_tokens: pad encodings to `max_tokens` wide.
        vocabulary: list/array of tokens or path of a file with one per line.
        idf_weights: IDF weights for output_mode="tf_idf".
        sparse, ragged: must be False on this backend.
        encoding: text encoding of bytes inputs (default "utf-8").

    Example:
        >>> layer = TextVectorization(vocabulary=["the", "cat"])
        >>> layer(["The cat!", "a cat"])  # [[2, 3], [1, 3]]
    """

    def __init__(self, max_tokens=None, standardize="lower_and_strip_punctuation",
                 split="whitespace", ngrams=None, output_mode="int",
                 output_sequence_length=None, pad_to_max_tokens=False, vocabulary=None,
                 idf_weights=None, sparse=False, ragged=False, encoding="utf-8", name=None,
                 **kwargs):
        vocabulary_size = kwargs.pop("vocabulary_size", None)
        kwargs.pop("dtype", None)
        super().__init__(name=name, autocast=False, **kwargs)
        if output_mode == "binary":
            output_mode = "multi_hot"
        if output_mode == "tf-idf":
            output_mode = "tf_idf"
        validate_output_mode(self, output_mode, ("int", "multi_hot", "count", "tf_idf"))
        if not (standardize in _STANDARDIZE or callable(standardize)):
            raise ValueError(
                f'Layer "{self.name}" expects standardize to be one of {_STANDARDIZE} or a '
                f"callable, received standardize={standardize!r}")
        if not (split in _SPLIT or callable(split)):
            raise ValueError(
                f'Layer "{self.name}" expects split to be one of {_SPLIT} or a callable, '
                f"received split={split!r}")
        if ngrams is not None and not (
                (isinstance(ngrams, int) and ngrams > 0) or
                (isinstance(ngrams, (tuple, list)) and all(
                    isinstance(n, int) and n > 0 for n in ngrams))):
            raise ValueError(
                f'Layer "{self.name}" expects ngrams to be None, a positive int or a tuple of '
                f"positive ints, received ngrams={ngrams!r}")
        if ngrams is not None and split is None:
            raise ValueError(
                f'Layer "{self.name}": ngrams need split to be set, received split=None')
        if output_sequence_length is not None and output_mode != "int":
            raise ValueError(
                f'Layer "{self.name}": output_sequence_length is only used with '
                f'output_mode="int", received output_mode={output_mode!r}')
        if output_sequence_length is not None and (
                not isinstance(output_sequence_length, int) or output_sequence_length < 1):
            raise ValueError(
                f'Layer "{self.name}" expects output_sequence_length to be a positive int, '
                f"received output_sequence_length={output_sequence_length!r}")
        if ragged:
            raise ValueError(
                f'Layer "{self.name}": ragged outputs are not supported on this backend, '
                f"received ragged={ragged!r}")
        self._standardize = standardize
        self._split = split
        self._ngrams_arg = ngrams
        self._ngrams = (tuple(range(1, ngrams + 1)) if isinstance(ngrams, int)
                        else tuple(ngrams) if ngrams is not None else None)
        self._output_mode = output_mode
        self._output_sequence_length = output_sequence_length
        self._ragged = ragged
        self._encoding = encoding
        self._lookup_layer = StringLookup(
            max_tokens=max_tokens, vocabulary=vocabulary, idf_weights=idf_weights,
            pad_to_max_tokens=pad_to_max_tokens, mask_token="", output_mode=output_mode,
            sparse=sparse, encoding=encoding, vocabulary_size=vocabulary_size,
            name=f"{self.name}_lookup")
        self.built = True

    # -- vocabulary ---------------------------------------------------------
    def vocabulary_size(self):
        return self._lookup_layer.vocabulary_size()

    def get_vocabulary(self, include_special_tokens=True):
        return self._lookup_layer.get_vocabulary(include_special_tokens)

    def set_vocabulary(self, vocabulary, idf_weights=None):
        self._lookup_layer.set_vocabulary(vocabulary, idf_weights=idf_weights)

    def adapt(self, data, batch_size=None, steps=None):
        """Learn the vocabulary (and IDF weights) from strings in ``data``."""
        lookup = self._lookup_layer
        lookup.reset_state()
        for batch in iterate_batches(data, self.name, batch_size, steps):
            if lookup._has_input_vocabulary:
                raise ValueError(
                    f'Layer "{self.name}" cannot be adapted after its vocabulary was set with '
                    "`vocabulary` or `set_vocabulary()`")
            documents = self._tokenize(batch)
            lookup._token_counts.update(t for doc in documents for t in doc)
            if self._output_mode == "tf_idf":
                for doc in documents:
                    lookup._document_counts.update(set(doc))
                lookup._num_documents += len(documents)
        lookup.finalize_state()

    def update_state(self, data):
        self._lookup_layer.update_state(self._tokenize_flat(data))

    def finalize_state(self):
        self._lookup_layer.finalize_state()

    def reset_state(self):
        self._lookup_layer.reset_state()

    # -- text processing ----------------------------------------------------
    def _standardize_text(self, text):
        if self._standardize is None:
            return text
        if callable(self._standardize):
            return self._standardize(text)
        if "lower" in self._standardize:
            text = text.lower()
        if "strip_punctuation" in self._standardize:
            text = _PUNCTUATION.sub("", text)
        return text

    def _split_text(self, text):
        if self._split is None:
            return [text]
        if callable(self._split):
            return [str(t) for t in self._split(text)]
        if self._split == "whitespace":
            return text.split()
        return list(text)

    def _with_ngrams(self, tokens):
        if self._ngrams is None:
            return tokens
        out = []
        for width in self._ngrams:
            out.extend(" ".join(tokens[i:i + width]) for i in range(len(tokens) - width + 1))
        return out

    def _strings(self, inputs):
        if backend.is_tensor(inputs):
            raise ValueError(
                f'Layer "{self.name}" expects strings (a list or NumPy array of str), '
                f"received a {ops.dtype(inputs)} tensor")
        array = np.asarray(inputs)
        if array.dtype.kind not in "USO":
            raise ValueError(
                f'Layer "{self.name}" expects string inputs, received dtype {array.dtype}')
        if array.ndim == 2 and array.shape[1] == 1:
            array = array[:, 0]
        elif array.ndim > 1:
            raise ValueError(
                f'Layer "{self.name}" expects inputs of shape (batch,) or (batch, 1), '
                f"received shape {array.shape}")
        return string_arrays.decode(array, self._encoding)

    def _tokenize(self, inputs):
        array = self._strings(inputs)
        return [self._with_ngrams(self._split_text(self._standardize_text(t)))
                for t in np.atleast_1d(array).tolist()]

    def _tokenize_flat(self, inputs):
        docs = self._tokenize(inputs)
        return np.array([t for doc in docs for t in doc], dtype=object)

    # -- calling ------------------------------------------------------------
    def call(self, inputs):
        scalar = np.ndim(inputs) == 0
        documents = self._tokenize(inputs)
        if self._output_mode != "int":
            length = max((len(d) for d in documents), default=0)
            padded = _pad(documents, length, "")
            out = self._lookup_layer(padded)
            return out[0] if scalar else out
        length = self._output_sequence_length
        if length is None:
            length = max((len(d) for d in documents), default=0)
        indices = self._lookup_layer(_pad([d[:length] for d in documents], length, ""))
        return indices[0] if scalar else indices

    def compute_output_spec(self, inputs):
        batch = tuple(inputs.shape[:1])
        if self._output_mode == "int":
            length = self._output_sequence_length if self._split is not None else 1
            return backend.KerasTensor(batch + (length,), dtype="int64")
        depth = (self._lookup_layer.max_tokens if self._lookup_layer.pad_to_max_tokens
                 else self._lookup_layer.vocabulary_size() or None)
        return backend.KerasTensor(batch + (depth,), dtype=backend.floatx())

    def compute_output_shape(self, input_shape):
        return self.compute_output_spec(backend.KerasTensor(input_shape)).shape

    def get_config(self):
        config = super().get_config()
        lookup = self._lookup_layer
        config.update({
            "max_tokens": lookup.max_tokens,
            "standardize": self._standardize,
            "split": self._split,
            "ngrams": self._ngrams_arg,
            "output_mode": self._output_mode,
            "output_sequence_length": self._output_sequence_length,
            "pad_to_max_tokens": lookup.pad_to_max_tokens,
            "sparse": lookup.sparse,
            "ragged": self._ragged,
            "vocabulary": lookup.get_config()["vocabulary"],
            "idf_weights": lookup.get_config()["idf_weights"],
            "encoding": self._encoding,
            "vocabulary_size": self.vocabulary_size(),
        })
        return config

    def save_assets(self, dir_path):
        self._lookup_layer.save_assets(dir_path)

    def load_assets(self, dir_path):
        self._lookup_layer.load_assets(dir_path)


def _pad(documents, length, fill):
    out = np.full((len(documents), length), fill, dtype=object)
    for i, doc in enumerate(documents):
        out[i, :len(doc)] = doc
    return out
