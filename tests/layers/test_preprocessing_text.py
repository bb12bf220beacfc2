"""Hashing, HashedCrossing, StringLookup, IntegerLookup and TextVectorization.

Keras runs these on TensorFlow kernels, so on a TF-less oracle they cannot be
instantiated: expected values come from Keras's documented examples and from
FarmHash / SipHash reference values."""
import numpy as np
import pytest

import ceras
from ceras import layers
from ceras.layers.preprocessing.fingerprint import fingerprint64, fingerprint_cat64, siphash64


def _np(x):
    return np.asarray(ceras.ops.convert_to_numpy(x))


# -- hash functions ----------------------------------------------------------------------

@pytest.mark.parametrize("text,expected", [
    ("", 0x9AE16A3B2F90404F),
    ("hello", 13009744463427800296),
    ("a" * 70, 16970074675961496088),
    ("ceras", 4965716474067174242),
])
def test_fingerprint64_reference_values(text, expected):
    # Reference values from Google's FarmHash (farmhash::Fingerprint64).
    assert fingerprint64(text) == expected


# FarmHash reference values (pyfarmhash) on every length branch of the algorithm.
_FARMHASH = {1: 5161771770385946686, 3: 1310518540512506342, 4: 11711337669010882099,
             7: 11057383930293635020, 8: 15263540642688558600, 15: 16825489775245598468,
             16: 4338871769482718964, 17: 2791110717120146389, 31: 16715815762501656136,
             32: 15611977142726651112, 33: 2327144085378135765, 63: 17450762810714445792,
             64: 17972783085266097327, 65: 16987655963586098774, 200: 18164905070465977064}


@pytest.mark.parametrize("length", sorted(_FARMHASH))
def test_fingerprint64_matches_farmhash_on_every_length_branch(length):
    data = bytes((i * 37 + length) % 256 for i in range(length))
    assert fingerprint64(data) == _FARMHASH[length]


def test_siphash_reference_vector():
    # SipHash-2-4 paper, Appendix A: key 00..0f, message 00..0e.
    key = (0x0706050403020100, 0x0F0E0D0C0B0A0908)
    assert siphash64(key, bytes(range(15))) == 0xA129CA6149BE45E5


def test_fingerprint_cat64_is_order_sensitive():
    assert fingerprint_cat64(1, 2) != fingerprint_cat64(2, 1)


# -- Hashing ---------------------------------------------------------------------------------

LETTERS = [["A"], ["B"], ["C"], ["D"], ["E"]]


@pytest.mark.parametrize("kwargs,data,expected", [
    (dict(num_bins=3), LETTERS, [[1], [0], [1], [1], [2]]),
    (dict(num_bins=3, mask_value=""), [["A"], ["B"], [""], ["C"], ["D"]],
     [[1], [1], [0], [2], [2]]),
    (dict(num_bins=3, salt=[133, 137]), LETTERS, [[1], [2], [1], [0], [2]]),
    (dict(num_bins=3, salt=133), LETTERS, [[0], [0], [2], [1], [0]]),
])
def test_hashing_matches_keras_documented_outputs(kwargs, data, expected):
    out = layers.Hashing(**kwargs)(data)
    np.testing.assert_array_equal(_np(out), expected)
    assert _np(out).dtype == np.int64


@pytest.mark.parametrize("data", [np.array([[1, 2], [3, 40]]), np.array([[1, 2], [3, 40]],
                                                                           dtype="int32")])
def test_hashing_integers_hash_their_decimal_string(data):
    out = _np(layers.Hashing(num_bins=7)(data))
    expected = [[fingerprint64(str(v)) % 7 for v in row] for row in data.tolist()]
    np.testing.assert_array_equal(out, expected)


def test_hashing_bytes_strings_and_torch_ints_agree():
    as_str = _np(layers.Hashing(num_bins=11)(np.array(["x", "yy"])))
    as_bytes = _np(layers.Hashing(num_bins=11)(np.array([b"x", b"yy"])))
    np.testing.assert_array_equal(as_str, as_bytes)
    ints = ceras.ops.convert_to_tensor(np.array([5, 6]))
    np.testing.assert_array_equal(_np(layers.Hashing(num_bins=11)(ints)),
                                  _np(layers.Hashing(num_bins=11)(["5", "6"])))


