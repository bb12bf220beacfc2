"""Process-wide state: unique layer names, the call context, symbolic scope."""
import re
import threading

_STATE = threading.local()
_NAME_COUNTS = {}


def to_snake_case(name):
    """'ConvLSTM2D' -> 'conv_lstm2d', 'Dense' -> 'dense' (Keras's naming rule)."""
    name = re.sub(r"(.)([A-Z][a-z]+)", r"\1_\2", name)
    return re.sub(r"([a-z])([A-Z])", r"\1_\2", name).lower()  # Keras: "Conv2D" -> "conv2d"


def uniquify(base):
    """'dense' the first time, then 'dense_1', 'dense_2', ... (Keras's scheme)."""
    count = _NAME_COUNTS.get(base, 0)
    _NAME_COUNTS[base] = count + 1
    return base if count == 0 else f"{base}_{count}"


def get_uid(prefix=""):
    """1 the first time a prefix is seen, then 2, 3, ... (reset by clear_session)."""
    key = ("uid", prefix)
    _NAME_COUNTS[key] = _NAME_COUNTS.get(key, 0) + 1
    return _NAME_COUNTS[key]


def auto_name(class_name):
    return uniquify(to_snake_case(class_name))


def clear_session():
    """Reset auto-naming so the next Dense is 'dense' again."""
    _NAME_COUNTS.clear()
    for key in list(vars(_STATE)):
        delattr(_STATE, key)


def get(key, default=None):
    return getattr(_STATE, key, default)


def set(key, value):  # noqa: A001 - mirrors Keras's global_state.set_global_attribute
    setattr(_STATE, key, value)


class SymbolicScope:
    """While active, layers run on stand-in tensors only to infer shapes:
    variable assignments are skipped so no real state changes."""

    def __enter__(self):
        self._prev = get("symbolic", False)
        set("symbolic", True)
        return self

    def __exit__(self, *exc):
        set("symbolic", self._prev)


def in_symbolic_scope():
    return getattr(_STATE, "symbolic", False)


class NameScope:
    """Prefix for variable paths: variables built inside 'dense' get 'dense/kernel'."""

    def __init__(self, name):
        self.name = name

    def __enter__(self):
        stack = get("name_scope")
        if stack is None:
            stack = []
            set("name_scope", stack)
        stack.append(self.name)
        return self

    def __exit__(self, *exc):
        get("name_scope").pop()


def current_path():
    stack = get("name_scope")
    return "/".join(stack) if stack else ""
