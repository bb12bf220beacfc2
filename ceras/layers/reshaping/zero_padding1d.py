"""ZeroPadding1D: add zeros around sequences (the steps axis)."""
from ceras.layers.reshaping.base_zero_padding import BaseZeroPadding


class ZeroPadding1D(BaseZeroPadding):
    """Zero-pads sequences (the steps axis); ``padding`` is an int or a (start, end)
    pair. Arguments as in BaseZeroPadding.

    Example:
        >>> ZeroPadding1D((1, 2))(np.ones((2, 5, 3))).shape
        (2, 8, 3)
    """

    def __init__(self, padding=1, data_format=None, **kwargs):
        super().__init__(1, (padding,) if not isinstance(padding, int) else padding,
                         data_format=data_format, **kwargs)
        self.padding = self._pairs[0]
