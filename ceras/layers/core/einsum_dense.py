"""EinsumDense: a dense layer whose contraction is an einsum equation."""
import re

from ceras import activations, constraints, initializers, ops, regularizers
from ceras.initializers.random_initializers import VarianceScaling
from ceras.layers.input_spec import InputSpec
from ceras.layers.layer import Layer


class EinsumDense(Layer):
    """``activation(einsum(equation, inputs, kernel) + bias)``.

    The equation reads ``"<input>,<kernel>-><output>"`` (e.g. ``"abc,cd->abd"``), optionally
    with ``...`` at the left of input and output (``"...b,bc->...c"``) or at their
    right. The kernel's shape comes from the input's sizes and ``output_shape``.

    Args:
        equation: the einsum equation.
        output_shape: the output's shape without the batch dim (an int for rank 1);
            None entries take the input's size.
        activation: optional activation.
        bias_axes: output letters that get a bias (e.g. "d"); None for no bias.
        kernel_initializer: default "glorot_uniform" (fans taken from the contracted and
            produced kernel axes, as Keras does).
        bias_initializer: default "zeros".
        kernel_regularizer, bias_regularizer, activity_regularizer, kernel_constraint,
        bias_constraint: optional.
        lora_rank, lora_alpha, gptq_unpacked_column_size, quantization_config: accepted
            for Keras compatibility; LoRA and quantization are not supported (None only).

    Example:
        >>> EinsumDense("abc,cd->abd", output_shape=(None, 64), bias_axes="d")(
        ...     np.ones((2, 5, 16))).shape
        (2, 5, 64)
    """

    def __init__(self, equation, output_shape, activation=None, bias_axes=None,
                 kernel_initializer="glorot_uniform", bias_initializer="zeros",
                 kernel_regularizer=None, bias_regularizer=None, kernel_constraint=None,
                 bias_constraint=None, lora_rank=None, lora_alpha=None,
                 gptq_unpacked_column_size=None, quantization_config=None, **kwargs):
        super().__init__(**kwargs)
        if lora_rank is not None or quantization_config is not None:
            raise ValueError(
                f'Layer "{self.name}": LoRA and quantization are not supported by ceras yet; '
                f"received lora_rank={lora_rank}, quantization_config={quantization_config}"
            )
        self.equation = equation
        self._specs = _parse_equation(equation, self.name)
        self.partial_output_shape = (output_shape,) if isinstance(output_shape, int) \
            else tuple(output_shape)
        self.bias_axes = bias_axes
        self.activation = activations.get(activation)
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.kernel_regularizer = regularizers.get(kernel_regularizer)
        self.bias_regularizer = regularizers.get(bias_regularizer)
        self.kernel_constraint = constraints.get(kernel_constraint)
        self.bias_constraint = constraints.get(bias_constraint)
        self._linear = self.activation is activations.linear

    def _shapes(self, input_shape):
        """(kernel shape, bias shape or None, full output shape, input axes, output axes)."""
        ins, weights, outs, elided_side = self._specs
        input_shape = tuple(input_shape)
        elided = len(input_shape) - len(ins)
        if elided < 0 or (elided and elided_side is None):
            raise ValueError(
                f'Layer "{self.name}" with equation {self.equation!r} expects inputs of rank '
                f"{len(ins)}, received input shape {input_shape}"
            )
        output = [input_shape[0], *self.partial_output_shape]
        if elided_side == "left":
            output[1:1] = input_shape[1:elided]
            in_pos = {c: elided + i for i, c in enumerate(ins)}
            out_pos = {c: len(output) - len(outs) + i for i, c in enumerate(outs)}
        else:
            output += input_shape[len(input_shape) - elided:] if elided else []
            in_pos = {c: i for i, c in enumerate(ins)}
            out_pos = {c: i for i, c in enumerate(outs)}
        declared = tuple(output)  # Keras reports None where output_shape says None
        for c in outs:
            if c not in ins and c not in weights:
                raise ValueError(
                    f'Layer "{self.name}": output dim {c!r} of equation {self.equation!r} is '
                    "in neither the input nor the kernel"
                )
            if c in ins:
                given, actual = output[out_pos[c]], input_shape[in_pos[c]]
                if given is not None and actual is not None and given != actual:
                    raise ValueError(
                        f'Layer "{self.name}": output_shape gives dim {c!r} size {given}, but '
                        f"the input has size {actual} there (input shape {input_shape})"
                    )
                if given is None:
                    output[out_pos[c]] = actual
        kernel, input_axes, output_axes = [], [], []
        for i, c in enumerate(weights):
            if c in out_pos:
                kernel.append(output[out_pos[c]])
                output_axes.append(i)
            elif c in in_pos:
                kernel.append(input_shape[in_pos[c]])
                input_axes.append(i)
            else:
                raise ValueError(
                    f'Layer "{self.name}": kernel dim {c!r} of equation {self.equation!r} is '
                    "in neither the input nor the output"
                )
        bias = None
        if self.bias_axes is not None:
            missing = [c for c in self.bias_axes if c not in outs]
            if missing:
                raise ValueError(
                    f'Layer "{self.name}": bias_axes {self.bias_axes!r} name dims {missing} '
                    f"that are not in the output of {self.equation!r}"
                )
            first = min(outs.index(c) for c in self.bias_axes)
            bias = [output[out_pos[c]] if c in self.bias_axes else 1 for c in outs[first:]]
            if elided_side == "right":
                bias += [1] * elided
        return kernel, bias, declared, input_axes, output_axes

    def build(self, input_shape):
        kernel_shape, bias_shape, _, input_axes, output_axes = self._shapes(input_shape)
        self.input_spec = InputSpec(ndim=len(input_shape))
        init = self.kernel_initializer
        if isinstance(init, VarianceScaling) and (init.input_axes is None or
                                                  init.output_axes is None):
            config = init.get_config()
            config.update(input_axes=input_axes, output_axes=output_axes)
            init = type(init).from_config(config)
        self.kernel = self.add_weight(
            name="kernel", shape=tuple(kernel_shape), initializer=init,
            regularizer=self.kernel_regularizer, constraint=self.kernel_constraint)
        self.bias = self.add_weight(
            name="bias", shape=tuple(bias_shape), initializer=self.bias_initializer,
            regularizer=self.bias_regularizer, constraint=self.bias_constraint,
        ) if bias_shape is not None else None

    def call(self, inputs, training=None):
        x = ops.einsum(self.equation, inputs, self.kernel.value)
        if self.bias is not None:
            x = ops.add(x, self.bias.value)
        return x if self._linear else self.activation(x)

    def compute_output_shape(self, input_shape):
        return self._shapes(input_shape)[2]

    def get_config(self):
        config = super().get_config()
        config.update({
            "output_shape": self.partial_output_shape,
            "equation": self.equation,
            "activation": activations.serialize(self.activation),
            "bias_axes": self.bias_axes,
            "kernel_initializer": initializers.serialize(self.kernel_initializer),
            "bias_initializer": initializers.serialize(self.bias_initializer),
            "kernel_regularizer": regularizers.serialize(self.kernel_regularizer),
            "bias_regularizer": regularizers.serialize(self.bias_regularizer),
            "activity_regularizer": regularizers.serialize(self.activity_regularizer),
            "kernel_constraint": constraints.serialize(self.kernel_constraint),
            "bias_constraint": constraints.serialize(self.bias_constraint),
            "quantization_config": None,
        })
        return config


def _parse_equation(equation, name):
    """(input letters, kernel letters, output letters, "left" / "right" / None ellipsis)."""
    patterns = (
        (r"([a-zA-Z]+),([a-zA-Z]+)->([a-zA-Z]+)", None),
        (r"\.\.\.([a-zA-Z]+),([a-zA-Z]+)->\.\.\.([a-zA-Z]+)", "left"),
        (r"([a-zA-Z]{2,})\.\.\.,([a-zA-Z]+)->([a-zA-Z]+)\.\.\.", "right"),
    )
    for pattern, side in patterns:
        match = re.fullmatch(pattern, equation or "")
        if match:
            return (*match.groups(), side)
    raise ValueError(
        f'Layer "{name}" expects an einsum equation of the form "X,Y->Z", "...X,Y->...Z" '
        f'or "X...,Y->Z...", received equation={equation!r}'
    )
