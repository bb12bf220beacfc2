"""Layer: the base class of every layer and model.

A layer stores validated constructor arguments, creates its weights in
``build(input_shape)`` with ``add_weight``, and does its math in ``call``.
``__call__`` adds what Keras users rely on: building on first call, symbolic
calls that record a graph node, ``training`` flowing to sublayers, masks,
input checks, autocasting and activity regularization.

On torch, a Layer is also a ``torch.nn.Module`` (see backend/torch/layer.py).
"""
import contextlib
import functools
import inspect

from ceras import backend, constraints, dtype_policies, initializers, regularizers
from ceras.backend import KerasTensor, any_symbolic, global_state, tree
from ceras.backend.common.stateless_scope import StatelessScope
from ceras.backend.common.variable import AUTOCAST
from ceras.layers.call_context import CONTEXT
from ceras.layers.input_spec import assert_input_compatibility
from ceras.layers.layer_tracking import LayerTrackingMixin
from ceras.ops.node import Node
from ceras.ops.operation import Operation


def _wrap_build(build):
    signature = inspect.signature(build)

    @functools.wraps(build)
    def wrapper(self, *args, **kwargs):
        if self._build_shapes is None:  # also when built directly, e.g. by a parent layer
            # Keras's build config: the one shape given, or every named *_shape given.
            bound = signature.bind(self, *args, **kwargs).arguments
            shapes = {k: v for k, v in bound.items() if k != "self" and v is not None}
            if len(shapes) == 1:
                self._build_shapes = next(iter(shapes.values()))
            elif shapes:
                self._build_shapes = _ShapesDict(shapes)
        # A subclass's build calling super().build() must not open the scope twice.
        inside = global_state.current_path().rsplit("/", 1)[-1] == self.name
        with global_state.NameScope(self.name) if not inside else _NO_SCOPE:
            result = build(self, *args, **kwargs)
        self.built = True
        self._post_build()
        return result

    wrapper._ceras_wrapped = True
    return wrapper


