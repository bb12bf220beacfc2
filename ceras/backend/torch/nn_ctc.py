"""torch backend: CTC (keras.ops.nn ctc_loss and ctc_decode, greedy and beam search)."""
import torch
import torch.nn.functional as F
from torch._subclasses.fake_tensor import is_fake

from ceras.backend.common.config import floatx
from ceras.backend.torch.core import convert_to_tensor, to_backend_dtype

# Two 31-bit polynomial hashes identify a label prefix during beam search.
_MOD = 2**31 - 1
_BASES = (1_000_003, 999_983)


def _float(x):
    x = convert_to_tensor(x)
    return x if x.is_floating_point() else x.to(to_backend_dtype(floatx()))


def ctc_loss(target, output, target_length, output_length, mask_index=0):
    """CTC loss per example: ``output`` holds logits (batch, time, classes), ``target``
    label ids (batch, max_label_length); ``mask_index`` is the blank class."""
    log_probs = torch.log_softmax(_float(output), -1).transpose(0, 1)
    if is_fake(log_probs):  # shape inference: torch cannot trace ctc_loss symbolically
        return log_probs.new_empty((log_probs.shape[1],))
    return F.ctc_loss(log_probs, convert_to_tensor(target).long(),
                      convert_to_tensor(output_length).long(),
                      convert_to_tensor(target_length).long(), blank=mask_index,
                      reduction="none")


def ctc_decode(inputs, sequence_lengths, strategy="greedy", beam_width=100, top_paths=1,
               merge_repeated=True, mask_index=0):
    """Decode (batch, time, classes) scores. Returns (paths of shape (top_paths, batch,
    time), padded with -1; scores of shape (batch, top_paths))."""
    inputs = _float(inputs)
    lengths = convert_to_tensor(sequence_lengths).long().to(inputs.device)
    if strategy == "greedy":
        return _greedy_decode(inputs, lengths, merge_repeated, mask_index)
    if strategy == "beam_search":
        return _beam_search_decode(inputs, lengths, int(beam_width), int(top_paths),
                                   mask_index)
    raise ValueError(
        f"`ctc_decode` strategy must be 'greedy' or 'beam_search', received {strategy!r}")


def _greedy_decode(inputs, lengths, merge_repeated, mask_index):
    scores, ids = inputs.max(-1)
    steps = torch.arange(inputs.shape[1], device=inputs.device)
    past_end = steps[None, :] >= lengths[:, None]
    ids = ids.masked_fill(past_end, mask_index)
    scores = scores.masked_fill(past_end, 0)
    if merge_repeated:
        repeat = torch.zeros_like(past_end)
        repeat[:, 1:] = ids[:, 1:] == ids[:, :-1]
        ids = ids.masked_fill(repeat, mask_index)
    dropped = ids == mask_index
    ids = ids.masked_fill(dropped, -1)
    # Move the kept labels to the front, in order (a stable sort on the dropped flag).
    order = torch.sort(dropped.to(torch.int8), dim=1, stable=True).indices
    ids = ids.gather(1, order).to(torch.int32)
    return ids[None], -scores.sum(1, keepdim=True)


def _logsumexp_by_group(values, groups, size):
    """log(sum(exp(values))) of the entries of each row sharing a group id."""
    peak = torch.full((values.shape[0], size), float("-inf"), dtype=values.dtype,
                      device=values.device).scatter_reduce(1, groups, values, "amax")
    safe = torch.where(torch.isinf(peak), 0.0, peak)
    total = torch.zeros_like(peak).scatter_add(1, groups, (values - safe.gather(1, groups)).exp())
    return safe + total.log()


