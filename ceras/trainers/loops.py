"""The fit / evaluate / predict loops, written once for every backend.

Per step the loop does only this: the batch-begin hooks that some callback
implements, the backend's step function, and the batch-end hooks, handing
them logs that are computed only if read (``LazyLogs``). Epoch logs become
Python floats once per epoch.
"""
import numpy as np

from ceras import backend
from ceras import config as config_module
from ceras.backend import tree
from ceras.callbacks.callback_list import CallbackList
from ceras.callbacks.progbar_logger import ProgbarLogger
from ceras.trainers.batch_logs import LazyLogs
from ceras.trainers.data_adapters import data_adapter_utils
from ceras.trainers.data_adapters.array_data_adapter import standardize_arrays
from ceras.trainers.data_adapters.data_adapter import convert_batch, convert_leaf
from ceras.trainers.epoch_iterator import EpochIterator


def pythonify_logs(logs):
    """Tensors -> Python floats (nested dicts flattened, keys sorted as Keras
    sorts them), for epoch-level logs."""
    out = {}
    for key, value in sorted((logs or {}).items()):
        if isinstance(value, dict):
            out.update(pythonify_logs(value))
            continue
        try:
            out[key] = float(value) if np.ndim(_host(value)) == 0 else _host(value)
        except (TypeError, ValueError):
            out[key] = value
    return out


def _host(value):
    return backend.convert_to_numpy(value) if backend.is_tensor(value) else value


def _epoch_logs(model, logs):
    """The metrics' values when the step reported them (built-in steps, or a custom
    step returning the metrics), else the custom step's last logs."""
    if logs is None or isinstance(logs, LazyLogs):
        return model.get_metrics_result()
    metric_logs = model._metrics_result_tensors()
    if isinstance(logs, dict) and set(logs) == set(metric_logs):
        return pythonify_logs(metric_logs)
    return pythonify_logs(logs)


def flatten_metrics_in_order(model, logs):
    """Keras's list form of evaluate's results: the metrics in ``model.metrics``
    order, then any other log entries by name; a lone value is returned alone."""
    names = []
    for metric in model.metrics:
        if hasattr(metric, "ordering_names"):
            names.extend(metric.ordering_names)
        else:
            names.append(metric.name)
    results = [logs[name] for name in names if name in logs]
    results += [logs[key] for key in sorted(logs) if key not in names]
    return results[0] if len(results) == 1 else results


def _resolve_verbose(verbose):
    if verbose == "auto":
        return 1
    if verbose not in (0, 1, 2):
        raise ValueError(f'`verbose` must be "auto", 0, 1 or 2, received verbose={verbose!r}')
    return verbose


def _callbacks(model, callbacks, verbose, epochs, steps, add_history=False):
    if isinstance(callbacks, CallbackList):
        return callbacks
    return CallbackList(callbacks, add_history=add_history, add_progbar=verbose != 0,
                        model=model, verbose=verbose, epochs=epochs, steps=steps)


def _should_eval(epoch, validation_freq):
    epoch += 1  # validation_freq counts epochs from 1
    if isinstance(validation_freq, int):
        if validation_freq < 1:
            raise ValueError(
                f"`validation_freq` must be a positive integer or a list of epochs, received "
                f"validation_freq={validation_freq}")
        return epoch % validation_freq == 0
    if isinstance(validation_freq, (list, tuple, set)):
        return epoch in validation_freq
    raise ValueError(
        "`validation_freq` must be an integer or a list of epochs, received "
        f"validation_freq={validation_freq!r} of type {type(validation_freq).__name__}")


def _build_from_first_batch(model, iterator):
    """A model with no weights yet (subclassed, or Sequential without an Input) is
    built by calling it on the first batch, so callbacks and the step function see
    its weights from the start."""
    if model.built and model.weights:
        return
    peek = getattr(iterator.data_adapter, "peek", None)
    batch = peek() if peek is not None else None
    if batch is None:
        return
    x, _, _ = data_adapter_utils.unpack_x_y_sample_weight(batch)
    with backend.trainer.no_grad():
        model(x, training=False)


def _cap_steps(iterator):
    cap = config_module.max_steps_per_epoch()
    if cap and (iterator.num_batches is None or iterator.num_batches > cap):
        iterator.steps_per_epoch = cap