@pytest.mark.parametrize("mode,shape", [("one_hot", (5, 3)), ("multi_hot", (5, 3)),
                                        ("count", (5, 3))])
def test_hashing_encoded_outputs(mode, shape):
    layer = layers.Hashing(num_bins=3, output_mode=mode)
    out = _np(layer(LETTERS))
    assert out.shape == shape == layer.compute_output_shape((5, 1))
    np.testing.assert_array_equal(out.argmax(-1), [1, 0, 1, 1, 2])


def test_hashing_config_round_trip():
    layer = layers.Hashing(num_bins=4, salt=7, mask_value="", output_mode="count")
    config = layer.get_config()
    assert list(config) == ["name", "trainable", "dtype", "num_bins", "salt", "mask_value",
                            "output_mode", "sparse"]
    assert config["salt"] == [7, 7] and config["dtype"]["config"]["name"] == "float32"
    clone = layers.Hashing.from_config(config)
    assert clone.get_config() == config


@pytest.mark.parametrize("kwargs,match", [
    (dict(num_bins=0), "num_bins to be a positive integer"),
    (dict(num_bins=3, salt="x"), "salt to be an int or a pair"),
    (dict(num_bins=3, output_mode="tf_idf"), "output_mode to be one of"),
    (dict(num_bins=3, dtype="float32"), 'expects dtype "int32" or "int64"'),
    (dict(num_bins=3, sparse=True), "sparse outputs are not supported"),
])
def test_hashing_invalid_arguments(kwargs, match):
    with pytest.raises(ValueError, match=match):
        layers.Hashing(**kwargs)


# -- HashedCrossing --------------------------------------------------------------------------

def test_hashed_crossing_matches_keras_documented_outputs():
    feat1 = np.array(["A", "B", "A", "B", "A"])
    feat2 = np.array([101, 101, 101, 102, 102])
    np.testing.assert_array_equal(_np(layers.HashedCrossing(num_bins=5)((feat1, feat2))),
                                  [1, 4, 1, 1, 3])
    one_hot = _np(layers.HashedCrossing(num_bins=5, output_mode="one_hot")((feat1, feat2)))
    np.testing.assert_array_equal(one_hot.argmax(-1), [1, 4, 1, 1, 3])
    assert one_hot.dtype == np.float32


def test_hashed_crossing_shapes_and_config():
    layer = layers.HashedCrossing(num_bins=4)
    assert _np(layer((np.array([["a"], ["b"]]), np.array([[1], [2]])))).shape == (2, 1)
    assert _np(layer(("a", 3))).shape == ()
    assert layer.get_config() == {"num_bins": 4, "output_mode": "int", "sparse": False,
                                  "name": layer.name, "dtype": "int64"}
    assert layers.HashedCrossing.from_config(layer.get_config()).num_bins == 4


def test_hashed_crossing_errors():
    layer = layers.HashedCrossing(num_bins=4, name="cross")
    with pytest.raises(ValueError, match='"cross" expects a list or tuple of at least two'):
        layer(np.array(["a"]))
    with pytest.raises(ValueError, match=r'"cross" expects inputs of identical shapes.*\(2,\)'):
        layer((np.array(["a", "b"]), np.array([1])))
    with pytest.raises(ValueError, match=r"crosses scalar features only.*\(1, 2\)"):
        layer((np.array([["a", "b"]]), np.array([[1, 2]])))


# -- StringLookup ------------------------------------------------------------------------------

VOCAB = ["a", "b", "c", "d"]


