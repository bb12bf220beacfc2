"""Shared machinery of the recurrent cells: argument checks and dropout masks.

A cell with ``dropout`` / ``recurrent_dropout`` draws its masks once per RNN call
and reuses them at every step (Keras's variational dropout): the RNN layer
draws them before the loop and clears them after.
"""
from ceras import backend, ops
from ceras.random.seed_generator import SeedGenerator


def check_rate(layer, name, value):
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        raise ValueError(
            f'Layer "{layer.name}" expects {name} to be a float in [0, 1], received '
            f"{name}={value!r}"
        )
    # Keras clips the rates into [0, 1] rather than rejecting them.
    return min(1.0, max(0.0, float(value)))


class DropoutRNNCell:
    """Mixin for cells with ``dropout``, ``recurrent_dropout`` and ``seed_generator``.

    ``dropout_mask_count`` (when set) asks for one mask per gate instead of one.
    """

    _dropout_mask = None
    _recurrent_dropout_mask = None
    dropout_mask_count = None

    def _init_dropout(self, dropout, recurrent_dropout, seed):
        self.dropout = check_rate(self, "dropout", dropout)
        self.recurrent_dropout = check_rate(self, "recurrent_dropout", recurrent_dropout)
        self.seed = seed
        self.seed_generator = SeedGenerator(seed)

    def _create_dropout_mask(self, step_input, rate):
        ones = ops.ones_like(step_input)
        if self.dropout_mask_count is None:
            return backend.random.dropout(ones, rate, seed=self.seed_generator)
        return [backend.random.dropout(ones, rate, seed=self.seed_generator)
                for _ in range(self.dropout_mask_count)]

    def get_dropout_mask(self, step_input):
        if self._dropout_mask is None and self.dropout > 0:
            self._dropout_mask = self._create_dropout_mask(step_input, self.dropout)
        return self._dropout_mask

    def get_recurrent_dropout_mask(self, step_input):
        if self._recurrent_dropout_mask is None and self.recurrent_dropout > 0:
            self._recurrent_dropout_mask = self._create_dropout_mask(
                step_input, self.recurrent_dropout)
        return self._recurrent_dropout_mask

    def reset_dropout_mask(self):
        self._dropout_mask = None

    def reset_recurrent_dropout_mask(self):
        self._recurrent_dropout_mask = None
