"""Recurrent loops on JAX: the generic step loop, and LSTM / GRU with their input
projections hoisted out of the loop.

``rnn`` runs any step function over the time axis (the loop behind every RNN layer):
a ``lax.scan`` while JAX traces (one compiled loop), a Python loop on concrete
values. ``lstm`` and ``gru`` take Keras-layout weights, project the whole input
sequence with one matmul, then loop over the recurrent part only.

Masks follow Keras: a masked step keeps the previous states and outputs the
previous output (zeros with ``zero_output_for_mask``).
"""
import jax
import jax.numpy as jnp
from jax import lax

from ceras.backend.common import tree
from ceras.backend.jax.core import convert_to_tensor, tracing


def _expand(mask_t, x):
    return mask_t.reshape(mask_t.shape + (1,) * (x.ndim - mask_t.ndim))


def rnn(step_function, inputs, initial_states, go_backwards=False, mask=None,
        constants=None, unroll=False, input_length=None, time_major=False,
        zero_output_for_mask=False, return_all_outputs=True):
    """Iterate ``step_function(input_t, states) -> (output_t, new_states)`` over time.

    Returns ``(last_output, outputs, new_states)``; ``outputs`` is (batch, time, ...)
    (time-major when ``time_major``), holding only the last step unless
    ``return_all_outputs``.
    """
    return _loop(step_function, inputs, initial_states, go_backwards, mask, constants, unroll,
                 time_major, zero_output_for_mask, return_all_outputs)


def _loop(step_function, inputs, initial_states, go_backwards=False, mask=None,
          constants=None, unroll=False, time_major=False, zero_output_for_mask=False,
          return_all_outputs=True):
    """``rnn``'s loop (also run by ``lstm`` and ``gru``)."""
    flat_inputs = [convert_to_tensor(x) for x in tree.flatten(inputs)]
    if not time_major:
        flat_inputs = [jnp.swapaxes(x, 0, 1) for x in flat_inputs]
    if go_backwards:
        flat_inputs = [jnp.flip(x, 0) for x in flat_inputs]
    steps = flat_inputs[0].shape[0]
    nested = len(flat_inputs) > 1 or isinstance(inputs, (list, tuple, dict))
    if mask is not None:
        mask = convert_to_tensor(mask).astype(bool)
        if mask.ndim > 2:
            mask = mask.reshape(mask.shape[:2])
        if not time_major:
            mask = jnp.swapaxes(mask, 0, 1)
        if go_backwards:
            mask = jnp.flip(mask, 0)
    constants = tuple(constants or ())

    def one_step(x_t, m_t, states, prev_output):
        x_t = tree.pack_sequence_as(inputs, x_t) if nested else x_t[0]
        output, new_states = step_function(x_t, tuple(states) + constants)
        new_states = list(new_states) if isinstance(new_states, (list, tuple)) else [new_states]
        if m_t is not None:
            if zero_output_for_mask:
                prev_output = jnp.zeros_like(output)
            output = jnp.where(_expand(m_t, output), output, prev_output)
            flat_new = [jnp.where(_expand(m_t, n), n, o) for n, o in
                        zip(tree.flatten(new_states), tree.flatten(list(states)))]
            new_states = tree.pack_sequence_as(new_states, flat_new)
        return output, new_states

    states = list(initial_states)
    first_mask = None if mask is None else mask[0]
    # The first step runs alone: it fixes the output's shape (the masked steps' fill).
    output, states = one_step([x[0] for x in flat_inputs], first_mask, states, 0.0)
    if steps == 1:
        outputs = output[None]
    elif unroll or not tracing():
        outs = [output]
        for t in range(1, steps):
            output, states = one_step([x[t] for x in flat_inputs],
                                      None if mask is None else mask[t], states, output)
            if return_all_outputs:
                outs.append(output)
        outputs = jnp.stack(outs) if return_all_outputs else output[None]
    else:
        def body(carry, xs):
            states_, prev = carry
            x_t, m_t = xs
            out, new_states = one_step(x_t, m_t, states_, prev)
            return (new_states, out), (out if return_all_outputs else None)

        first = output
        rest = ([x[1:] for x in flat_inputs], None if mask is None else mask[1:])
        (states, output), ys = lax.scan(body, (states, output), rest)
        outputs = jnp.concatenate([first[None], ys]) if return_all_outputs else output[None]
    if not time_major:
        outputs = jnp.swapaxes(outputs, 0, 1)
    return output, outputs, list(states)


# -- LSTM and GRU ---------------------------------------------------------------

def _projected(inputs, kernel, bias):
    inputs, kernel = convert_to_tensor(inputs), convert_to_tensor(kernel)
    x = jnp.matmul(inputs.astype(kernel.dtype), kernel)
    return x if bias is None else x + convert_to_tensor(bias).astype(kernel.dtype)


