"""ZeroPadding2D: add zeros around images (height and width)."""
from ceras.layers.reshaping.base_zero_padding import BaseZeroPadding


class ZeroPadding2D(BaseZeroPadding):
    """Zero-pads images (height and width); ``padding`` is an int, 2 ints or 2
    (before, after) pairs. Arguments as in BaseZeroPadding.

    Example:
        >>> ZeroPadding2D(1)(np.ones((2, 4, 4, 3))).shape
        (2, 6, 6, 3)
    """

    def __init__(self, padding=(1, 1), data_format=None, **kwargs):
        super().__init__(2, padding, data_format=data_format, **kwargs)
        self.padding = self._pairs
