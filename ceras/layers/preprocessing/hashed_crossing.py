"""HashedCrossing: hash the combination of several categorical features."""
import numpy as np

from ceras import backend, ops
from ceras.layers.layer import Layer
from ceras.layers.preprocessing import string_arrays
from ceras.layers.preprocessing.encoding import (
    encode_categorical, encoded_shape, validate_output_mode,
)
from ceras.layers.preprocessing.fingerprint import fingerprint64, fingerprint_cat64

# TensorFlow's default key for tf.sparse.cross_hashed.
_CROSS_HASH_KEY = 0xDECAFCAFFE
_MASK64 = (1 << 64) - 1


def _feature_hash(value):
    # As TensorFlow's sparse cross: strings hash with Fingerprint64, integers
    # are their own (two's complement) hash.
    if isinstance(value, (str, bytes)):
        return fingerprint64(value)
    return int(value) & _MASK64


class HashedCrossing(Layer):
    """Crosses categorical features with the hashing trick:
    ``hash(feature_1, ..., feature_n) % num_bins``, bit-exact with Keras's
    (TensorFlow's ``cross_hashed``).

    Args:
        num_bins: number of hash bins.
        output_mode: "int" (default) or "one_hot".
        sparse: must be False (no sparse tensors on this backend).

    Call it on a list or tuple of at least two features of equal shape: scalars,
    ``(batch,)`` or ``(batch, 1)``; each of strings or integers.

    Example:
        >>> HashedCrossing(num_bins=5)((np.array(["A", "B"]), np.array([101, 101])))
        [1, 4]
    """

    def __init__(self, num_bins, output_mode="int", sparse=False, name=None, dtype=None,
                 **kwargs):
        if output_mode == "int" and dtype is None:
            dtype = "int64"
        super().__init__(name=name, dtype=dtype, autocast=False, **kwargs)
        validate_output_mode(self, output_mode, ("int", "one_hot"))
        if not isinstance(num_bins, int) or isinstance(num_bins, bool) or num_bins < 1:
            raise ValueError(
                f'Layer "{self.name}" expects num_bins to be a positive integer, received '
                f"num_bins={num_bins!r}")
        if sparse:
            raise ValueError(
                f'Layer "{self.name}": sparse outputs are not supported on this backend, '
                f"received sparse={sparse!r}")
        self.num_bins = num_bins
        self.output_mode = output_mode
        self.sparse = sparse
        self.built = True

    def call(self, inputs):
        features = self._check_inputs(inputs)
        shape = features[0].shape
        flat = [f.reshape(-1) for f in features]
        bins = np.empty(flat[0].shape, dtype=np.int64)
        for i in range(bins.size):
            h = _CROSS_HASH_KEY
            for feature in flat:
                h = fingerprint_cat64(h, _feature_hash(feature[i]))
            bins[i] = h % self.num_bins
        outputs = ops.convert_to_tensor(bins.reshape(shape), "int64")
        return encode_categorical(outputs, self.output_mode, self.num_bins, self.compute_dtype)

    def _check_inputs(self, inputs):
        if not isinstance(inputs, (list, tuple)) or len(inputs) < 2:
            raise ValueError(
                f'Layer "{self.name}" expects a list or tuple of at least two inputs, '
                f"received {type(inputs).__name__} {inputs!r}"[:300])
        features = [string_arrays.to_array(x) for x in inputs]
        shape = features[0].shape
        for f in features:
            if f.shape != shape:
                raise ValueError(
                    f'Layer "{self.name}" expects inputs of identical shapes, received shapes '
                    f"{[x.shape for x in features]}")
            if f.dtype.kind not in "iuO":
                raise ValueError(
                    f'Layer "{self.name}" expects integer or string inputs, received dtype '
                    f"{f.dtype}")
        if len(shape) > 2 or (len(shape) == 2 and shape[1] != 1):
            raise ValueError(
                f'Layer "{self.name}" crosses scalar features only: expected inputs of shape '
                f"(), (batch,) or (batch, 1), received shape {shape}")
        return features

    def compute_output_spec(self, inputs):
        return backend.KerasTensor(self.compute_output_shape([x.shape for x in inputs]),
                                   dtype=self.compute_dtype)

    def compute_output_shape(self, input_shape):
        if not isinstance(input_shape, (list, tuple)) or len(input_shape) < 2 or not all(
                isinstance(s, (list, tuple)) for s in input_shape):
            raise ValueError(
                f'Layer "{self.name}" expects a list of at least two input shapes, received '
                f"{input_shape}")
        first = tuple(input_shape[0])
        if self.output_mode == "int" or not first:
            return encoded_shape(first, self.output_mode, self.num_bins) \
                if first else (() if self.output_mode == "int" else (self.num_bins,))
        return encoded_shape(first, self.output_mode, self.num_bins)

    def get_config(self):
        return {"num_bins": self.num_bins, "output_mode": self.output_mode,
                "sparse": self.sparse, "name": self.name, "dtype": self.dtype_policy.name}
