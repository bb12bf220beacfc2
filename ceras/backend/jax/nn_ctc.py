"""jax backend: CTC (keras.ops.nn ctc_loss and ctc_decode, greedy and beam search)."""
import jax
import jax.numpy as jnp
from jax import lax

from ceras.backend.common.config import floatx
from ceras.backend.jax.core import convert_to_tensor, to_backend_dtype

# Two 31-bit polynomial hashes identify a label prefix during beam search.
_MOD = 2**31 - 1
_BASES = (1_000_003, 999_983)


def _float(x):
    x = convert_to_tensor(x)
    return x if jnp.issubdtype(x.dtype, jnp.floating) else x.astype(to_backend_dtype(floatx()))


def ctc_loss(target, output, target_length, output_length, mask_index=0):
    """CTC loss per example: ``output`` holds logits (batch, time, classes), ``target``
    label ids (batch, max_label_length); ``mask_index`` is the blank class.

    The forward (alpha) recursion in log space over the label sequence with blanks
    interleaved (blank, l1, blank, l2, ..., blank)."""
    log_probs = jax.nn.log_softmax(_float(output), axis=-1)
    target = convert_to_tensor(target).astype("int32")
    target_length = convert_to_tensor(target_length).astype("int32")
    output_length = convert_to_tensor(output_length).astype("int32")
    batch, steps, _ = log_probs.shape
    labels = target.shape[1]
    width = 2 * labels + 1
    extended = jnp.full((batch, width), mask_index, "int32").at[:, 1::2].set(target)
    ninf = jnp.asarray(-jnp.inf, log_probs.dtype)
    # A skip from s-2 to s is allowed onto a label that differs from the one before it.
    previous = jnp.concatenate([jnp.full((batch, 2), mask_index, "int32"), extended[:, :-2]], 1)
    can_skip = (extended != mask_index) & (extended != previous)
    emit = jnp.take_along_axis(log_probs, extended[:, None, :].repeat(steps, 1), axis=2)
    first = jnp.full((batch, width), ninf).at[:, :2].set(emit[:, 0, :2])

    def step(alpha, inputs):
        t, emit_t = inputs
        one = jnp.concatenate([jnp.full((batch, 1), ninf), alpha[:, :-1]], 1)
        two = jnp.concatenate([jnp.full((batch, 2), ninf), alpha[:, :-2]], 1)
        two = jnp.where(can_skip, two, ninf)
        new = jnp.logaddexp(jnp.logaddexp(alpha, one), two) + emit_t
        return jnp.where((t < output_length)[:, None], new, alpha), None

    times = jnp.arange(1, steps)
    alpha, _ = lax.scan(step, first, (times, jnp.moveaxis(emit[:, 1:], 1, 0)))
    end = 2 * target_length
    last = jnp.take_along_axis(alpha, end[:, None], 1)[:, 0]
    before = jnp.where(end > 0, jnp.take_along_axis(alpha, jnp.maximum(end - 1, 0)[:, None],
                                                    1)[:, 0], ninf)
    return -jnp.logaddexp(last, before)


def ctc_decode(inputs, sequence_lengths, strategy="greedy", beam_width=100, top_paths=1,
               merge_repeated=True, mask_index=0):
    """Decode (batch, time, classes) scores. Returns (paths of shape (top_paths, batch,
    time), padded with -1; scores of shape (batch, top_paths))."""
    inputs = _float(inputs)
    lengths = convert_to_tensor(sequence_lengths).astype("int32")
    if strategy == "greedy":
        return _greedy_decode(inputs, lengths, merge_repeated, mask_index)
    if strategy == "beam_search":
        return _beam_search_decode(inputs, lengths, int(beam_width), int(top_paths),
                                   mask_index)
    raise ValueError(
        f"`ctc_decode` strategy must be 'greedy' or 'beam_search', received {strategy!r}")


def _greedy_decode(inputs, lengths, merge_repeated, mask_index):
    scores, ids = jnp.max(inputs, -1), jnp.argmax(inputs, -1).astype("int32")
    past_end = jnp.arange(inputs.shape[1])[None, :] >= lengths[:, None]
    ids = jnp.where(past_end, mask_index, ids)
    scores = jnp.where(past_end, 0, scores)
    if merge_repeated:
        repeat = jnp.concatenate([jnp.zeros_like(past_end[:, :1]), ids[:, 1:] == ids[:, :-1]], 1)
        ids = jnp.where(repeat, mask_index, ids)
    dropped = ids == mask_index
    ids = jnp.where(dropped, -1, ids)
    # Move the kept labels to the front, in order (a stable sort on the dropped flag).
    order = jnp.argsort(dropped.astype("int8"), axis=1, stable=True)
    ids = jnp.take_along_axis(ids, order, 1).astype("int32")
    return ids[None], -jnp.sum(scores, 1, keepdims=True)


def _logsumexp_by_group(values, groups, size):
    """log(sum(exp(values))) of the entries of each row sharing a group id."""
    rows = jnp.arange(values.shape[0])[:, None]
    peak = jnp.full((values.shape[0], size), -jnp.inf, values.dtype).at[rows, groups].max(values)
    safe = jnp.where(jnp.isinf(peak), 0.0, peak)
    shifted = jnp.exp(values - jnp.take_along_axis(safe, groups, 1))
    total = jnp.zeros_like(peak).at[rows, groups].add(shifted)
    return safe + jnp.log(total)


