"""InputLayer and Input: the entry points of a Functional model."""
from ceras import backend
from ceras.backend import KerasTensor
from ceras.layers.layer import Layer
from ceras.ops.node import Node


class InputLayer(Layer):
    """The layer behind ``Input``: owns the symbolic tensor a model starts from.

    Args:
        shape: shape without the batch axis, e.g. ``(28, 28, 1)``.
        batch_size: optional fixed batch size.
        dtype: input dtype (default floatx).
        batch_shape: full shape including the batch axis (instead of shape/batch_size).
        input_tensor: an existing KerasTensor to wrap.
        optional: whether the input may be None.
    """

    def __init__(self, shape=None, batch_size=None, dtype=None, sparse=None, batch_shape=None,
                 input_tensor=None, optional=False, name=None, ragged=None, **kwargs):
        if "input_shape" in kwargs:
            shape = kwargs.pop("input_shape")
        if "batch_input_shape" in kwargs:
            batch_shape = kwargs.pop("batch_input_shape")
        super().__init__(name=name, **kwargs)
        if shape is not None and batch_shape is not None:
            raise ValueError(
                f'InputLayer "{self.name}": pass `shape` or `batch_shape`, not both '
                f"(received shape={shape}, batch_shape={batch_shape})"
            )
        if input_tensor is not None:
            if not isinstance(input_tensor, KerasTensor):
                raise ValueError(
                    f'InputLayer "{self.name}": `input_tensor` must be a KerasTensor, '
                    f"received {type(input_tensor).__name__}"
                )
            batch_shape = input_tensor.shape
            dtype = dtype or input_tensor.dtype
        if batch_shape is None:
            if shape is None:
                raise ValueError(
                    f'InputLayer "{self.name}" needs a `shape` (without batch axis) or a '
                    "`batch_shape`; received neither."
                )
            if isinstance(shape, int):
                shape = (shape,)
            batch_shape = (batch_size,) + tuple(shape)
        self._batch_shape = tuple(None if d is None else int(d) for d in batch_shape)
        self._dtype = backend.standardize_dtype(dtype)
        self.sparse = bool(sparse)
        self.ragged = bool(ragged)
        self.optional = optional
        self.built = True
        tensor = input_tensor if input_tensor is not None else KerasTensor(
            self._batch_shape, dtype=self._dtype, sparse=self.sparse, name=self.name)
        tensor.name = tensor.name or self.name
        Node(self, (), {}, tensor)
        self.output = tensor

    @property
    def batch_shape(self):
        return self._batch_shape

    @property
    def dtype(self):
        return self._dtype

    def call(self):
        return None

    def get_config(self):
        return {"batch_shape": self._batch_shape, "dtype": self._dtype, "sparse": self.sparse,
                "ragged": self.ragged, "name": self.name, "optional": self.optional}

    @classmethod
    def from_config(cls, config):
        config = dict(config)
        if isinstance(config.get("batch_shape"), list):
            config["batch_shape"] = tuple(config["batch_shape"])
        return cls(**config)


def Input(shape=None, batch_size=None, dtype=None, sparse=None, batch_shape=None, name=None,
          tensor=None, optional=False, ragged=None):
    """A symbolic tensor to build a Functional model from.

    Example:
        >>> x = Input(shape=(784,))
        >>> x.shape
        (None, 784)
    """
    layer = InputLayer(shape=shape, batch_size=batch_size, dtype=dtype, sparse=sparse,
                       batch_shape=batch_shape, name=name, input_tensor=tensor,
                       optional=optional, ragged=ragged)
    return layer.output
