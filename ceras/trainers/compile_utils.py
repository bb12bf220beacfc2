"""CompileLoss and CompileMetrics: the ``loss`` / ``metrics`` given to ``compile``,
matched to the model's outputs.

Both are resolved when they first see real targets and predictions, because
'accuracy' and 'crossentropy' name different functions for binary, sparse and
one-hot targets (Keras decides from the shapes, and so do we). Names are
checked at compile time, so a typo fails before training.
"""
from ceras import losses as losses_module
from ceras import metrics as metrics_module
from ceras import ops
from ceras.backend import tree
from ceras.losses.loss import squeeze_or_expand_to_same_rank

_ACCURACY = ("accuracy", "acc")
_CROSSENTROPY = ("crossentropy", "ce")


def is_binary_or_sparse_categorical(y_true, y_pred):
    """(is_binary, is_sparse_categorical) from the shapes, as Keras decides."""
    t_rank, p_rank = len(y_true.shape), len(y_pred.shape)
    t_last = y_true.shape[-1] if t_rank else 1
    p_last = y_pred.shape[-1] if p_rank else 1
    is_binary = p_last == 1
    is_sparse = t_rank < p_rank or (t_last == 1 and p_last > 1)
    return is_binary, is_sparse


def align(y_true, y_pred):
    """(N,) targets against (N, 1) predictions (or the reverse) get the same rank, as
    Keras aligns them, instead of broadcasting to (N, N)."""
    shape_t = getattr(y_true, "shape", None)
    shape_p = getattr(y_pred, "shape", None)
    if shape_t is None or shape_p is None or len(shape_t) == len(shape_p):
        return y_true, y_pred
    return squeeze_or_expand_to_same_rank(y_true, y_pred)


def get_loss(identifier, y_true, y_pred):
    """A Loss object for one output (None for no loss)."""
    if identifier is None:
        return None
    if isinstance(identifier, str) and identifier.lower() in _CROSSENTROPY:
        is_binary, is_sparse = is_binary_or_sparse_categorical(y_true, y_pred)
        if is_binary:
            return losses_module.BinaryCrossentropy()
        if is_sparse:
            return losses_module.SparseCategoricalCrossentropy()
        return losses_module.CategoricalCrossentropy()
    loss = losses_module.get(identifier)
    if not isinstance(loss, losses_module.Loss):
        name = identifier if isinstance(identifier, str) else getattr(loss, "__name__", None)
        loss = losses_module.LossFunctionWrapper(loss, name=name)
    return loss


def get_metric(identifier, y_true, y_pred):
    """A Metric object for one output, named as the identifier when it is a string."""
    if identifier is None:
        raise ValueError("Expected a metric, received None in `metrics`.")
    if isinstance(identifier, str) and identifier.lower() in _ACCURACY:
        is_binary, is_sparse = is_binary_or_sparse_categorical(y_true, y_pred)
        if is_binary:
            metric = metrics_module.BinaryAccuracy(name=identifier)
        elif is_sparse:
            metric = metrics_module.SparseCategoricalAccuracy(name=identifier)
        else:
            metric = metrics_module.CategoricalAccuracy(name=identifier)
        return metric
    metric = metrics_module.get(identifier)
    if not isinstance(metric, metrics_module.Metric):
        metric = metrics_module.MeanMetricWrapper(metric, name=getattr(metric, "__name__", None))
    if isinstance(identifier, str):
        metric.name = identifier
    return metric


def check_names(structure, what):
    """Raise now for an unknown loss / metric name anywhere in ``structure``."""
    special = _CROSSENTROPY if what == "loss" else _ACCURACY
    lookup = losses_module.get if what == "loss" else metrics_module.get
    for leaf in tree.flatten(structure):
        if isinstance(leaf, str) and leaf.lower() not in special:
            lookup(leaf)


def _flat_outputs(y_pred, output_names):
    """The model's outputs as (name, tensor) pairs, in flattening order."""
    if isinstance(y_pred, dict):
        return [(k, y_pred[k]) for k in sorted(y_pred)]
    flat = tree.flatten(y_pred)
    names = list(output_names or [])
    if len(names) != len(flat):
        names = [f"output_{i}" for i in range(len(flat))] if len(flat) > 1 else ["output"]
    return list(zip(names, flat))


def _flat_targets(y_true, names, what):
    if isinstance(y_true, dict):
        missing = [n for n in names if n not in y_true]
        if missing and len(y_true) == len(names) == 1:
            return list(y_true.values())
        if missing:
            raise ValueError(
                f"The {what} dict is missing keys {missing}; expected one entry per model "
                f"output {names}, received keys {sorted(y_true)}")
        return [y_true[n] for n in names]
    if len(names) == 1:
        if isinstance(y_true, (list, tuple)) and len(y_true) == 1:
            return [y_true[0]]
        return [y_true]
    flat = tree.flatten(y_true)
    if len(flat) != len(names):
        raise ValueError(
            f"The model has {len(names)} outputs {names}, but {what} has {len(flat)} "
            "entries; give one per output (as a list in output order or a dict keyed by "
            "output name).")
    return flat