def fit(model, x, y=None, batch_size=None, epochs=1, verbose="auto", callbacks=None,
        validation_split=0.0, validation_data=None, shuffle=True, class_weight=None,
        sample_weight=None, initial_epoch=0, steps_per_epoch=None, validation_steps=None,
        validation_batch_size=None, validation_freq=1):
    model._assert_compile_called("fit")
    verbose = _resolve_verbose(verbose)
    if config_module.max_epochs():
        epochs = min(epochs, config_module.max_epochs())
    if validation_split and validation_data is None:
        x, y, sample_weight = (standardize_arrays(v) for v in (x, y, sample_weight))
        (x, y, sample_weight), validation_data = data_adapter_utils.train_validation_split(
            (x, y, sample_weight), validation_split=validation_split)
    val_iterator = None
    if validation_data is not None:
        val_x, val_y, val_sw = data_adapter_utils.unpack_x_y_sample_weight(validation_data)
    iterator = EpochIterator(x, y, sample_weight, batch_size=batch_size,
                             steps_per_epoch=steps_per_epoch, shuffle=shuffle,
                             class_weight=class_weight,
                             steps_per_execution=model.steps_per_execution)
    _cap_steps(iterator)
    try:
        if validation_data is not None:
            val_iterator = EpochIterator(val_x, val_y, val_sw,
                                         batch_size=validation_batch_size or batch_size,
                                         steps_per_epoch=validation_steps, shuffle=False,
                                         steps_per_execution=model.steps_per_execution)
        _build_from_first_batch(model, iterator)
        callbacks = _callbacks(model, callbacks, verbose, epochs, iterator.num_batches,
                               add_history=True)
        model.stop_training = False
        model._initial_epoch, model._initial_step = None, 0
        train_function = model.make_train_function()
        callbacks.on_train_begin()
        metrics_fill = model._metrics_result_tensors
        batch_hooks = callbacks.has_hook("on_train_batch_begin")
        training_logs = None
        start_epoch = model._initial_epoch if model._initial_epoch is not None else initial_epoch
        skip = model._initial_step
        several = model.steps_per_execution > 1
        for epoch in range(start_epoch, epochs):
            model.reset_metrics()
            callbacks.on_epoch_begin(epoch)
            logs = None
            for step, data in iterator.enumerate_epoch():
                if skip:  # resuming mid-epoch (BackupAndRestore): these steps are done
                    skip = max(skip - (len(data) if several else 1), 0)
                    continue
                if batch_hooks:
                    callbacks.on_train_batch_begin(step)
                logs = train_function(data)
                if logs is None:
                    logs = LazyLogs(metrics_fill)
                callbacks.on_train_batch_end(step, logs)
                if model.stop_training:
                    break
            if iterator.out_of_data:
                model.stop_training = True
                if logs is None:  # the data ran out before this epoch's first step
                    break
            epoch_logs = _epoch_logs(model, logs)
            if val_iterator is not None and _should_eval(epoch, validation_freq):
                val_logs = evaluate(model, callbacks=callbacks, return_dict=True,
                                    _epoch_iterator=val_iterator, verbose=0)
                epoch_logs.update({"val_" + k: v for k, v in val_logs.items()})
            callbacks.on_epoch_end(epoch, epoch_logs)
            training_logs = epoch_logs
            if model.stop_training:
                break
        optimizer = model.optimizer
        if epochs > 0 and getattr(optimizer, "use_ema", False):
            optimizer.finalize_variable_values(model.trainable_variables)
        callbacks.on_train_end(logs=training_logs)
    finally:
        iterator.close()
        if val_iterator is not None:
            val_iterator.close()
        model._initial_epoch, model._initial_step = None, 0
    return model.history


def evaluate(model, x=None, y=None, batch_size=None, verbose="auto", sample_weight=None,
             steps=None, callbacks=None, return_dict=False, **kwargs):
    model._assert_compile_called("evaluate")
    iterator = kwargs.pop("_epoch_iterator", None)
    if kwargs:
        raise ValueError(f"evaluate() got unexpected keyword arguments: {sorted(kwargs)}")
    verbose = _resolve_verbose(verbose)
    own_iterator = iterator is None
    if own_iterator:
        iterator = EpochIterator(x, y, sample_weight, batch_size=batch_size,
                                 steps_per_epoch=steps, shuffle=False,
                                 steps_per_execution=model.steps_per_execution)
        _cap_steps(iterator)
    try:
        if own_iterator:
            _build_from_first_batch(model, iterator)
        callbacks = _callbacks(model, callbacks, verbose, 1, iterator.num_batches)
        test_function = model.make_test_function()
        model.stop_evaluating = False
        callbacks.on_test_begin()
        model.reset_metrics()
        metrics_fill = model._metrics_result_tensors
        batch_hooks = callbacks.has_hook("on_test_batch_begin")
        logs = None
        for step, data in iterator.enumerate_epoch():
            if batch_hooks:
                callbacks.on_test_batch_begin(step)
            logs = test_function(data)
            if logs is None:
                logs = LazyLogs(metrics_fill)
            callbacks.on_test_batch_end(step, logs)
            if model.stop_evaluating:
                break
        logs = _epoch_logs(model, logs)
        callbacks.on_test_end(logs)
    finally:
        if own_iterator:
            iterator.close()
    if return_dict:
        return logs
    return flatten_metrics_in_order(model, logs)


