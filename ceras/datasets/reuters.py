"""Reuters newswires: 46 topics, sequences of word indices."""
import json

import numpy as np

from ceras.datasets._download import fetch, load_npz
from ceras.datasets._sequences import prepare

_LABELS = ("cocoa", "grain", "veg-oil", "earn", "acq", "wheat", "copper", "housing",
           "money-supply", "coffee", "sugar", "trade", "reserves", "ship", "cotton",
           "carcass", "crude", "nat-gas", "cpi", "money-fx", "interest", "gnp", "meal-feed",
           "alum", "oilseed", "gold", "tin", "strategic-metal", "livestock", "retail", "ipi",
           "iron-steel", "rubber", "heat", "jobs", "lei", "bop", "zinc", "orange", "pet-chem",
           "dlr", "gas", "silver", "wpi", "hog", "lead")


def load_data(path="reuters.npz", num_words=None, skip_top=0, maxlen=None, test_split=0.2,
              seed=113, start_char=1, oov_char=2, index_from=3):
    """Returns ``(x_train, y_train), (x_test, y_test)``."""
    data = load_npz(fetch(path), allow_object=True)
    xs, labels = list(data["x"]), np.asarray(data["y"])
    order = np.random.RandomState(seed).permutation(len(xs))
    xs, labels = [xs[i] for i in order], labels[order]
    xs, labels = prepare(xs, labels, num_words, skip_top, maxlen, start_char, oov_char,
                         index_from)
    cut = int(len(xs) * (1 - test_split))
    return (xs[:cut], labels[:cut]), (xs[cut:], labels[cut:])


def get_word_index(path="reuters_word_index.json"):
    with open(fetch(path)) as f:
        return json.load(f)


def get_label_names():
    return _LABELS