class Layer(LayerTrackingMixin, backend.BackendLayer, Operation):
    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        build = cls.__dict__.get("build")
        if build is not None and not getattr(build, "_ceras_wrapped", False):
            cls.build = _wrap_build(build)

    def __new__(cls, *args, **kwargs):
        instance = super().__new__(cls)
        # Remembered for the automatic get_config of user layers that define none.
        instance.__dict__["_init_args"] = (args, kwargs)
        return instance

    def __init__(self, *, activity_regularizer=None, trainable=True, dtype=None,
                 autocast=True, name=None, **kwargs):
        self._backend_init()
        self._init_tracking()
        input_shape = kwargs.pop("input_shape", None)
        batch_input_shape = kwargs.pop("batch_input_shape", None)
        input_dim = kwargs.pop("input_dim", None)
        batch_size = kwargs.pop("batch_size", None)
        kwargs.pop("input_length", None)  # Keras 2 argument of Embedding; ignored by Keras 3
        if kwargs:
            raise ValueError(
                f"Unrecognized keyword arguments passed to {type(self).__name__}: {kwargs}"
            )
        Operation.__init__(self, name=name)
        if batch_input_shape is not None:
            self._batch_input_shape = tuple(batch_input_shape)
        elif input_shape is not None:
            self._batch_input_shape = (batch_size,) + tuple(input_shape)
        elif input_dim is not None:
            self._batch_input_shape = (batch_size, int(input_dim))
        self.dtype_policy = dtype_policies.get(dtype)
        self._compute_backend_dtype = backend.to_backend_dtype(self.dtype_policy.compute_dtype)
        self._mixed_precision = (self.dtype_policy.compute_dtype !=
                                 self.dtype_policy.variable_dtype)
        self.autocast = autocast
        self.built = False
        self._trainable = bool(trainable)
        self.supports_masking = False
        self.input_spec = None
        self._build_shapes = None
        self._losses = []
        self._losses_call_id = -1
        self.activity_regularizer = regularizers.get(activity_regularizer)
        params = inspect.signature(self.call).parameters
        self._call_has_training = "training" in params
        self._call_training_default = params["training"].default if (
            self._call_has_training and params["training"].default is not inspect.Parameter.empty
        ) else None
        self._call_has_mask = "mask" in params
        self._call_accepts_kwargs = any(p.kind == p.VAR_KEYWORD for p in params.values())
        self._call_arg_names = [n for n in params if n not in ("training", "mask")]
        self._computes_mask = type(self).compute_mask is not Layer.compute_mask

    # -- dtypes --------------------------------------------------------------
    @property
    def dtype(self):
        return self.dtype_policy.variable_dtype

    @property
    def compute_dtype(self):
        return self.dtype_policy.compute_dtype

    @property
    def variable_dtype(self):
        return self.dtype_policy.variable_dtype

    # -- building ------------------------------------------------------------
    def build(self, input_shape=None):
        self.built = True

    def _post_build(self):
        """Hook run after build; layers use it to lock state (nothing by default)."""

    def _maybe_build(self, args, kwargs):
        first = args[0] if args else next(iter(kwargs.values()), None)
        shapes = tree.map_structure(
            lambda x: tuple(x.shape) if hasattr(x, "shape") else None, first)
        self._build_shapes = shapes
        build = type(self).build
        names = [n for n in inspect.signature(build).parameters if n != "self"]
        if len(names) > 1 and all(n.endswith("_shape") for n in names):
            bound = dict(zip(self._call_arg_names, args))
            bound.update(kwargs)
            shape_args = {}
            for n in names:
                value = bound.get(n[: -len("_shape")])
                shape_args[n] = tree.map_structure(
                    lambda x: tuple(x.shape) if hasattr(x, "shape") else None, value)
            self._build_shapes = None  # recorded by build's wrapper, by argument name
            self.build(**shape_args)
        else:
            self.build(shapes)
        if not self.built:  # a build() that did not call super().build()
            self.built = True

    def get_build_config(self):
        if self._build_shapes is None:
            return None
        if isinstance(self._build_shapes, _ShapesDict):
            return {"shapes_dict": dict(self._build_shapes)}
        return {"input_shape": self._build_shapes}

    def build_from_config(self, config):
        if not config or self.built:
            return
        if "input_shape" in config:
            self.build(config["input_shape"])
        elif "shapes_dict" in config:
            self.build(**config["shapes_dict"])

    # -- weights -------------------------------------------------------------
    def add_weight(self, shape=None, initializer=None, dtype=None, trainable=True,
                   autocast=True, regularizer=None, constraint=None, aggregation="none",
                   overwrite_with_gradient=False, name=None):
        shape = () if shape is None else tuple(shape)
        dtype = backend.standardize_dtype(dtype or self.variable_dtype)
        if initializer is None:
            initializer = "glorot_uniform" if backend.is_float(dtype) else "zeros"
        init = initializers.get(initializer)
        # build() already runs inside this layer's name scope; a weight added from
        # __init__ or call() gets it here.
        inside = global_state.current_path().rsplit("/", 1)[-1] == self.name
        with global_state.NameScope(self.name) if not inside else _NO_SCOPE:
            variable = backend.Variable(init, shape=shape, dtype=dtype, trainable=trainable,
                                        autocast=autocast, aggregation=aggregation, name=name)
        variable.regularizer = regularizers.get(regularizer)
        variable.constraint = constraints.get(constraint)
        variable.overwrite_with_gradient = overwrite_with_gradient
        self._track_variable(variable)
        return variable

    def add_variable(self, shape, initializer, dtype=None, trainable=True, autocast=True,
                     regularizer=None, constraint=None, name=None):
        return self.add_weight(shape=shape, initializer=initializer, dtype=dtype,
                               trainable=trainable, autocast=autocast, regularizer=regularizer,
                               constraint=constraint, name=name)

    @property
    def trainable(self):
        return self._trainable

    @trainable.setter
    def trainable(self, value):
        value = bool(value)
        self._trainable = value
        for v in self._trainable_variables:
            v.trainable = value
        for layer in self._layers:
            layer.trainable = value

    def get_weights(self):
        return [v.numpy() for v in self.weights]

    def set_weights(self, weights):
        own = self.weights
        if len(weights) != len(own):
            raise ValueError(
                f'Layer "{self.name}" expects {len(own)} weights, but set_weights received '
                f"{len(weights)} arrays."
            )
        for variable, value in zip(own, weights):
            if tuple(variable.shape) != tuple(getattr(value, "shape", ())):
                raise ValueError(
                    f'Layer "{self.name}" weight shape mismatch for {variable.path!r}: '
                    f"expected {tuple(variable.shape)}, received {tuple(value.shape)}"
                )
            variable.assign(value)

    def count_params(self):
        if not self.built:
            raise ValueError(
                f'Layer "{self.name}" is not built yet, so its weights do not exist: call it '
                "on data or call build(input_shape) before count_params()."
            )
        total = 0
        for v in self.weights:
            n = 1
            for d in v.shape:
                n *= d
            total += n
        return total

    # -- losses --------------------------------------------------------------
    def add_loss(self, loss):
        if self._losses_call_id != CONTEXT.call_id:
            self._losses = []
            self._losses_call_id = CONTEXT.call_id
        self._losses.append(loss)
        CONTEXT.had_losses = True

    @property
    def losses(self):
        out = []
        for layer in self._flatten_layers(include_self=True):
            if layer._losses_call_id == CONTEXT.call_id:
                out.extend(layer._losses)
            for v in layer._trainable_variables + layer._non_trainable_variables:
                if v.regularizer is not None:
                    out.append(v.regularizer(v.value))
        return out

    # -- masking -------------------------------------------------------------
    def compute_mask(self, inputs, previous_mask=None):
        return previous_mask if self.supports_masking else None

    # -- shapes --------------------------------------------------------------
    def compute_output_shape(self, *args, **kwargs):
        spec = self.compute_output_spec(
            *tree.map_structure(lambda s: KerasTensor(s, dtype=self.compute_dtype), args),
            **kwargs)
        return tree.map_structure(lambda t: t.shape, spec)

    def compute_output_spec(self, *args, **kwargs):
        if type(self).compute_output_shape is not Layer.compute_output_shape:
            shapes = tree.map_structure(lambda x: x.shape if isinstance(x, KerasTensor) else x,
                                        args[0] if len(args) == 1 else list(args))
            out = self.compute_output_shape(shapes)
            return _shapes_to_tensors(out, self.compute_dtype)
        return backend.compute_output_spec(self.call, *args, **kwargs)

    # -- calling -------------------------------------------------------------
    def __call__(self, *args, **kwargs):
        if any_symbolic(args, kwargs):
            return self._symbolic_call(args, kwargs)
        ctx = CONTEXT
        outer_training = ctx.training
        if ctx.depth == 0:
            ctx.call_id += 1
            ctx.had_losses = False
        if args and self.autocast:
            x = args[0]
            cast = backend.core.cast_floating(x, self._compute_backend_dtype) \
                if not isinstance(x, (list, tuple, dict)) else x
            if cast is not x:
                args = (cast,) + args[1:]
        if not self.built:
            self._maybe_build(args, kwargs)
        if self.input_spec is not None:
            assert_input_compatibility(self.input_spec, args[0] if args else None, self.name)
        training = kwargs.get("training")
        if training is None:
            training = outer_training
        if self._call_has_training:
            # Neither given nor inherited: the default of this layer's call signature.
            kwargs["training"] = self._call_training_default if training is None else training
        elif "training" in kwargs and not self._call_accepts_kwargs:
            del kwargs["training"]
        previous_mask = None
        if self._call_has_mask or self.supports_masking:
            previous_mask = kwargs.get("mask")
            if previous_mask is None and args:
                previous_mask = _collect_mask(args[0])
            if self._call_has_mask and previous_mask is not None:
                kwargs["mask"] = previous_mask
        ctx.training = training
        ctx.depth += 1
        if self._mixed_precision:
            outer_autocast = AUTOCAST[0]
            AUTOCAST[0] = self.compute_dtype
        try:
            outputs = self.call(*args, **kwargs)
        finally:
            ctx.depth -= 1
            ctx.training = outer_training
            if self._mixed_precision:
                AUTOCAST[0] = outer_autocast
        if self.activity_regularizer is not None:
            for out in tree.flatten(outputs):
                penalty = self.activity_regularizer(out)
                if getattr(out, "ndim", 0):  # Keras divides the penalty by the batch size
                    penalty = penalty / out.shape[0]
                self.add_loss(penalty)
        if self._computes_mask or (self.supports_masking and previous_mask is not None):
            mask = self.compute_mask(args[0] if args else None, previous_mask)
            if mask is not None:
                _set_mask(outputs, mask)
        return outputs

    def _symbolic_call(self, args, kwargs):
        if not self.built:
            self._maybe_build(args, kwargs)
        if self.input_spec is not None:
            assert_input_compatibility(self.input_spec, args[0] if args else None, self.name)
        previous_mask = None
        if self._call_has_mask or self.supports_masking or self._computes_mask:
            previous_mask = kwargs.get("mask")
            if previous_mask is None and args:
                previous_mask = _collect_mask(args[0])
        call_kwargs = dict(kwargs)
        if self._call_has_mask and previous_mask is not None and "mask" not in kwargs:
            call_kwargs["mask"] = previous_mask
        if not self._call_has_training:
            call_kwargs.pop("training", None)
        try:
            outputs = self.compute_output_spec(*args, **call_kwargs)
        except (ValueError, TypeError, RuntimeError, IndexError) as e:
            if isinstance(e, ValueError) and f'"{self.name}"' in str(e):
                raise
            raise type(e)(
                f'Exception encountered when calling {type(self).__name__} "{self.name}" '
                f"on inputs {_describe(args)}: {e}"
            ) from e
        if self._computes_mask or (self.supports_masking and previous_mask is not None):
            mask = backend.compute_output_spec(self.compute_mask, args[0], previous_mask)
            if mask is not None:
                _set_mask(outputs, mask)
        Node(self, args, kwargs, outputs)
        return outputs

    def call(self, *args, **kwargs):
        raise NotImplementedError(
            f"Layer {type(self).__name__} does not implement call(); subclasses must define it"
        )

    def stateless_call(self, trainable_variables, non_trainable_variables, *args,
                       return_losses=False, **kwargs):
        """Call the layer on given variable values, changing no state.

        Returns ``(outputs, non_trainable_variables)`` (the values the non-trainable
        variables would have after the call: moving statistics, seed states), plus the
        losses added during the call with ``return_losses=True``. On JAX this is how a
        layer runs inside ``jax.jit`` / ``jax.grad``.

        Example:

        >>> outputs, non_trainable = model.stateless_call(
        ...     [v.value for v in model.trainable_variables],
        ...     [v.value for v in model.non_trainable_variables], x)
        """
        if not self.built:
            raise ValueError(
                f'To call stateless_call, layer "{self.name}" must be built (its variables '
                "created): call it on data or call build(input_shape) first.")
        trainable, non_trainable = self.trainable_variables, self.non_trainable_variables
        for given, own, kind in ((trainable_variables, trainable, "trainable_variables"),
                                 (non_trainable_variables, non_trainable,
                                  "non_trainable_variables")):
            if len(given) != len(own):
                raise ValueError(
                    f'Argument `{kind}` of stateless_call on layer "{self.name}" must hold '
                    f"{len(own)} values (one per variable of `layer.{kind}`), received "
                    f"{len(given)}")
        pairs = list(zip(trainable, trainable_variables)) + list(
            zip(non_trainable, non_trainable_variables))
        with StatelessScope(pairs) as scope:
            if getattr(backend.Variable, "STATELESS_SCOPE_AWARE", False):
                outputs = self(*args, **kwargs)
                new_values = [scope.get_current_value(v) for v in non_trainable]
            else:  # Variables that ignore the scope (torch): swap the values in and out
                outputs, new_values = _swapped_call(self, pairs, non_trainable, args, kwargs)
            losses = list(self.losses) if return_losses else None
        if return_losses:
            return outputs, new_values, losses
        return outputs, new_values

    # -- config --------------------------------------------------------------
    def get_config(self):
        config = {"name": self.name, "trainable": self.trainable,
                  "dtype": dtype_policies.serialize(self.dtype_policy)}
        if (type(self).get_config is Layer.get_config and type(self).__init__ is not Layer.__init__
                and not type(self).__module__.startswith("ceras.")):
            args, kwargs = self.__dict__.get("_init_args", ((), {}))
            if args:
                raise NotImplementedError(
                    f"Layer {type(self).__name__} was created with positional arguments and "
                    "defines no get_config(); override get_config() to make it serializable."
                )
            config.update({k: v for k, v in kwargs.items()
                           if k not in ("name", "trainable", "dtype")})
        return config

    @classmethod
    def from_config(cls, config):
        config = dict(config)
        if isinstance(config.get("dtype"), dict):
            config["dtype"] = dtype_policies.deserialize(config["dtype"])
        try:
            return cls(**config)
        except TypeError as e:
            raise TypeError(
                f"Error when deserializing class '{cls.__name__}' using config={config}: {e}"
            ) from e

    def __repr__(self):
        return f"<{type(self).__name__} name={self.name}, built={self.built}>"