def predict(model, x, batch_size=None, verbose="auto", steps=None, callbacks=None):
    verbose = _resolve_verbose(verbose)
    if steps is None and callbacks is None and _fits_one_batch(x, batch_size or 32) \
            and model.steps_per_execution == 1:
        return _predict_one_batch(model, x, verbose)
    iterator = EpochIterator(x, batch_size=batch_size, steps_per_epoch=steps, shuffle=False,
                             steps_per_execution=model.steps_per_execution)
    _cap_steps(iterator)
    try:
        callbacks = _callbacks(model, callbacks, verbose, 1, iterator.num_batches)
        predict_function = _predict_function(model)
        model.stop_predicting = False
        callbacks.on_predict_begin()
        several = model.steps_per_execution > 1
        batch_hooks = callbacks.has_hook("on_predict_batch_begin")
        end_hooks = callbacks.has_hook("on_predict_batch_end")
        outputs = []
        for step, data in iterator.enumerate_epoch():
            if batch_hooks:
                callbacks.on_predict_batch_begin(step)
            batch_outputs = predict_function(data)
            if several:
                outputs.extend(batch_outputs)
            else:
                outputs.append(batch_outputs)
            if end_hooks:
                callbacks.on_predict_batch_end(step, {"outputs": batch_outputs})
            if model.stop_predicting:
                break
        callbacks.on_predict_end()
    finally:
        iterator.close()
    if not outputs:
        raise ValueError("predict() received no data: the input yielded no batch.")
    return backend.trainer.concatenate_outputs(outputs)


def _fits_one_batch(x, batch_size):
    """A single array (NumPy or backend tensor) no longer than one batch."""
    if isinstance(x, np.ndarray):
        return x.ndim > 0 and x.shape[0] <= batch_size and x.dtype.kind not in "USOV"
    return backend.is_tensor(x) and len(x.shape) > 0 and x.shape[0] <= batch_size


def _predict_one_batch(model, x, verbose):
    """predict() on one small array: what the loop would do for its single batch,
    without building an adapter and an iterator (single-sample latency)."""
    progbar = None
    if verbose:
        progbar = ProgbarLogger()
        progbar.set_model(model)
        progbar.set_params({"verbose": verbose, "epochs": 1, "steps": 1})
        progbar.on_predict_begin()
    outputs = _predict_function(model)(convert_leaf(x))
    if progbar is not None:
        progbar.on_predict_batch_end(0, None)
        progbar.on_predict_end()
    return backend.trainer.concatenate_outputs([outputs])


def _predict_function(model):
    # Rebuilt when the model got built since: a built graph runs its fast path.
    if model.predict_function is None or model._predict_function_key != model.built:
        return model.make_predict_function()
    return model.predict_function


def _single_batch(x, y=None, sample_weight=None):
    x, y, sample_weight = (standardize_arrays(v) for v in (x, y, sample_weight))
    if y is not None or sample_weight is not None:
        data_adapter_utils.check_lengths(x, y, sample_weight)
    return convert_batch(data_adapter_utils.pack_x_y_sample_weight(x, y, sample_weight))


def train_on_batch(model, x, y=None, sample_weight=None, class_weight=None,
                   return_dict=False):
    model._assert_compile_called("train_on_batch")
    sample_weight = data_adapter_utils.standardize_class_weight(
        standardize_arrays(y), standardize_arrays(sample_weight), class_weight)
    data = _single_batch(x, y, sample_weight)
    if not model.built or not model.weights:
        with backend.trainer.no_grad():
            model(data_adapter_utils.unpack_x_y_sample_weight(data)[0], training=False)
    function = model.make_train_function()
    logs = function([data] if model.steps_per_execution > 1 else data)
    logs = _epoch_logs(model, logs)
    return logs if return_dict else flatten_metrics_in_order(model, logs)


def test_on_batch(model, x, y=None, sample_weight=None, return_dict=False):
    model._assert_compile_called("test_on_batch")
    data = _single_batch(x, y, sample_weight)
    function = model.make_test_function()
    logs = function([data] if model.steps_per_execution > 1 else data)
    logs = _epoch_logs(model, logs)
    return logs if return_dict else flatten_metrics_in_order(model, logs)


def predict_on_batch(model, x):
    data = _single_batch(x)
    function = _predict_function(model)
    outputs = function([data] if model.steps_per_execution > 1 else data)
    if model.steps_per_execution > 1:
        outputs = outputs[0]
    return tree.map_structure(backend.convert_to_numpy, outputs)
