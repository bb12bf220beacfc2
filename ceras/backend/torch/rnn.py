"""Recurrent loops on torch: the generic step loop, and torch's fused LSTM / GRU.

``rnn`` runs any step function over the time axis (the loop behind every RNN
layer). ``lstm`` and ``gru`` run Keras-layout weights through torch's fused
kernels (``torch._VF.lstm`` / ``gru``: one C++ / cuDNN call for the whole
sequence); they raise ``NotImplementedError`` when a mask rules the fused
kernel out, and the caller falls back to ``rnn``.

Masks follow Keras: a masked step keeps the previous states and outputs the
previous output (zeros with ``zero_output_for_mask``).
"""
import torch
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

from ceras.backend.common import tree
from ceras.backend.torch.core import convert_to_tensor


def rnn(step_function, inputs, initial_states, go_backwards=False, mask=None,
        constants=None, unroll=False, input_length=None, time_major=False,
        zero_output_for_mask=False, return_all_outputs=True):
    """Iterate ``step_function(input_t, states) -> (output_t, new_states)`` over time.

    Returns ``(last_output, outputs, new_states)``; ``outputs`` is (batch, time, ...)
    (time-major when ``time_major``), holding only the last step unless
    ``return_all_outputs``. ``unroll`` changes nothing on torch (the loop is eager).
    """
    flat_inputs = [convert_to_tensor(x) for x in tree.flatten(inputs)]
    if not time_major:
        flat_inputs = [x.transpose(0, 1) for x in flat_inputs]
    steps = flat_inputs[0].shape[0]
    if go_backwards:
        flat_inputs = [torch.flip(x, (0,)) for x in flat_inputs]
    per_step = [torch.unbind(x) for x in flat_inputs]
    nested = len(flat_inputs) > 1 or isinstance(inputs, (list, tuple, dict))
    if mask is not None:
        mask = convert_to_tensor(mask)
        mask = mask if mask.dtype == torch.bool else mask.bool()
        if mask.ndim > 2:
            mask = mask.reshape(mask.shape[:2])
        if not time_major:
            mask = mask.transpose(0, 1)
        if go_backwards:
            mask = torch.flip(mask, (0,))
    constants = tuple(constants or ())
    states = tuple(initial_states)
    outputs = []
    prev_output = None
    for t in range(steps):
        x_t = tree.pack_sequence_as(inputs, [s[t] for s in per_step]) if nested \
            else per_step[0][t]
        output, new_states = step_function(x_t, states + constants)
        if mask is not None:
            m = mask[t]
            if prev_output is None or zero_output_for_mask:
                prev_output = torch.zeros_like(output)
            output = torch.where(_expand(m, output), output, prev_output)
            flat_new = [torch.where(_expand(m, n), n, o) for n, o in
                        zip(tree.flatten(new_states), tree.flatten(states))]
            new_states = tree.pack_sequence_as(new_states, flat_new)
            prev_output = output
        states = tuple(new_states) if isinstance(new_states, (list, tuple)) else (new_states,)
        if return_all_outputs or not outputs:
            outputs.append(output)
        else:
            outputs[0] = output
    stacked = torch.stack(outputs)
    last_output = outputs[-1]
    if not time_major:
        stacked = stacked.transpose(0, 1)
    return last_output, stacked, list(states)


def _expand(mask_t, x):
    return mask_t.reshape(mask_t.shape + (1,) * (x.ndim - mask_t.ndim))


# -- fused kernels ------------------------------------------------------------

def lstm(inputs, initial_state_h, initial_state_c, mask, kernel, recurrent_kernel, bias,
         return_sequences=False, go_backwards=False, zero_output_for_mask=False):
    """A Keras LSTM (tanh / sigmoid, gates i, f, c, o) through torch's fused kernel.

    ``kernel`` is (input_dim, 4*units), ``recurrent_kernel`` (units, 4*units), ``bias``
    (4*units,) or None. Returns ``(last_output, outputs, [h, c])``.
    """
    params = _lstm_params(kernel, recurrent_kernel, bias)
    dtype = params[0].dtype
    hx = (_as(initial_state_h, dtype), _as(initial_state_c, dtype))
    return _run_fused(torch._VF.lstm, _as(inputs, dtype), hx, params, mask,
                      return_sequences, go_backwards, zero_output_for_mask)