@pytest.mark.parametrize("kwargs,data,expected", [
    (dict(vocabulary=VOCAB), [["a", "c", "d"], ["d", "z", "b"]], [[1, 3, 4], [4, 0, 2]]),
    (dict(vocabulary=VOCAB, num_oov_indices=2), [["a", "c", "d"], ["m", "z", "b"]],
     [[2, 4, 5], [0, 1, 3]]),
    (dict(vocabulary=VOCAB, mask_token=""), [["a", ""], ["z", "d"]], [[2, 0], [1, 5]]),
    (dict(vocabulary=["", "[UNK]"] + VOCAB, mask_token=""), [["a", ""]], [[2, 0]]),
    (dict(vocabulary=VOCAB, output_mode="one_hot"), ["a", "b", "c", "d", "z"],
     np.eye(5)[[1, 2, 3, 4, 0]]),
    (dict(vocabulary=VOCAB, output_mode="multi_hot"),
     [["a", "c", "d", "d"], ["d", "z", "b", "z"]], [[0, 1, 0, 1, 1], [1, 0, 1, 0, 1]]),
    (dict(vocabulary=VOCAB, output_mode="count"),
     [["a", "c", "d", "d"], ["d", "z", "b", "z"]], [[0, 1, 0, 1, 2], [2, 0, 1, 0, 1]]),
    (dict(vocabulary=VOCAB, output_mode="count", pad_to_max_tokens=True, max_tokens=7),
     [["a", "z"]], [[1, 1, 0, 0, 0, 0, 0]]),
    (dict(vocabulary=VOCAB, output_mode="multi_hot", mask_token=""), [["a", ""]],
     [[0, 1, 0, 0, 0]]),
])
def test_string_lookup_matches_keras_documented_outputs(kwargs, data, expected):
    np.testing.assert_allclose(_np(layers.StringLookup(**kwargs)(data)), expected)


@pytest.mark.parametrize("vocab,weights,row2", [
    (VOCAB, [0.25, 0.75, 0.6, 0.4], [1.0, 0.0, 0.75, 0.0, 0.4]),
    (["[UNK]"] + VOCAB, [0.9, 0.25, 0.75, 0.6, 0.4], [1.8, 0.0, 0.75, 0.0, 0.4]),
])
def test_string_lookup_tf_idf(vocab, weights, row2):
    layer = layers.StringLookup(output_mode="tf_idf")
    layer.set_vocabulary(vocab, idf_weights=weights)
    out = _np(layer([["a", "c", "d", "d"], ["d", "z", "b", "z"]]))
    np.testing.assert_allclose(out, [[0.0, 0.25, 0.0, 0.6, 0.8], row2], rtol=1e-6)


def test_string_lookup_adapt_orders_by_frequency_then_token():
    data = [["a", "c", "d"], ["d", "z", "b"]]
    layer = layers.StringLookup()
    layer.adapt(data)
    assert layer.get_vocabulary() == ["[UNK]", "d", "z", "c", "b", "a"]
    np.testing.assert_array_equal(_np(layer(data)), [[5, 3, 1], [1, 2, 4]])
    capped = layers.StringLookup(max_tokens=3)
    capped.adapt(iter([np.array(data[0]), np.array(data[1])]))
    assert capped.get_vocabulary() == ["[UNK]", "d", "z"]
    assert capped.vocabulary_size() == 3


def test_string_lookup_adapt_tf_idf_weights():
    layer = layers.StringLookup(output_mode="tf_idf")
    layer.adapt([["a", "a", "b"], ["a", "c", "c"]])
    idf = np.log(1 + 2 / (1 + np.array([2.0, 1.0, 1.0])))  # a, c, b
    np.testing.assert_allclose(_np(layer.idf_weights), np.r_[idf.mean(), idf], rtol=1e-6)
    np.testing.assert_allclose(_np(layer([["c", "c", "q"]])),
                               [[idf.mean(), 0.0, 2 * idf[1], 0.0]], rtol=1e-6)


def test_string_lookup_invert_returns_strings():
    layer = layers.StringLookup(vocabulary=VOCAB, invert=True)
    out = layer(np.array([[1, 3, 4], [4, 0, 2]]))
    assert out.tolist() == [["a", "c", "d"], ["d", "[UNK]", "b"]]
    forward = layers.StringLookup(vocabulary=VOCAB)
    assert layer(forward([["b", "zz"]])).tolist() == [["b", "[UNK]"]]


