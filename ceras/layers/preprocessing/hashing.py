"""Hashing: hash strings or integers into a fixed number of bins."""
import numpy as np

from ceras import backend, ops
from ceras.layers.layer import Layer
from ceras.layers.preprocessing import string_arrays
from ceras.layers.preprocessing.encoding import (
    encode_categorical, encoded_shape, validate_output_mode,
)
from ceras.layers.preprocessing.fingerprint import fingerprint64, siphash64


def hash_values(array, num_bins, salt=None):
    """Bin of each element of ``array``: FarmHash64 (TensorFlow's Fingerprint64)
    of its string form modulo ``num_bins``, or SipHash-2-4 keyed by ``salt``.
    Integers hash as their decimal string, as TensorFlow's ``as_string``."""
    if salt is None:
        return string_arrays.map_unique(array, lambda v: fingerprint64(str(v)) % num_bins)
    return string_arrays.map_unique(array, lambda v: siphash64(salt, str(v)) % num_bins)


class Hashing(Layer):
    """Hashes each input value (string or integer) to a bin in ``[0, num_bins)``.

    The hash is FarmHash64, bit-exact with Keras/TensorFlow's
    ``Fingerprint64``, so the same input lands in the same bin as in Keras. With
    a ``salt`` it is SipHash-2-4 (TensorFlow's ``StrongKeyedHash``).

    Args:
        num_bins: number of bins, including the mask bin when `mask_value` is set.
        mask_value: value mapped to bin 0; the others then hash to
            ``[1, num_bins)``. Default None (no mask bin).
        salt: None, an int (used for both key halves) or a pair of ints: the
            SipHash key.
        output_mode: "int" (default), "one_hot", "multi_hot" or "count".
        sparse: must be False (no sparse tensors on this backend).

    Inputs are strings (a str, a list, a NumPy array of str/bytes) or integers.

    Example:
        >>> Hashing(num_bins=3)([["A"], ["B"], ["C"]])  # [[1], [0], [1]]
    """

    def __init__(self, num_bins, mask_value=None, salt=None, output_mode="int", sparse=False,
                 **kwargs):
        if kwargs.get("dtype") is None:
            kwargs["dtype"] = "int64" if output_mode == "int" else backend.floatx()
        super().__init__(autocast=False, **kwargs)
        validate_output_mode(self, output_mode, ("int", "one_hot", "multi_hot", "count"))
        if not isinstance(num_bins, int) or isinstance(num_bins, bool) or num_bins < 1:
            raise ValueError(
                f'Layer "{self.name}" expects num_bins to be a positive integer, received '
                f"num_bins={num_bins!r}")
        if output_mode == "int" and self.dtype_policy.name not in ("int32", "int64"):
            raise ValueError(
                f'Layer "{self.name}" with output_mode="int" expects dtype "int32" or "int64", '
                f"received dtype={self.dtype_policy.name!r}")
        if sparse:
            raise ValueError(
                f'Layer "{self.name}": sparse outputs are not supported on this backend, '
                f"received sparse={sparse!r}")
        if salt is not None:
            if isinstance(salt, (tuple, list)) and len(salt) == 2:
                salt = list(salt)
            elif isinstance(salt, int) and not isinstance(salt, bool):
                salt = [salt, salt]
            else:
                raise ValueError(
                    f'Layer "{self.name}" expects salt to be an int or a pair of ints, '
                    f"received salt={salt!r}")
        self.num_bins = num_bins
        self.mask_value = mask_value
        self.salt = salt
        self.strong_hash = salt is not None
        self.output_mode = output_mode
        self.sparse = sparse
        self.built = True

    def call(self, inputs):
        array = string_arrays.to_array(inputs)
        if array.dtype.kind == "f":
            array = array.astype(np.int64)
        elif array.dtype.kind not in "iuO":
            raise ValueError(
                f'Layer "{self.name}" expects string or integer inputs, received dtype '
                f"{array.dtype}")
        bins = self._hash(array)
        outputs = ops.convert_to_tensor(bins, "int64")
        return encode_categorical(outputs, self.output_mode, self.num_bins, self.compute_dtype)

    def _hash(self, array):
        if self.mask_value is None or self.num_bins < 2:
            return hash_values(array, self.num_bins, self.salt)
        bins = hash_values(array, self.num_bins - 1, self.salt) + 1
        masked = array == (str(self.mask_value) if array.dtype == object
                           and not isinstance(self.mask_value, str) else self.mask_value)
        return np.where(masked, 0, bins)

    def compute_output_spec(self, inputs):
        return backend.KerasTensor(self.compute_output_shape(inputs.shape),
                                   dtype=self.compute_dtype)

    def compute_output_shape(self, input_shape):
        return encoded_shape(input_shape, self.output_mode, self.num_bins)

    def get_config(self):
        config = super().get_config()
        config.update({"num_bins": self.num_bins, "salt": self.salt,
                       "mask_value": self.mask_value, "output_mode": self.output_mode,
                       "sparse": self.sparse})
        return config
