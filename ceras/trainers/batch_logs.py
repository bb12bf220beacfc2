"""Logs for batch-level callbacks, computed only when read.

After each step, callbacks get the running metric values. Computing them costs
an op per metric, and printing them a device-to-host copy; most steps nobody
looks (the progress bar redraws a few times per second). ``LazyLogs`` is a dict
that fills itself from the metrics the first time anything reads it.
"""


class LazyLogs(dict):
    """A dict whose contents come from ``fill()`` on first access."""

    __slots__ = ("_fill",)

    def __init__(self, fill):
        super().__init__()
        self._fill = fill

    def _load(self):
        fill = self._fill
        if fill is not None:
            self._fill = None
            dict.update(self, fill())

    def __getitem__(self, key):
        self._load()
        return dict.__getitem__(self, key)

    def __setitem__(self, key, value):
        self._load()
        dict.__setitem__(self, key, value)

    def __delitem__(self, key):
        self._load()
        dict.__delitem__(self, key)

    def __contains__(self, key):
        self._load()
        return dict.__contains__(self, key)

    def __iter__(self):
        self._load()
        return dict.__iter__(self)

    def __len__(self):
        self._load()
        return dict.__len__(self)

    def __eq__(self, other):
        self._load()
        return dict.__eq__(self, other)

    __hash__ = None

    def __repr__(self):
        self._load()
        return dict.__repr__(self)

    def __or__(self, other):
        self._load()
        return dict(self.items()) | other

    def __reduce__(self):
        self._load()
        return dict, (dict(self.items()),)

    def get(self, key, default=None):
        self._load()
        return dict.get(self, key, default)

    def keys(self):
        self._load()
        return dict.keys(self)

    def values(self):
        self._load()
        return dict.values(self)

    def items(self):
        self._load()
        return dict.items(self)

    def copy(self):
        self._load()
        return dict(dict.items(self))

    def pop(self, key, *default):
        self._load()
        return dict.pop(self, key, *default)

    def popitem(self):
        self._load()
        return dict.popitem(self)

    def setdefault(self, key, default=None):
        self._load()
        return dict.setdefault(self, key, default)

    def update(self, *args, **kwargs):
        self._load()
        dict.update(self, *args, **kwargs)
