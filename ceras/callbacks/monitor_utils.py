"""What the monitoring callbacks share: deciding whether a metric should go up or
down, and reading it from the logs."""
import warnings

_MAXIMIZED = ("acc", "auc", "precision", "recall", "f1", "fbeta", "iou", "r2", "fmeasure",
              "top_k", "true_positives", "true_negatives", "cosine_similarity")


def _metric_direction(model, metric_name):
    if model is None:
        return None
    for metric in getattr(model, "metrics", []) or []:
        candidates = list(getattr(metric, "metrics", []) or []) + [metric]
        for m in candidates:
            if getattr(m, "name", None) == metric_name and hasattr(m, "_direction"):
                return m._direction
    return None


def resolve_mode(callback_name, monitor, mode, model=None):
    """'min' or 'max' for ``monitor`` under ``mode`` ('auto', 'min' or 'max')."""
    if mode not in ("auto", "min", "max"):
        warnings.warn(
            f"{callback_name} mode {mode!r} is unknown, expected 'auto', 'min' or 'max'; "
            "falling back to 'auto'.", stacklevel=3)
        mode = "auto"
    if mode != "auto":
        return mode
    name = monitor[4:] if monitor.startswith("val_") else monitor
    if name == "loss" or name.endswith("_loss"):
        return "min"
    direction = _metric_direction(model, name)
    if direction is not None:
        return "max" if direction == "up" else "min"
    lowered = name.lower()
    if any(key in lowered for key in _MAXIMIZED):
        return "max"
    if "loss" in lowered or "error" in lowered or lowered in (
            "mse", "mae", "mape", "msle", "rmse", "crossentropy", "hinge"):
        return "min"
    raise ValueError(
        f"{callback_name} received monitor={monitor!r}, and ceras cannot tell whether "
        "that metric should be maximized or minimized. Pass mode='max' to keep the "
        "highest value, or mode='min' to keep the lowest.")


def get_monitor_value(callback_name, monitor, logs):
    """The monitored value as a float, or None (with a warning) when it is missing."""
    logs = logs or {}
    value = logs.get(monitor)
    if value is None:
        warnings.warn(
            f"{callback_name} is conditioned on metric `{monitor}` which is not available. "
            f"Available metrics are: {','.join(logs.keys())}", stacklevel=3)
        return None
    return float(value)