def _beam_search_decode(inputs, lengths, beam_width, top_paths, blank):
    """Prefix beam search over log-softmax scores, batched; each step keeps the
    ``beam_width`` most likely label prefixes (blank and non-blank endings merged)."""
    batch, steps, classes = inputs.shape
    ninf = -jnp.inf
    log_probs = jax.nn.log_softmax(inputs, -1)
    k = beam_width
    prefixes = jnp.full((batch, k, steps), -1, "int32")
    plen = jnp.zeros((batch, k), "int32")
    last = jnp.full((batch, k), -1, "int32")
    hashes = jnp.zeros((2, batch, k), "int64")
    p_blank = jnp.full((batch, k), ninf, inputs.dtype).at[:, 0].set(0.0)
    p_label = jnp.full_like(p_blank, ninf)
    chars = jnp.arange(classes, dtype="int32")
    rows = jnp.arange(batch)[:, None]
    for t in range(steps):
        lp = log_probs[:, t]
        total = jnp.logaddexp(p_blank, p_label)
        # Staying on the same prefix: a blank, or a repeat of the last label.
        stay_blank = total + lp[:, blank, None]
        lp_last = jnp.where(last >= 0, jnp.take_along_axis(lp, jnp.maximum(last, 0), 1), ninf)
        stay_label = p_label + lp_last
        # Extending by label c (a repeat needs a blank in between).
        base = jnp.where(chars[None, None, :] == last[..., None], p_blank[..., None],
                         total[..., None])
        ext_label = jnp.where(chars == blank, ninf, base + lp[:, None, :])
        ext_hash = jnp.stack([(h[..., None] * b + chars + 1) % _MOD
                              for h, b in zip(hashes, _BASES)])
        cand_blank = jnp.concatenate([stay_blank, jnp.full((batch, k * classes), ninf,
                                                           inputs.dtype)], 1)
        cand_label = jnp.concatenate([stay_label, ext_label.reshape(batch, -1)], 1)
        keys = jnp.concatenate([hashes[0] * _MOD + hashes[1],
                                (ext_hash[0] * _MOD + ext_hash[1]).reshape(batch, -1)], 1)
        # Merge candidates that spell the same prefix, then keep the best k.
        order = jnp.argsort(keys, axis=1, stable=True)
        sorted_keys = jnp.take_along_axis(keys, order, 1)
        first = jnp.concatenate([jnp.ones((batch, 1), bool),
                                 sorted_keys[:, 1:] != sorted_keys[:, :-1]], 1)
        groups = jnp.cumsum(first.astype("int32"), 1) - 1
        size = keys.shape[1]
        merged_blank = _logsumexp_by_group(jnp.take_along_axis(cand_blank, order, 1), groups,
                                           size)
        merged_label = _logsumexp_by_group(jnp.take_along_axis(cand_label, order, 1), groups,
                                           size)
        positions = jnp.broadcast_to(jnp.arange(size, dtype="int32"), (batch, size))
        head = jnp.full((batch, size), size - 1, "int32").at[rows, groups].min(positions)
        _, best = lax.top_k(jnp.logaddexp(merged_blank, merged_label), k)
        chosen = jnp.take_along_axis(order, jnp.take_along_axis(head, best, 1), 1)
        parent = jnp.where(chosen < k, chosen, (chosen - k) // classes)
        char = jnp.where(chosen < k, -1, (chosen - k) % classes).astype("int32")
        new_prefixes = prefixes[rows, parent]
        new_plen = jnp.take_along_axis(plen, parent, 1)
        extended = char >= 0
        slot = jnp.minimum(new_plen, steps - 1)[..., None]
        current = jnp.take_along_axis(new_prefixes, slot, 2)[..., 0]
        new_prefixes = jnp.where(jnp.arange(steps) == slot,
                                 jnp.where(extended, char, current)[..., None], new_prefixes)
        new_hashes = jnp.stack([
            jnp.where(extended, (jnp.take_along_axis(h, parent, 1) * b + char + 1) % _MOD,
                      jnp.take_along_axis(h, parent, 1)) for h, b in zip(hashes, _BASES)])
        active = (t < lengths)[:, None]
        prefixes = jnp.where(active[..., None], new_prefixes, prefixes)
        plen = jnp.where(active, new_plen + extended.astype("int32"), plen)
        last = jnp.where(active, jnp.where(extended, char, jnp.take_along_axis(last, parent, 1)),
                         last)
        hashes = jnp.where(active[None], new_hashes, hashes)
        p_blank = jnp.where(active, jnp.take_along_axis(merged_blank, best, 1), p_blank)
        p_label = jnp.where(active, jnp.take_along_axis(merged_label, best, 1), p_label)
    scores, top = lax.top_k(jnp.logaddexp(p_blank, p_label), top_paths)
    paths = prefixes[rows, top].astype("int32")  # (batch, top_paths, steps)
    return jnp.swapaxes(paths, 0, 1), scores