_NO_SCOPE = contextlib.nullcontext()


def _swapped_call(layer, pairs, non_trainable, args, kwargs):
    saved = [(v, v.numpy()) for v, _ in pairs]
    try:
        for variable, value in pairs:
            variable.assign(value)
        outputs = layer(*args, **kwargs)
        return outputs, [backend.numpy.copy(v.value) for v in non_trainable]
    finally:
        for variable, value in saved:
            variable.assign(value)


class _ShapesDict(dict):
    """The shapes of a multi-input build (``build(query_shape, value_shape)``), by name."""


def _collect_mask(x):
    if isinstance(x, (list, tuple)):
        masks = [getattr(t, "_keras_mask", None) for t in x]
        return None if all(m is None for m in masks) else masks
    return getattr(x, "_keras_mask", None)


def _set_mask(outputs, mask):
    flat_out = tree.flatten(outputs)
    flat_mask = tree.flatten(mask) if isinstance(mask, (list, tuple)) else [mask] * len(flat_out)
    for out, m in zip(flat_out, flat_mask):
        try:
            out._keras_mask = m
        except AttributeError:
            pass


def _shapes_to_tensors(shapes, dtype):
    if isinstance(shapes, tuple) and all(d is None or isinstance(d, int) for d in shapes):
        return KerasTensor(shapes, dtype=dtype)
    if isinstance(shapes, dict):
        return {k: _shapes_to_tensors(v, dtype) for k, v in shapes.items()}
    return type(shapes)(_shapes_to_tensors(s, dtype) for s in shapes)


def _describe(args):
    return tree.map_structure(
        lambda x: f"shape={x.shape}, dtype={x.dtype}" if hasattr(x, "shape") else repr(x), args)