def _per_output(spec, names, argument):
    """``spec`` (one value, a list, or a dict keyed by output name) -> one per output."""
    if isinstance(spec, dict):
        unknown = [k for k in spec if k not in names]
        if unknown:
            raise ValueError(
                f"In the dict passed as `{argument}`, keys {unknown} do not match any model "
                f"output; the output names are {names}.")
        return [spec.get(n) for n in names]
    if isinstance(spec, (list, tuple)):
        if len(names) == 1 and argument == "metrics":
            return [spec]
        if len(spec) != len(names):
            raise ValueError(
                f"For a model with {len(names)} outputs {names}, a list passed as "
                f"`{argument}` must have one entry per output; received {len(spec)}: "
                f"{spec!r}")
        return list(spec)
    return [spec] * len(names)


class CompileLoss:
    """The total loss of the compiled ``loss`` over all outputs, weighted by
    ``loss_weights``. With several outputs, each output's (unweighted) loss is also
    tracked as the metric ``<output>_loss``."""

    def __init__(self, loss, loss_weights=None, output_names=None):
        check_names(loss, "loss")
        self._user_loss = loss
        self._user_loss_weights = loss_weights
        self._output_names = output_names
        self.built = False
        self.metrics = []
        self._single = None
        self._entries = []

    def build(self, y_true, y_pred):
        outputs = _flat_outputs(y_pred, self._output_names)
        names = [n for n, _ in outputs]
        targets = _flat_targets(y_true, names, "y")
        loss_specs = _per_output(self._user_loss, names, "loss")
        weights = [1.0] * len(names) if self._user_loss_weights is None else _per_output(
            self._user_loss_weights, names, "loss_weights")
        self._entries = []
        for i, ((name, pred), true, spec) in enumerate(zip(outputs, targets, loss_specs)):
            fn = get_loss(spec, true, pred)
            if fn is None:
                continue
            tracker = metrics_module.Mean(name=f"{name}_loss") if len(names) > 1 else None
            weight = 1.0 if weights[i] is None else float(weights[i])
            self._entries.append((i, fn, weight, tracker))
        self.metrics = [e[3] for e in self._entries if e[3] is not None]
        single = len(names) == 1 and len(self._entries) == 1
        self._single = (self._entries[0][1], self._entries[0][2]) if single else None
        self._names = names
        self.built = True

    def __call__(self, y_true, y_pred, sample_weight=None):
        if y_true is None:
            raise ValueError(
                "The model was compiled with a loss, but the data has no targets: pass `y` "
                "to fit/evaluate, or yield `(x, y)` batches from the data source.")
        if not self.built:
            self.build(y_true, y_pred)
        if self._single is not None:
            fn, weight = self._single
            if isinstance(y_true, (list, tuple)) and len(y_true) == 1:
                y_true = y_true[0]
            if isinstance(y_true, dict) and len(y_true) == 1:
                y_true = next(iter(y_true.values()))
            if isinstance(y_pred, (list, tuple, dict)):
                y_pred = tree.flatten(y_pred)[0]
            if isinstance(sample_weight, (list, tuple, dict)):
                sample_weight = tree.flatten(sample_weight)[0]
            loss = fn(y_true, y_pred, sample_weight)
            return loss if weight == 1.0 else loss * weight
        return self._call_multi(y_true, y_pred, sample_weight)

    def _call_multi(self, y_true, y_pred, sample_weight):
        preds = [p for _, p in _flat_outputs(y_pred, self._names)]
        trues = _flat_targets(y_true, self._names, "y")
        if sample_weight is None or not tree.is_nested(sample_weight):
            weights = [sample_weight] * len(preds)
        else:
            weights = _flat_targets(sample_weight, self._names, "sample_weight")
        total = None
        for index, fn, weight, tracker in self._entries:
            value = fn(trues[index], preds[index], weights[index])
            if tracker is not None:
                tracker.update_state(value, sample_weight=int(preds[index].shape[0]))
            if weight != 1.0:
                value = value * weight
            total = value if total is None else total + value
        if total is None:
            return None
        return total

    def get_config(self):
        return {"loss": self._user_loss, "loss_weights": self._user_loss_weights}