def test_string_lookup_vocabulary_file_and_config(tmp_path):
    path = tmp_path / "vocab.txt"
    path.write_text("a\nb\nc\n", encoding="utf-8")
    layer = layers.StringLookup(vocabulary=str(path))
    assert layer.get_vocabulary() == ["[UNK]", "a", "b", "c"]
    config = layers.StringLookup(vocabulary=VOCAB, num_oov_indices=2).get_config()
    assert list(config) == [
        "name", "trainable", "dtype", "invert", "max_tokens", "num_oov_indices", "oov_token",
        "mask_token", "output_mode", "sparse", "pad_to_max_tokens", "idf_weights", "vocabulary",
        "vocabulary_size", "oov_method", "salt", "encoding"]
    clone = layers.StringLookup.from_config(config)
    assert clone.get_vocabulary() == ["[UNK]", "[UNK]"] + VOCAB
    assert clone.get_config() == config


def test_lookup_output_shapes():
    layer = layers.StringLookup(vocabulary=VOCAB, output_mode="multi_hot")
    assert layer.compute_output_shape((None, 3)) == (None, 5)
    assert layers.StringLookup(vocabulary=VOCAB).compute_output_shape((None, 3)) == (None, 3)
    one_hot = layers.IntegerLookup(vocabulary=INT_VOCAB, output_mode="one_hot")
    assert one_hot.compute_output_shape((None, 1)) == (None, 5)
    assert tuple(one_hot(np.array([[12], [36]])).shape) == (2, 5)


@pytest.mark.parametrize("kwargs,match", [
    (dict(max_tokens=1), "max_tokens to be None or an integer greater than 1"),
    (dict(pad_to_max_tokens=True), "pad_to_max_tokens=True needs max_tokens"),
    (dict(num_oov_indices=-1), "num_oov_indices to be an integer >= 0"),
    (dict(invert=True, output_mode="count"), 'invert=True needs output_mode="int"'),
    (dict(output_mode="foo"), "output_mode to be one of"),
    (dict(vocabulary=["a", "a"]), r"repeated tokens \['a'\]"),
    (dict(vocabulary=["a", ""], mask_token=""), "found the mask token '' inside"),
    (dict(vocabulary=VOCAB, max_tokens=3), "at most max_tokens=3 entries, received 5"),
    (dict(vocabulary=VOCAB, output_mode="tf_idf"), "needs idf_weights"),
    (dict(idf_weights=[1.0]), 'only used with output_mode="tf_idf"'),
    (dict(sparse=True), "sparse outputs are not supported"),
    (dict(salt="x"), "salt to be an int or a pair"),
])
def test_string_lookup_invalid_arguments(kwargs, match):
    with pytest.raises(ValueError, match=match):
        layers.StringLookup(**kwargs)


def test_string_lookup_call_errors():
    strict = layers.StringLookup(vocabulary=VOCAB, num_oov_indices=0, name="strict")
    with pytest.raises(ValueError, match=r"\"strict\" has num_oov_indices=0.*\['zz'\]"):
        strict(["a", "zz"])
    with pytest.raises(ValueError, match='"strict" expects string inputs, received dtype'):
        strict(np.array([1, 2]))
    fixed = layers.StringLookup(vocabulary=VOCAB, name="fixed")
    with pytest.raises(ValueError, match='"fixed" cannot be adapted after its vocabulary'):
        fixed.adapt(["a"])
    empty = layers.StringLookup(output_mode="count", name="empty")
    with pytest.raises(ValueError, match='"empty" has no vocabulary yet'):
        empty(["a"])


# -- IntegerLookup ------------------------------------------------------------------------------

INT_VOCAB = [12, 36, 1138, 42]


@pytest.mark.parametrize("kwargs,data,expected", [
    (dict(vocabulary=INT_VOCAB), [[12, 1138, 42], [42, 1000, 36]], [[1, 3, 4], [4, 0, 2]]),
    (dict(vocabulary=INT_VOCAB, num_oov_indices=2), [[12, 1138, 42], [37, 1000, 36]],
     [[2, 4, 5], [1, 0, 3]]),
    (dict(vocabulary=INT_VOCAB, mask_token=0), [[12, 0], [5, 36]], [[2, 0], [1, 3]]),
    (dict(vocabulary=INT_VOCAB, output_mode="multi_hot"), [[12, 1138, 42, 42]],
     [[0, 1, 0, 1, 1]]),
    (dict(vocabulary=INT_VOCAB, output_mode="count"), [[42, 1000, 36, 1000]],
     [[2, 0, 1, 0, 1]]),
])
def test_integer_lookup_matches_keras_documented_outputs(kwargs, data, expected):
    np.testing.assert_allclose(_np(layers.IntegerLookup(**kwargs)(np.array(data))), expected)


