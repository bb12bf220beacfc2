"""Trainer: the compile / fit / evaluate / predict mixin of Model.

The loops live in ``loops.py`` and are the same for every backend; each step
comes from the backend (``backend.trainer``). What the step needs from the
model that is not backend-specific (the call context, the compiled loss,
regularization losses, metrics) is built here once per fit, as closures.
"""
from ceras import backend
from ceras import metrics as metrics_module
from ceras import optimizers as optimizers_module
from ceras.layers.call_context import CONTEXT
from ceras.trainers import compile_config, compile_utils, loops


class Trainer:
    def __init__(self):
        self.compiled = False
        self.optimizer = None
        self.loss = None
        self.stop_training = False
        self.stop_evaluating = False
        self.stop_predicting = False
        self.history = None
        self.steps_per_execution = 1
        self.jit_compile = False
        self.run_eagerly = False
        self.train_function = None
        self.test_function = None
        self.predict_function = None
        self._train_function_key = None
        self._test_function_key = None
        self._predict_function_key = None
        self._compile_loss = None
        self._compile_metrics = None
        self._loss_tracker = None
        self._compile_config = None
        self._initial_epoch = None
        self._initial_step = 0

    # -- compile ---------------------------------------------------------------
    def compile(self, optimizer="rmsprop", loss=None, loss_weights=None, metrics=None,
                weighted_metrics=None, run_eagerly=False, steps_per_execution=1,
                jit_compile="auto", auto_scale_loss=True):
        """Configure the model for training.

        Args:
            optimizer: name or optimizer instance (default "rmsprop").
            loss: name, function or Loss; for several outputs, a list or a dict
                keyed by output name. 'crossentropy' picks binary / sparse / one-hot
                crossentropy from the shapes of the data.
            loss_weights: per-output weights of the losses (list or dict).
            metrics: metrics ignoring sample weights: a list, or per output a list of
                lists or a dict; 'accuracy' / 'acc' picks binary / sparse / one-hot
                accuracy from the shapes.
            weighted_metrics: metrics that use ``sample_weight`` / ``class_weight``.
            run_eagerly: accepted for compatibility; torch steps always run eagerly
                unless ``jit_compile`` is on.
            steps_per_execution: batches per call of the step function; batch-level
                callbacks run once per call.
            jit_compile: True compiles the forward and loss with ``torch.compile``;
                "auto" (default) does not (as Keras on torch).
            auto_scale_loss: scale the loss under a ``mixed_float16`` dtype policy.

        Example:
            >>> model.compile(optimizer="adam", loss="sparse_categorical_crossentropy",
            ...               metrics=["accuracy"])
        """
        self.optimizer = optimizers_module.get(optimizer)
        if auto_scale_loss and self.optimizer is not None and \
                getattr(self.dtype_policy, "name", None) == "mixed_float16" and \
                not isinstance(self.optimizer, optimizers_module.LossScaleOptimizer):
            # float16 gradients underflow without loss scaling (as Keras does here).
            self.optimizer = optimizers_module.LossScaleOptimizer(self.optimizer)
        output_names = compile_config.output_names(self)
        self._compile_loss = compile_utils.CompileLoss(loss, loss_weights, output_names) \
            if loss is not None else None
        self._compile_metrics = compile_utils.CompileMetrics(
            metrics, weighted_metrics, output_names) if metrics or weighted_metrics else None
        self.loss = loss
        self._loss_tracker = metrics_module.Mean(name="loss")
        if not isinstance(steps_per_execution, int) or steps_per_execution < 1:
            raise ValueError(
                "`steps_per_execution` must be a positive integer, received "
                f"steps_per_execution={steps_per_execution!r}")
        if jit_compile not in (True, False, "auto"):
            raise ValueError(
                f"`jit_compile` must be True, False or 'auto', received {jit_compile!r}")
        if jit_compile == "auto" or run_eagerly:
            jit_compile = False
        self.run_eagerly = bool(run_eagerly)
        self.jit_compile = jit_compile
        self.steps_per_execution = steps_per_execution
        self.auto_scale_loss = auto_scale_loss
        self.stop_training = False
        self.compiled = True
        self.train_function = self.test_function = self.predict_function = None
        self._compile_config = {
            "optimizer": optimizer, "loss": loss, "loss_weights": loss_weights,
            "metrics": metrics, "weighted_metrics": weighted_metrics,
            "run_eagerly": run_eagerly, "steps_per_execution": steps_per_execution,
            "jit_compile": jit_compile, "auto_scale_loss": auto_scale_loss,
        }

    def get_compile_config(self):
        """The arguments of ``compile`` in serialized form (saved in .keras files)."""
        return compile_config.get_compile_config(self)

    @property
    def compile_config(self):
        return self.get_compile_config()

    def compile_from_config(self, config):
        """Compile from the output of ``get_compile_config`` (used by ``load_model``)."""
        compile_config.compile_from_config(self, config)

    def _assert_compile_called(self, method_name):
        if not self.compiled:
            raise ValueError(
                f'You must call `compile()` before calling `{method_name}()` on model '
                f'"{self.name}". For example: model.compile(optimizer="adam", loss="mse").')

    # -- metrics ---------------------------------------------------------------
    @property
    def metrics(self):
        """The loss tracker, the compiled metrics and the per-output losses, then any
        Metric held as an attribute of the model or its layers."""
        out = []
        if self.compiled:
            if self._loss_tracker is not None:
                out.append(self._loss_tracker)
            if self._compile_metrics is not None:
                out.append(self._compile_metrics)
            if self._compile_loss is not None:
                out.extend(self._compile_loss.metrics)
        seen = {id(m) for m in out}
        for layer in self._flatten_layers(include_self=True):
            for value in list(vars(layer).values()):
                if isinstance(value, metrics_module.Metric) and id(value) not in seen:
                    seen.add(id(value))
                    out.append(value)
        return out

    @property
    def metrics_names(self):
        return [m.name for m in self.metrics]

    @property
    def metrics_variables(self):
        out = []
        for metric in self.metrics:
            out.extend(metric.variables)
        return out

    def reset_metrics(self):
        for metric in self.metrics:
            metric.reset_state()

    def _metrics_result_tensors(self):
        results = {}
        for metric in self.metrics:
            value = metric.result()
            if isinstance(value, dict):
                results.update(value)
            else:
                results[metric.name] = value
        return results

    def get_metrics_result(self):
        """The current value of every metric, as Python floats, by name."""
        return loops.pythonify_logs(self._metrics_result_tensors())

    # -- the pieces of a step ----------------------------------------------------
    def compute_loss(self, x=None, y=None, y_pred=None, sample_weight=None, training=True):
        """The total loss: the compiled loss plus the model's own losses
        (regularizers, ``add_loss``). Override to customize the loss of a step."""
        del x, training
        values = []
        if self._compile_loss is not None:
            values.append(self._compile_loss(y, y_pred, sample_weight))
        for extra in self.losses:
            values.append(backend.cast(extra, backend.floatx()) if backend.is_tensor(extra)
                          else extra)
        return compile_utils.total_loss(values)

    def _compute_loss_checked(self, x, y, y_pred, sample_weight, training=True):
        loss = self.compute_loss(x=x, y=y, y_pred=y_pred, sample_weight=sample_weight,
                                 training=training)
        if loss is None:
            raise ValueError(
                "No loss to compute. Provide a `loss` argument in `compile()`.")
        return loss

    def compute_metrics(self, x, y, y_pred, sample_weight=None):
        """Update the compiled metrics with a batch; returns the current results (tensors)."""
        del x
        if self._compile_metrics is not None:
            self._compile_metrics.update_state(y, y_pred, sample_weight=sample_weight)
        return self._metrics_result_tensors()

    def train_step(self, data):
        """One training step on ``data`` (``(x, y)``, ``(x, y, sample_weight)`` or ``x``);
        returns the logs. Override to customize training, as in Keras on torch."""
        return backend.trainer.train_step(self, data)

    def test_step(self, data):
        """One evaluation step; returns the logs."""
        return backend.trainer.test_step(self, data)

    def predict_step(self, data):
        """One prediction step; returns the model's outputs for ``x``."""
        return backend.trainer.predict_step(self, data)

    def _uses_default_step(self, name):
        return getattr(type(self), name) is getattr(Trainer, name)

    def _step_forward(self, training):
        """The model call of a step. A built Functional / Sequential model runs its
        call plan directly; ``Layer.__call__`` would only re-check what was checked
        when the graph was built."""
        ctx = CONTEXT
        fast = self.built and self.activity_regularizer is None and (
            hasattr(self, "_steps") or getattr(self, "_functional", None) is not None)
        if not fast:
            if self._call_has_training:
                return lambda x: self(x, training=training)
            return lambda x: self(x)
        call = self.call

        def forward(x):
            ctx.call_id += 1
            ctx.had_losses = False
            previous = ctx.training
            ctx.training = training
            ctx.depth += 1
            try:
                return call(x, training=training)
            finally:
                ctx.depth -= 1
                ctx.training = previous

        return forward

    def _step_loss(self, training):
        """``fn(x, y, y_pred, sample_weight)`` -> the total loss of a step."""
        if type(self).compute_loss is not Trainer.compute_loss:
            return lambda x, y, y_pred, sw: self._compute_loss_checked(x, y, y_pred, sw, training)
        compile_loss = self._compile_loss
        regularized = None  # known once the model is built (after the first forward)
        ctx = CONTEXT

        def loss_fn(x, y, y_pred, sample_weight):
            nonlocal regularized
            if regularized is None:
                regularized = any(getattr(v, "regularizer", None) is not None
                                  for v in self.weights)
            loss = compile_loss(y, y_pred, sample_weight) if compile_loss is not None else None
            if regularized or ctx.had_losses:
                extra = self.losses
                if extra:
                    total = compile_utils.total_loss(extra)
                    loss = total if loss is None else loss + total
            if loss is None:
                raise ValueError(
                    "No loss to compute. Provide a `loss` argument in `compile()`.")
            return loss

        return loss_fn

    def _step_metrics(self):
        """``fn(x, y, y_pred, sample_weight)`` updating the metrics, or None."""
        if type(self).compute_metrics is not Trainer.compute_metrics:
            return lambda x, y, y_pred, sw: self.compute_metrics(x, y, y_pred, sample_weight=sw)
        metrics = self._compile_metrics
        if metrics is None:
            return None
        return lambda x, y, y_pred, sw: metrics.update_state(y, y_pred, sample_weight=sw)

    def _function_key(self):
        # What a step function depends on beyond compile(): the model being built and
        # which variables are trainable (changing `trainable` needs a new function).
        return self.built, tuple(id(v) for v in self.trainable_variables)

    def make_train_function(self, force=False):
        key = self._function_key()
        if self.train_function is None or force or key != self._train_function_key:
            self._train_function_key = key
            self.train_function = backend.trainer.make_train_function(
                self, self.steps_per_execution, self.jit_compile)
        return self.train_function

    def make_test_function(self, force=False):
        key = self.built
        if self.test_function is None or force or key != self._test_function_key:
            self._test_function_key = key
            self.test_function = backend.trainer.make_test_function(
                self, self.steps_per_execution, self.jit_compile)
        return self.test_function

    def make_predict_function(self, force=False):
        key = self.built
        if self.predict_function is None or force or key != self._predict_function_key:
            self._predict_function_key = key
            self.predict_function = backend.trainer.make_predict_function(
                self, self.steps_per_execution, self.jit_compile)
        return self.predict_function

    # -- fit / evaluate / predict ------------------------------------------------
    def fit(self, x=None, y=None, batch_size=None, epochs=1, verbose="auto", callbacks=None,
            validation_split=0.0, validation_data=None, shuffle=True, class_weight=None,
            sample_weight=None, initial_epoch=0, steps_per_epoch=None, validation_steps=None,
            validation_batch_size=None, validation_freq=1):
        """Train the model for ``epochs`` epochs; returns a ``History``.

        Args:
            x, y: inputs and targets: arrays (NumPy, tensors, pandas), lists or dicts
                of them; or ``x`` alone as a generator, PyDataset or torch DataLoader /
                Dataset yielding ``(x, y)`` or ``(x, y, sample_weight)``.
            batch_size: samples per step for arrays (default 32). The last, smaller
                batch is kept.
            epochs: index of the last epoch (training runs from ``initial_epoch``).
            verbose: "auto" (= 1), 0 (silent), 1 (progress bar), 2 (a line per epoch).
            callbacks: list of ``ceras.callbacks.Callback``.
            validation_split: fraction of the arrays (the last samples, before
                shuffling) held out for validation.
            validation_data: ``(x_val, y_val)`` or ``(x_val, y_val, sample_weight)``, or
                any data source; takes precedence over ``validation_split``.
            shuffle: True (every epoch), False, or "batch" (batch-sized chunks).
            class_weight: dict of class index to loss weight.
            sample_weight: per-sample (or per-timestep) loss weights.
            initial_epoch: epoch to start from (to resume a run).
            steps_per_epoch: steps per epoch (default: one pass over the data).
            validation_steps: validation steps per epoch (default: one pass).
            validation_batch_size: batch size of validation (default: batch_size).
            validation_freq: validate every this many epochs (int), or on these
                epochs (a list of 1-based epoch numbers).
        """
        return loops.fit(self, x, y, batch_size=batch_size, epochs=epochs, verbose=verbose,
                         callbacks=callbacks, validation_split=validation_split,
                         validation_data=validation_data, shuffle=shuffle,
                         class_weight=class_weight, sample_weight=sample_weight,
                         initial_epoch=initial_epoch, steps_per_epoch=steps_per_epoch,
                         validation_steps=validation_steps,
                         validation_batch_size=validation_batch_size,
                         validation_freq=validation_freq)

    def evaluate(self, x=None, y=None, batch_size=None, verbose="auto", sample_weight=None,
                 steps=None, callbacks=None, return_dict=False, **kwargs):
        """The loss and metrics on the data: a list (loss first, a scalar when there is
        nothing else), or a dict with ``return_dict=True``."""
        return loops.evaluate(self, x, y, batch_size=batch_size, verbose=verbose,
                              sample_weight=sample_weight, steps=steps, callbacks=callbacks,
                              return_dict=return_dict, **kwargs)

    def predict(self, x, batch_size=None, verbose="auto", steps=None, callbacks=None):
        """The model's outputs for ``x``, batch by batch, as NumPy arrays."""
        return loops.predict(self, x, batch_size=batch_size, verbose=verbose, steps=steps,
                             callbacks=callbacks)

    def train_on_batch(self, x, y=None, sample_weight=None, class_weight=None,
                       return_dict=False):
        """One training step on one batch; returns the running metrics (loss first)."""
        return loops.train_on_batch(self, x, y, sample_weight=sample_weight,
                                    class_weight=class_weight, return_dict=return_dict)

    def test_on_batch(self, x, y=None, sample_weight=None, return_dict=False):
        """The loss and metrics on one batch (metrics keep running across calls)."""
        return loops.test_on_batch(self, x, y, sample_weight=sample_weight,
                                   return_dict=return_dict)

    def predict_on_batch(self, x):
        """The model's outputs for one batch, as NumPy arrays."""
        return loops.predict_on_batch(self, x)