class CompileMetrics(metrics_module.Metric):
    """The compiled ``metrics`` (ignoring sample weights) and ``weighted_metrics``
    (using them), per output. ``result()`` is a dict: names are the metric names,
    prefixed with the output name when the model has several outputs, and
    ``weighted_`` for a weighted metric whose name is already taken."""

    def __init__(self, metrics=None, weighted_metrics=None, output_names=None,
                 name="compile_metrics"):
        super().__init__(name=name)
        for argument, value in (("metrics", metrics), ("weighted_metrics", weighted_metrics)):
            if value is not None and not isinstance(value, (list, tuple, dict)):
                raise ValueError(
                    f"Expected `{argument}` argument to be a list, tuple, or dict. Received "
                    f"instead: {argument}={value!r} of type {type(value).__name__}")
            check_names(value, "metric")
        self._user_metrics = metrics
        self._user_weighted_metrics = weighted_metrics
        self._output_names = output_names
        self.built = False
        self._entries = []  # (output index, metric, weighted)

    @property
    def metrics(self):
        return [m for _, m, _ in self._entries]

    @property
    def ordering_names(self):
        """The names Keras lists evaluate's results by: the metric names without the
        output prefix (so, with several outputs, they fall back to sorted order)."""
        return list(getattr(self, "_base_names", []))

    @property
    def variables(self):
        out = []
        for m in self.metrics:
            out.extend(m.variables)
        return out

    def build(self, y_true, y_pred):
        outputs = _flat_outputs(y_pred, self._output_names)
        names = [n for n, _ in outputs]
        targets = _flat_targets(y_true, names, "y")
        multi = len(names) > 1
        entries, taken = [], set()
        self._base_names = []
        for weighted, spec in ((False, self._user_metrics),
                               (True, self._user_weighted_metrics)):
            if not spec:
                continue
            per_output = self._per_output_metrics(spec, names)
            for i, ((name, pred), true, specs) in enumerate(zip(outputs, targets, per_output)):
                for identifier in specs:
                    metric = get_metric(identifier, true, pred)
                    base = metric.name
                    if multi:
                        metric.name = f"{name}_{metric.name}"
                    if weighted and metric.name in taken:
                        metric.name = f"weighted_{metric.name}"
                        base = metric.name if not multi else base
                    taken.add(metric.name)
                    entries.append((i, metric, weighted))
                    self._base_names.append(base)
        self._entries = entries
        self._names = names
        self._single = not multi
        self.built = True

    @staticmethod
    def _per_output_metrics(spec, names):
        if isinstance(spec, dict):
            lists = _per_output(spec, names, "metrics")
        elif len(names) > 1 and len(spec) == len(names) and any(
                isinstance(s, (list, tuple)) or s is None for s in spec):
            lists = list(spec)
        elif len(names) > 1 and len(spec) == len(names) and all(isinstance(s, str) for s in spec):
            lists = list(spec)
        else:
            lists = [spec] * len(names)  # one list of metrics, applied to every output
        return [[] if s is None else list(s) if isinstance(s, (list, tuple)) else [s]
                for s in lists]

    def update_state(self, y_true, y_pred, sample_weight=None):
        if not self.built:
            self.build(y_true, y_pred)
        if not self._entries:
            return
        if self._single:
            true = _flat_targets(y_true, self._names, "y")[0]
            pred = tree.flatten(y_pred)[0] if isinstance(y_pred, (list, tuple, dict)) else y_pred
            if isinstance(sample_weight, (list, tuple, dict)):
                sample_weight = tree.flatten(sample_weight)[0]
            true, pred = align(true, pred)
            for _, metric, weighted in self._entries:
                if weighted and sample_weight is not None:
                    metric.update_state(true, pred, sample_weight=sample_weight)
                else:
                    metric.update_state(true, pred)
            return
        preds = [p for _, p in _flat_outputs(y_pred, self._names)]
        trues = _flat_targets(y_true, self._names, "y")
        if sample_weight is None or not tree.is_nested(sample_weight):
            weights = [sample_weight] * len(preds)
        else:
            weights = _flat_targets(sample_weight, self._names, "sample_weight")
        pairs = [align(t, p) for t, p in zip(trues, preds)]
        for i, metric, weighted in self._entries:
            true, pred = pairs[i]
            if weighted and weights[i] is not None:
                metric.update_state(true, pred, sample_weight=weights[i])
            else:
                metric.update_state(true, pred)

    def result(self):
        return {metric.name: metric.result() for _, metric, _ in self._entries}

    def reset_state(self):
        for _, metric, _ in self._entries:
            metric.reset_state()

    def get_config(self):
        return {"metrics": self._user_metrics, "weighted_metrics": self._user_weighted_metrics}


def total_loss(values):
    """The sum of a list of scalar losses (None when empty)."""
    values = [v for v in values if v is not None]
    if not values:
        return None
    total = values[0]
    for v in values[1:]:
        total = total + ops.cast(v, total.dtype) if hasattr(total, "dtype") else total + v
    return total
