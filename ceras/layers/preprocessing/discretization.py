"""Discretization: bucket continuous values by boundaries."""
import numpy as np

from ceras import backend, ops
from ceras.layers.layer import Layer
from ceras.layers.preprocessing import quantile_summary
from ceras.layers.preprocessing.adapt_data import iterate_batches
from ceras.layers.preprocessing.encoding import (
    encode_categorical, encoded_shape, validate_output_mode,
)


class Discretization(Layer):
    """Maps each value to the index of its bin: bin ``i`` holds values in
    ``[bin_boundaries[i - 1], bin_boundaries[i])``, so there are
    ``len(bin_boundaries) + 1`` bins.

    Args:
        bin_boundaries: sorted list of boundaries. Exclusive with `num_bins`.
        num_bins: number of bins to learn with ``adapt()`` (approximate quantiles).
        epsilon: error tolerance of the learned quantiles (default 0.01).
        output_mode: "int" (default; int32 bin indices), "one_hot",
            "multi_hot" or "count".
        sparse: must be False (no sparse tensors on this backend).

    Example:
        >>> Discretization(bin_boundaries=[0.0, 1.0])(np.array([-1.0, 0.5, 3.0]))
        [0, 1, 2]
    """

    def __init__(self, bin_boundaries=None, num_bins=None, epsilon=0.01, output_mode="int",
                 sparse=False, dtype=None, name=None):
        super().__init__(dtype=dtype, name=name)
        validate_output_mode(self, output_mode, ("int", "one_hot", "multi_hot", "count"))
        if sparse:
            raise ValueError(
                f'Layer "{self.name}": sparse outputs are not supported on this backend, '
                f"received sparse={sparse!r}")
        if bin_boundaries is None and num_bins is None:
            raise ValueError(
                f'Layer "{self.name}" expects either `num_bins` or `bin_boundaries`, received '
                "neither")
        if bin_boundaries is not None and num_bins is not None:
            raise ValueError(
                f'Layer "{self.name}" expects only one of `num_bins` and `bin_boundaries`, '
                f"received num_bins={num_bins!r} and bin_boundaries={bin_boundaries!r}")
        if num_bins is not None and (not isinstance(num_bins, int) or num_bins < 1):
            raise ValueError(
                f'Layer "{self.name}" expects num_bins to be a positive integer, received '
                f"num_bins={num_bins!r}")
        self.input_bin_boundaries = bin_boundaries
        self.bin_boundaries = list(bin_boundaries) if bin_boundaries is not None else []
        self.num_bins = num_bins
        self.epsilon = epsilon
        self.output_mode = output_mode
        self.sparse = sparse
        self.summary = quantile_summary.empty_summary()
        self.built = True

    @property
    def output_dtype(self):
        return "int32" if self.output_mode == "int" else self.compute_dtype

    def adapt(self, data, steps=None):
        """Learn ``num_bins`` bins of about equal mass from ``data``."""
        if self.input_bin_boundaries is not None:
            raise ValueError(
                f'Layer "{self.name}" was created with `bin_boundaries`, so it cannot be '
                "adapted; create it with `num_bins` to learn boundaries from data")
        self.reset_state()
        for batch in iterate_batches(data, self.name, steps=steps):
            self.update_state(batch)
        self.finalize_state()

    def update_state(self, data):
        data = np.asarray(data).astype("float32")
        self.summary = quantile_summary.merge(
            quantile_summary.summarize(data, self.epsilon), self.summary, self.epsilon)

    def finalize_state(self):
        if self.num_bins is not None:
            self.bin_boundaries = quantile_summary.bin_boundaries(
                self.summary, self.num_bins).tolist()

    def reset_state(self):
        if self.num_bins is not None:
            self.summary = quantile_summary.empty_summary()

    def call(self, inputs):
        inputs = ops.convert_to_tensor(inputs)
        boundaries = ops.convert_to_tensor(
            np.asarray(self.bin_boundaries, dtype=backend.standardize_dtype(inputs.dtype)
                       if backend.is_float(backend.standardize_dtype(inputs.dtype))
                       else "float64"))
        # A value equal to a boundary falls in the bin above it.
        indices = ops.reshape(
            ops.searchsorted(boundaries, ops.reshape(ops.cast(inputs, boundaries.dtype), (-1,)),
                             side="right"), ops.shape(inputs))
        return encode_categorical(ops.cast(indices, "int32"), self.output_mode,
                                  len(self.bin_boundaries) + 1, self.output_dtype)

    def compute_output_spec(self, inputs):
        shape = self.compute_output_shape(inputs.shape)
        return backend.KerasTensor(shape, dtype=self.output_dtype)

    def compute_output_shape(self, input_shape):
        depth = (len(self.bin_boundaries) + 1 if self.input_bin_boundaries is not None
                 or self.bin_boundaries else self.num_bins)
        return encoded_shape(input_shape, self.output_mode, depth)

    def get_config(self):
        return {
            "bin_boundaries": self.bin_boundaries if self.bin_boundaries or
            self.input_bin_boundaries is not None else None,
            "num_bins": self.num_bins,
            "epsilon": self.epsilon,
            "output_mode": self.output_mode,
            "sparse": self.sparse,
            "name": self.name,
            "dtype": self.dtype_policy.name,
        }

    @classmethod
    def from_config(cls, config):
        config = dict(config)
        config.pop("trainable", None)
        if config.get("bin_boundaries") is not None and config.get("num_bins") is not None:
            # An adapted layer: restore its learned boundaries.
            boundaries = config.pop("bin_boundaries")
            layer = cls(**config)
            layer.bin_boundaries = list(boundaries)
            return layer
        return cls(**config)
