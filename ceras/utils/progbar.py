"""Progbar: the progress bar of fit / evaluate / predict, in Keras's look.

    32/32 ━━━━━━━━━━━━━━━━━━━━ 0s 2ms/step - accuracy: 0.9100 - loss: 0.2500

On a terminal the line is redrawn in place (``\\r``), at most every ``interval``
seconds; written to a file or a pipe (a log), only the final line of each bar is
printed, so logs are not flooded. Values are read (``float()``) only when a line
is actually drawn, so a bar costs nothing per step while it waits.
"""
import math
import os
import sys
import time

from ceras.utils import io_utils

_BAR_CHAR = "━"


def _is_interactive(stream):
    if not io_utils.is_interactive_logging_enabled():
        return False
    if "ipykernel" in sys.modules or "PYCHARM_HOSTED" in os.environ:
        return True
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except ValueError:  # a closed stream
        return False


def _to_float(value):
    try:
        return float(value)
    except (TypeError, ValueError):
        return value


def format_value(value):
    """A metric value as Keras prints it: 4 decimals, or scientific when tiny."""
    value = _to_float(value)
    if not isinstance(value, float):
        return f" {value}"
    if value != value or abs(value) > 1e-3 or value == 0.0:
        return f" {value:.4f}"
    return f" {value:.4e}"


def format_time_per_unit(seconds, unit_name):
    if seconds >= 1 or seconds == 0:
        return f" {seconds:.0f}s/{unit_name}"
    if seconds >= 1e-3:
        return f" {seconds * 1e3:.0f}ms/{unit_name}"
    return f" {seconds * 1e6:.0f}us/{unit_name}"


def format_duration(seconds):
    if seconds > 3600:
        return f"{int(seconds // 3600)}:{int(seconds % 3600 // 60):02d}:{int(seconds % 60):02d}"
    if seconds > 60:
        return f"{int(seconds // 60)}:{int(seconds % 60):02d}"
    return f"{seconds:.0f}s"