def gru(inputs, initial_state, mask, kernel, recurrent_kernel, bias, return_sequences=False,
        go_backwards=False, zero_output_for_mask=False):
    """A Keras GRU with ``reset_after=True`` (tanh / sigmoid) through torch's fused kernel.
    Returns ``(last_output, outputs, [h])``."""
    params = _gru_params(kernel, recurrent_kernel, bias)
    dtype = params[0].dtype
    return _run_fused(torch._VF.gru, _as(inputs, dtype), _as(initial_state, dtype), params,
                      mask, return_sequences, go_backwards, zero_output_for_mask)


def bidirectional_lstm(inputs, forward_states, backward_states, forward_weights,
                       backward_weights, return_sequences=False):
    """Both directions of a Bidirectional LSTM on the fused kernel (no mask).

    ``*_weights`` are (kernel, recurrent_kernel, bias) in Keras layout. Returns
    ``(y, y_reversed, forward_states, backward_states)`` where ``y_reversed`` is already
    in input time order (with ``return_sequences``) or the backward direction's last
    output, as Keras's Bidirectional merges them.
    """
    params = [_lstm_params(*w) for w in (forward_weights, backward_weights)]
    dtype = params[0][0].dtype
    states = [tuple(_as(s, dtype) for s in group) for group in (forward_states, backward_states)]
    return _bidirectional(torch._VF.lstm, _as(inputs, dtype), states, params, return_sequences)


def bidirectional_gru(inputs, forward_state, backward_state, forward_weights, backward_weights,
                      return_sequences=False):
    """Both directions of a Bidirectional GRU (reset_after=True) on the fused kernel; see
    ``bidirectional_lstm``."""
    params = [_gru_params(*w) for w in (forward_weights, backward_weights)]
    dtype = params[0][0].dtype
    states = [(_as(forward_state, dtype),), (_as(backward_state, dtype),)]
    return _bidirectional(torch._VF.gru, _as(inputs, dtype), states, params, return_sequences)


# Devices where one bidirectional kernel call beats two one-direction calls.
_ONE_CALL_BIDIRECTIONAL = ("cuda",)


def _bidirectional(kernel_fn, x, states, params, return_sequences):
    train = torch.is_grad_enabled()
    is_lstm = kernel_fn is torch._VF.lstm
    if x.device.type in _ONE_CALL_BIDIRECTIONAL:
        # cuDNN runs both directions in one call.
        hx = tuple(torch.stack(pair) for pair in zip(*states))
        out = kernel_fn(x, hx if is_lstm else hx[0], params[0] + params[1], True, 1, 0.0,
                        train, True, True)
        outputs, units = out[0], out[1].shape[-1]
        y, y_rev = outputs[..., :units], outputs[..., units:]
        fwd_states, bwd_states = [s[0] for s in out[1:]], [s[1] for s in out[1:]]
    else:
        # On CPU two one-direction calls beat oneDNN's bidirectional kernel (~15%).
        results = []
        for direction, seq in enumerate((x, torch.flip(x, (1,)))):
            hx = tuple(s.unsqueeze(0) for s in states[direction])
            results.append(kernel_fn(seq, hx if is_lstm else hx[0], params[direction], True,
                                     1, 0.0, train, False, True))
        y, y_rev = results[0][0], torch.flip(results[1][0], (1,))
        fwd_states, bwd_states = ([s[0] for s in out[1:]] for out in results)
    if not return_sequences:
        # The backward direction ends at input step 0.
        y, y_rev = y[:, -1], y_rev[:, 0]
    return y, y_rev, fwd_states, bwd_states


def _as(x, dtype):
    return convert_to_tensor(x).to(dtype)


def _lstm_params(kernel, recurrent_kernel, bias):
    # Torch orders the gates as Keras does (i, f, c, o), transposed; Keras has one bias,
    # torch two (the second is zeros here).
    kernel, recurrent_kernel = convert_to_tensor(kernel), convert_to_tensor(recurrent_kernel)
    size = 4 * recurrent_kernel.shape[0]
    return [kernel.t(), recurrent_kernel.t(), _bias(bias, size, kernel), _bias(None, size, kernel)]


