"""Approximate quantiles in bounded memory, for ``Discretization.adapt``.

A summary is a (2, k) float32 array: sorted sample values and the weight (how
many inputs each stands for). Each batch is thinned to about ``1 / epsilon``
evenly spaced order statistics, merged with the running summary, and
re-interpolated onto a fixed grid of cumulative-weight fractions. Keras 3 learns
its bin boundaries with the same scheme, so adapted boundaries agree.
"""
import numpy as np


def empty_summary():
    return np.zeros((2, 0), dtype="float32")


def summarize(values, epsilon):
    """Every ``n * epsilon``-th order statistic of ``values`` (the last of each
    run), weighted by the number of inputs it stands for."""
    values = np.sort(np.reshape(values, [-1]))
    spacing = max(values.size / (1.0 / epsilon), 1)
    kept = values[int(spacing - 1)::int(spacing)]
    return np.stack([kept, np.ones_like(kept) * spacing])


def compress(summary, epsilon):
    """Re-sample ``summary`` at cumulative-weight fractions epsilon, 2 epsilon, ..., 1."""
    if summary.shape[1] * epsilon < 1:
        return summary
    fractions = epsilon + np.arange(0.0, 1.0, epsilon)
    cumulative = summary[1].cumsum()
    cumulative_fraction = cumulative / cumulative[-1]
    values = np.interp(fractions, cumulative_fraction, summary[0])
    new_cumulative = np.interp(fractions, cumulative_fraction, cumulative)
    weights = np.diff(new_cumulative, prepend=0.0)
    return np.stack((values, weights)).astype("float32")


def merge(new, previous, epsilon):
    merged = np.concatenate((new, previous), axis=1)
    merged = np.take(merged, np.argsort(merged[0]), axis=1)
    return compress(merged, epsilon)


def bin_boundaries(summary, num_bins):
    """The ``num_bins - 1`` inner boundaries splitting the summary's mass evenly."""
    return compress(summary, 1.0 / num_bins)[0, :-1]
