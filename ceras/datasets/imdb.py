"""IMDB movie reviews: sentiment-labelled sequences of word indices."""
import json

import numpy as np

from ceras.datasets._download import fetch, load_npz
from ceras.datasets._sequences import prepare


def load_data(path="imdb.npz", num_words=None, skip_top=0, maxlen=None, seed=113,
              start_char=1, oov_char=2, index_from=3, **kwargs):
    """Returns ``(x_train, y_train), (x_test, y_test)``; x are object arrays of lists."""
    data = load_npz(fetch(path), allow_object=True)
    rng = np.random.RandomState(seed)
    parts = []
    for split in ("train", "test"):
        x, y = list(data[f"x_{split}"]), np.asarray(data[f"y_{split}"])
        order = rng.permutation(len(x))
        parts.append(([x[i] for i in order], y[order]))
    xs = parts[0][0] + parts[1][0]
    ys = np.concatenate([parts[0][1], parts[1][1]])
    xs, ys = prepare(xs, ys, num_words, skip_top, maxlen, start_char, oov_char, index_from)
    cut = len(parts[0][0]) if not maxlen else int(len(xs) * len(parts[0][0]) /
                                                  (len(parts[0][0]) + len(parts[1][0])))
    return (xs[:cut], ys[:cut]), (xs[cut:], ys[cut:])


def get_word_index(path="imdb_word_index.json"):
    """The dict mapping words to their index."""
    with open(fetch(path)) as f:
        return json.load(f)