def _gru_params(kernel, recurrent_kernel, bias):
    # Keras orders the gates z, r, h and keeps both biases in one (2, 3*units) weight;
    # torch orders them r, z, n: the blocks are swapped once per call. The update
    # h = z*h_prev + (1-z)*candidate is the same in both.
    kernel, recurrent_kernel = convert_to_tensor(kernel), convert_to_tensor(recurrent_kernel)
    units = recurrent_kernel.shape[0]
    w_ih, w_hh = (_zr_to_rz(w, units, dim=1).t() for w in (kernel, recurrent_kernel))
    if bias is None:
        return [w_ih, w_hh, _bias(None, 3 * units, kernel), _bias(None, 3 * units, kernel)]
    bias = convert_to_tensor(bias)
    return [w_ih, w_hh] + [_bias(_zr_to_rz(b, units, 0), 3 * units, kernel) for b in bias]


def _zr_to_rz(w, units, dim):
    z, r, h = torch.split(w, units, dim=dim)
    return torch.cat([r, z, h], dim=dim)


def _bias(b, size, like):
    if b is None:
        return torch.zeros(size, dtype=like.dtype, device=like.device)
    return convert_to_tensor(b).to(like.dtype)


def _run_fused(kernel_fn, inputs, hx, params, mask, return_sequences, go_backwards,
               zero_output_for_mask):
    is_lstm = isinstance(hx, tuple)
    hx = tuple(h.unsqueeze(0) for h in hx) if is_lstm else hx.unsqueeze(0)
    lengths = _right_padded_lengths(mask, inputs.shape[1]) if mask is not None else None
    train = torch.is_grad_enabled()
    if lengths is None:
        x = torch.flip(inputs, (1,)) if go_backwards else inputs
        out = kernel_fn(x, hx, params, True, 1, 0.0, train, False, True)
        outputs, states = out[0], [s.squeeze(0) for s in out[1:]]
    else:
        outputs, states = _run_packed(kernel_fn, inputs, hx, params, lengths, go_backwards,
                                      zero_output_for_mask, train, is_lstm)
    last = outputs[:, -1]
    if not return_sequences:
        outputs = last.unsqueeze(1)
    return last, outputs, states


def _right_padded_lengths(mask, steps):
    """Per-sequence lengths when ``mask`` is right padding with no empty sequence, None
    when nothing is masked; raises NotImplementedError for any other mask (the
    fused kernel cannot skip steps in the middle or at the start)."""
    mask = convert_to_tensor(mask)
    mask = mask if mask.dtype == torch.bool else mask.bool()
    if mask.ndim > 2:
        mask = mask.reshape(mask.shape[:2])
    lengths = mask.sum(dim=1)
    shortest = int(lengths.min()) if lengths.numel() else steps
    if shortest == steps:
        return None
    expected = torch.arange(steps, device=mask.device) < lengths.unsqueeze(1)
    if shortest == 0 or not torch.equal(mask, expected):
        raise NotImplementedError("mask is not right padding")
    return lengths


def _run_packed(kernel_fn, inputs, hx, params, lengths, go_backwards, zero_output_for_mask,
                train, is_lstm):
    batch, steps = inputs.shape[:2]
    time = torch.arange(steps, device=inputs.device).unsqueeze(0)
    lengths_col = lengths.unsqueeze(1)
    x = inputs
    if go_backwards:
        # Keras reverses the padded sequence: padding first (state held, output 0),
        # then the valid steps last to first.
        rev = torch.where(time < lengths_col, lengths_col - 1 - time, time)
        x = torch.gather(inputs, 1, _index_like(rev, inputs))
    packed = pack_padded_sequence(x, lengths.cpu(), batch_first=True, enforce_sorted=False)
    order, unorder = packed.sorted_indices, packed.unsorted_indices
    hx = tuple(h.index_select(1, order) for h in hx) if is_lstm else hx.index_select(1, order)
    out = kernel_fn(packed.data, packed.batch_sizes, hx, params, True, 1, 0.0, train, False)
    states = [s.index_select(1, unorder).squeeze(0) for s in out[1:]]
    padded, _ = pad_packed_sequence(
        type(packed)(out[0], packed.batch_sizes, order, unorder), batch_first=True,
        total_length=steps)
    if go_backwards:
        shift = time - (steps - lengths_col)
        gathered = torch.gather(padded, 1, _index_like(shift.clamp(min=0), padded))
        outputs = torch.where((shift >= 0).unsqueeze(-1), gathered, 0.0)
    elif zero_output_for_mask:
        outputs = padded
    else:
        # A masked step repeats the last valid output.
        held = torch.minimum(time, lengths_col - 1)
        outputs = torch.gather(padded, 1, _index_like(held, padded))
    return outputs, states


def _index_like(index, x):
    return index.unsqueeze(-1).expand(-1, -1, x.shape[-1])