def lstm(inputs, initial_state_h, initial_state_c, mask, kernel, recurrent_kernel, bias,
         return_sequences=False, go_backwards=False, zero_output_for_mask=False):
    """A Keras LSTM (tanh / sigmoid, gates i, f, c, o). ``kernel`` is (input_dim,
    4*units), ``recurrent_kernel`` (units, 4*units), ``bias`` (4*units,) or None.
    Returns ``(last_output, outputs, [h, c])``."""
    recurrent_kernel = convert_to_tensor(recurrent_kernel)
    projected = _projected(inputs, kernel, bias)

    def step(x_t, states):
        h, c = states
        z = x_t + jnp.matmul(h, recurrent_kernel)
        i, f, g, o = jnp.split(z, 4, axis=-1)
        c = jax.nn.sigmoid(f) * c + jax.nn.sigmoid(i) * jnp.tanh(g)
        h = jax.nn.sigmoid(o) * jnp.tanh(c)
        return h, [h, c]

    dtype = projected.dtype
    states = [convert_to_tensor(initial_state_h).astype(dtype),
              convert_to_tensor(initial_state_c).astype(dtype)]
    return _loop(step, projected, states, go_backwards=go_backwards, mask=mask,
                 zero_output_for_mask=zero_output_for_mask,
                 return_all_outputs=return_sequences)


def gru(inputs, initial_state, mask, kernel, recurrent_kernel, bias, return_sequences=False,
        go_backwards=False, zero_output_for_mask=False):
    """A Keras GRU with ``reset_after=True`` (tanh / sigmoid, gates z, r, h); ``bias`` is
    (2, 3*units) (input and recurrent biases) or None. Returns ``(last_output, outputs,
    [h])``."""
    recurrent_kernel = convert_to_tensor(recurrent_kernel)
    bias = None if bias is None else convert_to_tensor(bias)
    projected = _projected(inputs, kernel, None if bias is None else bias[0])
    recurrent_bias = None if bias is None else bias[1]

    def step(x_t, states):
        h = states[0]
        inner = jnp.matmul(h, recurrent_kernel)
        if recurrent_bias is not None:
            inner = inner + recurrent_bias
        x_z, x_r, x_h = jnp.split(x_t, 3, axis=-1)
        r_z, r_r, r_h = jnp.split(inner, 3, axis=-1)
        z = jax.nn.sigmoid(x_z + r_z)
        r = jax.nn.sigmoid(x_r + r_r)
        candidate = jnp.tanh(x_h + r * r_h)
        h = z * h + (1 - z) * candidate
        return h, [h]

    state = convert_to_tensor(initial_state).astype(projected.dtype)
    return _loop(step, projected, [state], go_backwards=go_backwards, mask=mask,
                 zero_output_for_mask=zero_output_for_mask,
                 return_all_outputs=return_sequences)


# Kept for parity with the torch backend, where it names the devices on which one
# bidirectional kernel call beats two; JAX always runs the two directions as two loops.
_ONE_CALL_BIDIRECTIONAL = ()


def bidirectional_lstm(inputs, forward_states, backward_states, forward_weights,
                       backward_weights, return_sequences=False):
    """Both directions of a Bidirectional LSTM (no mask). ``*_weights`` are (kernel,
    recurrent_kernel, bias) in Keras layout. Returns ``(y, y_reversed, forward_states,
    backward_states)``, ``y_reversed`` in input time order (with ``return_sequences``)
    or the backward direction's last output."""
    last, y, fwd_states = lstm(inputs, *forward_states, None, *forward_weights,
                               return_sequences=return_sequences)
    last_rev, y_rev, bwd_states = lstm(inputs, *backward_states, None, *backward_weights,
                                       return_sequences=return_sequences, go_backwards=True)
    return _directions(last, y, last_rev, y_rev, return_sequences) + (fwd_states, bwd_states)


def bidirectional_gru(inputs, forward_state, backward_state, forward_weights, backward_weights,
                      return_sequences=False):
    """Both directions of a Bidirectional GRU (reset_after=True); see
    ``bidirectional_lstm``."""
    last, y, fwd_states = gru(inputs, forward_state, None, *forward_weights,
                              return_sequences=return_sequences)
    last_rev, y_rev, bwd_states = gru(inputs, backward_state, None, *backward_weights,
                                      return_sequences=return_sequences, go_backwards=True)
    return _directions(last, y, last_rev, y_rev, return_sequences) + (fwd_states, bwd_states)


def _directions(last, y, last_rev, y_rev, return_sequences):
    if return_sequences:
        return y, jnp.flip(y_rev, 1)
    return last, last_rev
