"""Shared processing of the word-index sequence datasets (IMDB, Reuters)."""
import numpy as np


def prepare(xs, labels, num_words, skip_top, maxlen, start_char, oov_char, index_from):
    if start_char is not None:
        xs = [[start_char] + [w + index_from for w in x] for x in xs]
    elif index_from:
        xs = [[w + index_from for w in x] for x in xs]
    if maxlen:
        kept = [(x, y) for x, y in zip(xs, labels) if len(x) < maxlen]
        if not kept:
            raise ValueError(f"After filtering for sequences shorter than maxlen={maxlen}, "
                             "no sequence was kept; increase maxlen")
        xs, labels = [k[0] for k in kept], np.array([k[1] for k in kept])
    if not num_words:
        num_words = max(max(x) for x in xs if x)
    if oov_char is not None:
        xs = [[w if skip_top <= w < num_words else oov_char for w in x] for x in xs]
    else:
        xs = [[w for w in x if skip_top <= w < num_words] for x in xs]
    out = np.empty(len(xs), dtype=object)
    out[:] = [list(x) for x in xs]
    return out, np.asarray(labels)