class Progbar:
    """A progress bar.

    Args:
        target: total number of steps expected, None if unknown.
        width: width of the bar in characters (default 20).
        verbose: 0 (silent), 1 (a bar) or 2 (one line at the end).
        interval: minimum seconds between two redraws on a terminal (default 0.05).
        stateful_metrics: names of values shown as given; other values are averaged
            over the steps since the bar started.
        stateless_metrics: the opposite: names of values to average; all others are
            shown as given (``stateless_metrics=()`` shows every value as given).
            Give at most one of the two; with neither, every value is averaged.
        unit_name: what one step is called (default "step").
        stream: where to write (default ``sys.stdout`` at each write).

    Example:
        >>> bar = Progbar(10)
        >>> for i in range(10):
        ...     bar.update(i + 1, [("loss", 0.5)])
    """

    def __init__(self, target, width=20, verbose=1, interval=0.05, stateful_metrics=None,
                 stateless_metrics=None, unit_name="step", stream=None):
        if verbose not in (0, 1, 2):
            raise ValueError(f"Progbar expects verbose to be 0, 1 or 2, received {verbose!r}")
        if stateful_metrics is not None and stateless_metrics is not None:
            raise ValueError(
                "Progbar accepts only one of `stateful_metrics` and `stateless_metrics`; "
                f"received stateful_metrics={stateful_metrics!r} and "
                f"stateless_metrics={stateless_metrics!r}")
        self.target = target
        self.width = width
        self.verbose = verbose
        self.interval = interval
        self.unit_name = unit_name
        self.stateful_metrics = set(stateful_metrics or ())
        self.stateless_metrics = None if stateless_metrics is None else set(stateless_metrics)
        self._stream = stream
        self._dynamic_display = _is_interactive(self.stream)
        self._values = {}
        self._values_order = []
        self._seen_so_far = 0
        self._start = time.monotonic()
        self._last_update = float("-inf")  # the first update always draws
        self._time_after_first_step = None
        self._prev_width = 0
        self._finalized = False

    @property
    def stream(self):
        return self._stream if self._stream is not None else sys.stdout

    def update(self, current, values=None, finalize=None):
        """Record progress up to step ``current`` with ``values`` (pairs or a dict).

        ``finalize`` (default: ``current >= target``) draws the last line and ends it.
        """
        if finalize is None:
            finalize = self.target is not None and current >= self.target
        if values:
            self._record(current, values.items() if isinstance(values, dict) else values)
        now = time.monotonic()
        if current == 1 and self._time_after_first_step is None:
            # The first step pays for warm-up; the per-step time excludes it, as Keras's.
            self._time_after_first_step = now
        self._seen_so_far = current
        if self.verbose == 0 or self._finalized:
            return
        if self.verbose == 2 or not self._dynamic_display:
            if finalize:
                self._write(self._line(current, now, finalize) + "\n")
                self._finalized = True
            return
        if not finalize and now - self._last_update < self.interval:
            return
        line = self._line(current, now, finalize)
        width = len(line)
        pad = " " * max(self._prev_width - width, 0)
        self._prev_width = width
        self._write("\r" + line + pad + ("\n" if finalize else ""))
        self._finalized = finalize
        self._last_update = now

    def add(self, n, values=None):
        self.update(self._seen_so_far + n, values)

    def _record(self, current, pairs):
        steps = max(current - self._seen_so_far, 1)
        for name, value in pairs:
            if name not in self._values:
                self._values_order.append(name)
            if self._is_stateful(name):
                self._values[name] = [value, 1]
            elif name not in self._values:
                self._values[name] = [_to_float(value) * steps, steps]
            else:
                entry = self._values[name]
                entry[0] += _to_float(value) * steps
                entry[1] += steps

    def _is_stateful(self, name):
        if self.stateless_metrics is not None:
            return name not in self.stateless_metrics
        return name in self.stateful_metrics

    def due(self, current, finalize=False):
        """Whether ``update(current)`` would draw a line (so values are worth reading)."""
        if self.verbose == 0 or self._finalized:
            return False
        if finalize or (self.target is not None and current >= self.target):
            return True
        if self.verbose == 2 or not self._dynamic_display:
            return False
        return time.monotonic() - self._last_update >= self.interval

    def _time_per_unit(self, current, now):
        if not current:
            return 0.0
        if self._time_after_first_step is not None and current > 1:
            return (now - self._time_after_first_step) / (current - 1)
        return (now - self._start) / current

    def _line(self, current, now, finalize):
        per_unit = self._time_per_unit(current, now)
        parts = []
        if self.verbose == 2:
            parts.append(f"{current}/{self.target}" if self.target else f"{current}")
            parts.append(f" - {now - self._start:.0f}s -{format_time_per_unit(per_unit, self.unit_name)}")
        else:
            parts.append(self._bar(current))
            if self.target is not None and current < self.target and not finalize:
                parts.append(" " + format_duration(per_unit * (self.target - current)))
            else:
                parts.append(f" {now - self._start:.0f}s")
            parts.append(format_time_per_unit(per_unit, self.unit_name))
        for name in self._values_order:
            total, count = self._values[name]
            value = _to_float(total)
            if isinstance(value, float) and count != 1:
                value = value / count
            parts.append(f" - {name}:{format_value(value)}")
        return "".join(parts)

    def _bar(self, current):
        color = self._dynamic_display
        if self.target is None or self.target <= 0:
            return f"{current}/Unknown"
        digits = int(math.log10(self.target)) + 1
        counter = f"{current:{digits}d}/{self.target}"
        done = min(int(self.width * current / self.target), self.width)
        rest = self.width - done
        if not color:
            return f"{counter} {_BAR_CHAR * done}{' ' * rest}"
        bar = f"\x1b[1m{counter}\x1b[0m "
        if done:
            bar += f"\x1b[32m{_BAR_CHAR * done}\x1b[0m"
        if rest:
            bar += f"\x1b[37m{_BAR_CHAR * rest}\x1b[0m"
        return bar

    def _write(self, text):
        stream = self.stream
        stream.write(text)
        stream.flush()
