"""Whether progress output is interactive (progress bars) or plain log lines."""
_INTERACTIVE = True


def enable_interactive_logging():
    """Progress bars update in place (the default)."""
    global _INTERACTIVE
    _INTERACTIVE = True


def disable_interactive_logging():
    """Plain log lines, for files and notebooks that do not render carriage returns."""
    global _INTERACTIVE
    _INTERACTIVE = False


def is_interactive_logging_enabled():
    return _INTERACTIVE