def _beam_search_decode(inputs, lengths, beam_width, top_paths, blank):
    """Prefix beam search over log-softmax scores, batched; each step keeps the
    ``beam_width`` most likely label prefixes (blank and non-blank endings merged)."""
    batch, steps, classes = inputs.shape
    device, ninf = inputs.device, float("-inf")
    log_probs = torch.log_softmax(inputs, -1)
    k = beam_width
    prefixes = torch.full((batch, k, steps), -1, dtype=torch.long, device=device)
    plen = torch.zeros((batch, k), dtype=torch.long, device=device)
    last = torch.full((batch, k), -1, dtype=torch.long, device=device)
    hashes = torch.zeros((2, batch, k), dtype=torch.long, device=device)
    p_blank = torch.full((batch, k), ninf, dtype=inputs.dtype, device=device)
    p_blank[:, 0] = 0.0
    p_label = torch.full_like(p_blank, ninf)
    chars = torch.arange(classes, device=device)
    rows = torch.arange(batch, device=device)[:, None]
    for t in range(steps):
        lp = log_probs[:, t]
        total = torch.logaddexp(p_blank, p_label)
        # Staying on the same prefix: a blank, or a repeat of the last label.
        stay_blank = total + lp[:, blank, None]
        lp_last = torch.where(last >= 0, lp.gather(1, last.clamp(min=0)), ninf)
        stay_label = p_label + lp_last
        # Extending by label c (a repeat needs a blank in between).
        base = torch.where(chars[None, None, :] == last[..., None], p_blank[..., None],
                           total[..., None])
        ext_label = (base + lp[:, None, :]).masked_fill(chars == blank, ninf)
        ext_hash = torch.stack([(h[..., None] * b + chars + 1) % _MOD
                                for h, b in zip(hashes, _BASES)])
        cand_blank = torch.cat([stay_blank, torch.full_like(ext_label, ninf).flatten(1)], 1)
        cand_label = torch.cat([stay_label, ext_label.flatten(1)], 1)
        keys = torch.cat([hashes[0] * _MOD + hashes[1],
                          (ext_hash[0] * _MOD + ext_hash[1]).flatten(1)], 1)
        # Merge candidates that spell the same prefix, then keep the best k.
        sorted_keys, order = keys.sort(1)
        first = torch.ones_like(sorted_keys, dtype=torch.bool)
        first[:, 1:] = sorted_keys[:, 1:] != sorted_keys[:, :-1]
        groups = first.long().cumsum(1) - 1
        size = keys.shape[1]
        merged_blank = _logsumexp_by_group(cand_blank.gather(1, order), groups, size)
        merged_label = _logsumexp_by_group(cand_label.gather(1, order), groups, size)
        positions = torch.arange(size, device=device).expand(batch, size)
        head = torch.full((batch, size), size - 1, device=device).scatter_reduce(
            1, groups, positions, "amin")
        best = torch.logaddexp(merged_blank, merged_label).topk(k, 1).indices
        chosen = order.gather(1, head.gather(1, best))  # candidate index
        parent = torch.where(chosen < k, chosen, (chosen - k) // classes)
        char = torch.where(chosen < k, -1, (chosen - k) % classes)
        new_prefixes = prefixes[rows, parent]
        new_plen = plen.gather(1, parent)
        extended = char >= 0
        slot = new_plen.clamp(max=steps - 1)[..., None]
        new_prefixes.scatter_(2, slot, torch.where(extended, char,
                                                   new_prefixes.gather(2, slot)[..., 0])[..., None])
        new_hashes = torch.stack([
            torch.where(extended, (h.gather(1, parent) * b + char + 1) % _MOD, h.gather(1, parent))
            for h, b in zip(hashes, _BASES)])
        state = (new_prefixes, new_plen + extended.long(),
                 torch.where(extended, char, last.gather(1, parent)), new_hashes,
                 merged_blank.gather(1, best), merged_label.gather(1, best))
        active = (t < lengths)[:, None]
        prefixes = torch.where(active[..., None], state[0], prefixes)
        plen, last = torch.where(active, state[1], plen), torch.where(active, state[2], last)
        hashes = torch.where(active[None], state[3], hashes)
        p_blank = torch.where(active, state[4], p_blank)
        p_label = torch.where(active, state[5], p_label)
    scores, top = torch.logaddexp(p_blank, p_label).topk(top_paths, 1)
    paths = prefixes[rows, top].to(torch.int32)  # (batch, top_paths, steps)
    return paths.transpose(0, 1), scores
