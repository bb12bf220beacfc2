"""Lambda: wrap an arbitrary function of tensors as a layer."""
import inspect

from ceras.layers.layer import Layer


class Lambda(Layer):
    """Calls ``function(inputs, **arguments)``.

    Args:
        function: the function (ops-based, so it also runs on symbolic tensors).
        output_shape: optional output shape (or a function of the input shape)
            for when the shape cannot be inferred by tracing.
        mask: optional mask, or function ``(inputs, mask) -> mask``.
        arguments: extra keyword arguments for ``function``.

    Saving a Lambda stores the function's bytecode; loading it needs
    ``safe_mode=False`` because that runs code from the file.
    """

    def __init__(self, function, output_shape=None, mask=None, arguments=None, **kwargs):
        super().__init__(**kwargs)
        if not callable(function):
            raise TypeError(
                f'Layer "{self.name}": `function` must be callable, received {function!r}'
            )
        self.function = function
        self.arguments = dict(arguments or {})
        self._output_shape = output_shape
        self.mask = mask
        self.supports_masking = mask is not None
        self._fn_has_training = "training" in inspect.signature(function).parameters \
            if _has_signature(function) else False
        self._fn_has_mask = "mask" in inspect.signature(function).parameters \
            if _has_signature(function) else False
        self.built = True

    def call(self, inputs, mask=None, training=None):
        kwargs = dict(self.arguments)
        if self._fn_has_mask:
            kwargs["mask"] = mask
        if self._fn_has_training:
            kwargs["training"] = training
        return self.function(inputs, **kwargs)

    def compute_mask(self, inputs, mask=None):
        if callable(self.mask):
            return self.mask(inputs, mask)
        return self.mask

    def compute_output_spec(self, *args, **kwargs):
        if self._output_shape is not None:
            from ceras.backend import KerasTensor  # noqa: PLC0415

            x = args[0]
            shape = self._output_shape(x.shape) if callable(self._output_shape) else (
                (x.shape[0],) + tuple(self._output_shape))
            return KerasTensor(shape, dtype=x.dtype)
        return super().compute_output_spec(*args, **kwargs)

    def get_config(self):
        from ceras.saving import serialization_lib  # noqa: PLC0415 - saving calls back down

        config = super().get_config()
        config.update(serialization_lib.serialize_lambda_parts(self))
        return config

    @classmethod
    def from_config(cls, config, custom_objects=None, safe_mode=None):
        from ceras.saving import serialization_lib  # noqa: PLC0415

        return serialization_lib.deserialize_lambda(cls, config, custom_objects, safe_mode)


def _has_signature(fn):
    try:
        inspect.signature(fn)
        return True
    except (TypeError, ValueError):
        return False