def test_integer_lookup_farmhash_oov_and_invert():
    layer = layers.IntegerLookup(vocabulary=INT_VOCAB, num_oov_indices=3, oov_method="farmhash")
    out = _np(layer(np.array([7, 8, 12])))
    np.testing.assert_array_equal(out, [fingerprint64("7") % 3, fingerprint64("8") % 3, 3])
    salted = layers.IntegerLookup(vocabulary=INT_VOCAB, num_oov_indices=3,
                                  oov_method="farmhash", salt=5)
    assert int(_np(salted(np.array([7])))[0]) == siphash64((5, 5), "7") % 3
    inverse = layers.IntegerLookup(vocabulary=INT_VOCAB, invert=True)
    np.testing.assert_array_equal(_np(inverse(np.array([[1, 3, 4], [4, 0, 2]]))),
                                  [[12, 1138, 42], [42, -1, 36]])


def test_integer_lookup_adapt_and_config():
    layer = layers.IntegerLookup()
    layer.adapt(np.array([[12, 1138, 42], [42, 1000, 36]]))
    assert layer.get_vocabulary() == [-1, 42, 1138, 1000, 36, 12]
    config = layers.IntegerLookup(vocabulary=np.array(INT_VOCAB)).get_config()
    assert config["vocabulary"] == INT_VOCAB and config["vocabulary_dtype"] == "int64"
    assert layers.IntegerLookup.from_config(config).get_vocabulary() == [-1] + INT_VOCAB


@pytest.mark.parametrize("kwargs,match", [
    (dict(vocabulary_dtype="int32"), 'supports only vocabulary_dtype="int64"'),
    (dict(oov_token="x"), "oov_token to be an integer or None"),
    (dict(oov_method="mod"), 'oov_method to be "floormod" or "farmhash"'),
    (dict(salt=3), 'salt is only used with oov_method="farmhash"'),
])
def test_integer_lookup_invalid_arguments(kwargs, match):
    with pytest.raises(ValueError, match=match):
        layers.IntegerLookup(**kwargs)


def test_integer_lookup_rejects_strings():
    with pytest.raises(ValueError, match='"il" expects integer inputs'):
        layers.IntegerLookup(vocabulary=INT_VOCAB, name="il")(np.array(["a"]))


# -- TextVectorization ---------------------------------------------------------------------------

def test_text_vectorization_int_output():
    layer = layers.TextVectorization(vocabulary=["the", "cat"])
    np.testing.assert_array_equal(_np(layer(["The cat!", "a cat"])), [[2, 3], [1, 3]])
    assert layer.get_vocabulary() == ["", "[UNK]", "the", "cat"]
    assert _np(layer(["The cat!"])).dtype == np.int64


def test_text_vectorization_adapt_and_sequence_length():
    layer = layers.TextVectorization(max_tokens=10, output_sequence_length=4)
    layer.adapt(["the cat sat on the mat", "the dog ate my homework"])
    assert layer.get_vocabulary() == ["", "[UNK]", "the", "sat", "on", "my", "mat", "homework",
                                      "dog", "cat"]
    np.testing.assert_array_equal(_np(layer(np.array([["the cat ate"], ["a dog"]]))),
                                  [[2, 9, 1, 0], [1, 8, 0, 0]])
    truncated = layers.TextVectorization(vocabulary=["a"], output_sequence_length=2)
    np.testing.assert_array_equal(_np(truncated(["a a a"])), [[2, 2]])


@pytest.mark.parametrize("standardize,split,text,tokens", [
    ("lower_and_strip_punctuation", "whitespace", "Hello, World!", ["hello", "world"]),
    ("lower", "whitespace", "Hello, World!", ["hello,", "world!"]),
    ("strip_punctuation", "whitespace", "Hello, World!", ["Hello", "World"]),
    (None, "whitespace", "Hi  there", ["Hi", "there"]),
    ("lower", "character", "AbC", ["a", "b", "c"]),
    (None, None, "x y", ["x y"]),
    (lambda s: s.upper(), lambda s: s.split("-"), "a-b", ["A", "B"]),
])
def test_text_vectorization_standardize_and_split(standardize, split, text, tokens):
    layer = layers.TextVectorization(standardize=standardize, split=split)
    layer.adapt([text])
    assert sorted(layer.get_vocabulary(include_special_tokens=False)) == sorted(tokens)


