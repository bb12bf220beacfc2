"""ZeroPadding3D: add zeros around volumes (depth, height and width)."""
from ceras.layers.reshaping.base_zero_padding import BaseZeroPadding


class ZeroPadding3D(BaseZeroPadding):
    """Zero-pads volumes (depth, height and width); ``padding`` is an int, 3 ints or
    3 (before, after) pairs. Arguments as in BaseZeroPadding.

    Example:
        >>> ZeroPadding3D(1)(np.ones((2, 3, 3, 3, 1))).shape
        (2, 5, 5, 5, 1)
    """

    def __init__(self, padding=((1, 1), (1, 1), (1, 1)), data_format=None, **kwargs):
        super().__init__(3, padding, data_format=data_format, **kwargs)
        self.padding = self._pairs
