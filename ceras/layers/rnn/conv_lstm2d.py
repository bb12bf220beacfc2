"""ConvLSTM2D: a convolutional LSTM over sequences of 2-D feature maps."""
from ceras.layers.rnn.conv_lstm import ConvLSTM


class ConvLSTM2D(ConvLSTM):
    """Like LSTM, but the input and recurrent transforms are 2-D convolutions.

    Input: (batch, time, rows, cols, channels) (channels_last) or
    (batch, time, channels, ...) (channels_first).

    Args:
        filters: positive int, the number of output channels.
        kernel_size: int or tuple of 2 ints.
        strides: int or tuple of 2 ints (default 1); not combined with dilation > 1.
        padding: "valid" (default) or "same" (the recurrent convolution is always "same").
        data_format: "channels_last" (default from the config) or "channels_first".
        dilation_rate: int or tuple of 2 ints (default 1).
        activation, recurrent_activation: default "tanh", "sigmoid".
        use_bias, kernel_initializer, recurrent_initializer, bias_initializer,
        unit_forget_bias, *_regularizer, activity_regularizer, *_constraint, dropout,
        recurrent_dropout, seed: as in LSTM.
        return_sequences, return_state, go_backwards, stateful: as in RNN.

    Weights: ``kernel`` (*kernel_size, in_channels, 4*filters), ``recurrent_kernel``
    (*kernel_size, filters, 4*filters), ``bias`` (4*filters,), gates i, f, c, o.
    """

    def __init__(self, filters, kernel_size, strides=1, padding="valid", data_format=None,
                 dilation_rate=1, activation="tanh", recurrent_activation="sigmoid",
                 use_bias=True, kernel_initializer="glorot_uniform",
                 recurrent_initializer="orthogonal", bias_initializer="zeros",
                 unit_forget_bias=True, kernel_regularizer=None, recurrent_regularizer=None,
                 bias_regularizer=None, activity_regularizer=None, kernel_constraint=None,
                 recurrent_constraint=None, bias_constraint=None, dropout=0.0,
                 recurrent_dropout=0.0, seed=None, return_sequences=False, return_state=False,
                 go_backwards=False, stateful=False, **kwargs):
        super().__init__(
            rank=2, filters=filters, kernel_size=kernel_size, strides=strides, padding=padding,
            data_format=data_format, dilation_rate=dilation_rate, activation=activation,
            recurrent_activation=recurrent_activation, use_bias=use_bias,
            kernel_initializer=kernel_initializer, recurrent_initializer=recurrent_initializer,
            bias_initializer=bias_initializer, unit_forget_bias=unit_forget_bias,
            kernel_regularizer=kernel_regularizer, recurrent_regularizer=recurrent_regularizer,
            bias_regularizer=bias_regularizer, activity_regularizer=activity_regularizer,
            kernel_constraint=kernel_constraint, recurrent_constraint=recurrent_constraint,
            bias_constraint=bias_constraint, dropout=dropout,
            recurrent_dropout=recurrent_dropout, seed=seed, return_sequences=return_sequences,
            return_state=return_state, go_backwards=go_backwards, stateful=stateful, **kwargs)