def test_text_vectorization_ngrams_and_tf_idf():
    layer = layers.TextVectorization(output_mode="tf_idf", ngrams=2)
    layer.adapt(["the cat sat", "the dog"])
    vocab = layer.get_vocabulary()
    assert vocab[0] == "[UNK]" and set(vocab[1:]) == {
        "the", "cat", "sat", "dog", "the cat", "cat sat", "the dog"}
    out = _np(layer(["the cat"]))
    assert out.shape == (1, 8)
    np.testing.assert_allclose(out[0, vocab.index("the")], np.log(1 + 2 / 3), rtol=1e-6)
    np.testing.assert_allclose(out[0, vocab.index("the cat")], np.log(2), rtol=1e-6)


@pytest.mark.parametrize("mode,expected", [("multi_hot", [[1, 1, 1, 0]]),
                                           ("count", [[1, 2, 1, 0]])])
def test_text_vectorization_bag_of_words(mode, expected):
    layer = layers.TextVectorization(output_mode=mode, vocabulary=["a", "b", "c"])
    np.testing.assert_allclose(_np(layer(["a b a zz"])), expected)
    padded = layers.TextVectorization(output_mode=mode, vocabulary=["a"], max_tokens=5,
                                      pad_to_max_tokens=True)
    assert _np(padded(["a"])).shape == (1, 5)


def test_text_vectorization_config_round_trip():
    layer = layers.TextVectorization(max_tokens=20, ngrams=(1, 3), output_sequence_length=5,
                                     vocabulary=["x", "y"])
    config = layer.get_config()
    assert list(config) == [
        "name", "trainable", "dtype", "max_tokens", "standardize", "split", "ngrams",
        "output_mode", "output_sequence_length", "pad_to_max_tokens", "sparse", "ragged",
        "vocabulary", "idf_weights", "encoding", "vocabulary_size"]
    clone = layers.TextVectorization.from_config(config)
    assert clone.get_config() == config
    np.testing.assert_array_equal(_np(clone(["x z y"])), _np(layer(["x z y"])))


@pytest.mark.parametrize("kwargs,match", [
    (dict(standardize="upper"), "standardize to be one of"),
    (dict(split="comma"), "split to be one of"),
    (dict(ngrams=0), "ngrams to be None, a positive int"),
    (dict(output_mode="one_hot"), "output_mode to be one of"),
    (dict(output_mode="count", output_sequence_length=3), "output_sequence_length is only"),
    (dict(ragged=True), "ragged outputs are not supported"),
    (dict(split=None, ngrams=2), "ngrams need split"),
])
def test_text_vectorization_invalid_arguments(kwargs, match):
    with pytest.raises(ValueError, match=match):
        layers.TextVectorization(**kwargs)


def test_text_vectorization_input_errors():
    layer = layers.TextVectorization(vocabulary=["a"], name="tv")
    with pytest.raises(ValueError, match=r'"tv" expects inputs of shape \(batch,\) or'):
        layer(np.array([["a", "b"]]))
    with pytest.raises(ValueError, match='"tv" expects string inputs'):
        layer(np.array([1, 2]))


def test_lookup_adapt_ragged_documents_and_asset_round_trip(tmp_path):
    layer = layers.StringLookup(output_mode="tf_idf")
    layer.adapt([["a", "b", "a"], ["c"]])
    assert layer.get_vocabulary() == ["[UNK]", "a", "c", "b"]
    np.testing.assert_allclose(_np(layer.idf_weights), np.log(1 + 2 / 2) * np.ones(4),
                               rtol=1e-6)
    layer.save_assets(str(tmp_path))
    restored = layers.StringLookup.from_config(layer.get_config())
    restored.load_assets(str(tmp_path))
    assert restored.get_vocabulary() == layer.get_vocabulary()
    np.testing.assert_allclose(_np(restored([["a", "c"]])), _np(layer([["a", "c"]])))
