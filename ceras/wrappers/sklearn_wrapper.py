"""scikit-learn estimators around ceras models (keras.wrappers).

The three wrappers are real scikit-learn estimators (``BaseEstimator`` plus the
matching mixin), so ``clone``, ``get_params`` / ``set_params``, pipelines,
``cross_val_score`` and ``GridSearchCV`` work on them. scikit-learn is an optional
dependency: ``pip install ceras[sklearn]``.
"""
import os
import tempfile

import numpy as np

from ceras.models.cloning import clone_model
from ceras.models.model import Model

try:
    import sklearn
    from sklearn.base import BaseEstimator, ClassifierMixin, RegressorMixin, TransformerMixin
except ImportError:  # the wrappers then refuse to be constructed
    sklearn = None

    class BaseEstimator:
        pass

    class ClassifierMixin:
        pass

    class RegressorMixin:
        pass

    class TransformerMixin:
        pass


def _require_sklearn(name):
    if sklearn is None:
        raise ImportError(
            f"{name} requires scikit-learn, which is not installed. Install it with "
            "`pip install scikit-learn` (or `pip install ceras[sklearn]`).")


def _validate_data(estimator, X, *y, reset=True):
    from sklearn.utils.validation import validate_data  # noqa: PLC0415 - optional dep

    if y:  # fit: y is required (sklearn's own message when it is None)
        return validate_data(estimator, X, y[0], reset=reset, multi_output=True)
    return validate_data(estimator, X, reset=reset)


def _model_to_bytes(model):
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "model.keras")
        model.save(path)
        with open(path, "rb") as f:
            return f.read()


def _model_from_bytes(data):
    from ceras.saving.saving_api import load_model  # noqa: PLC0415 - saving sits above

    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "model.keras")
        with open(path, "wb") as f:
            f.write(data)
        return load_model(path)


class _PickledModel:
    """A model inside a pickled wrapper: its ``.keras`` archive as bytes."""

    def __init__(self, data):
        self.data = data


def _copy_model(model):
    """A compiled model with the architecture, weights and compile settings of
    ``model``: what ``sklearn.clone`` hands to the new estimator."""
    copy = _compiled_clone(model)
    if model.built and copy.built:
        copy.set_weights(model.get_weights())
    return copy


def _compiled_clone(model):
    """``clone_model`` (fresh weights), compiled as ``model`` is (as Keras's clone is)."""
    copy = clone_model(model)
    if model.compiled and not copy.compiled:
        copy.compile_from_config(model.get_compile_config())
    return copy


def _check_compiled(model):
    if not getattr(model, "compiled", False) or not model.loss or model.optimizer is None:
        raise RuntimeError(
            "The model given to a scikit-learn wrapper must be compiled with a loss and an "
            f'optimizer; model "{model.name}" has compiled={model.compiled}, '
            f"loss={model.loss!r}. Call model.compile(optimizer=..., loss=...) first.")


class SKLBase(BaseEstimator):
    """Shared machinery of the scikit-learn wrappers.

    Args:
        model: a compiled ``ceras.Model``, or a callable returning one. A Model is
            cloned (fresh weights, same compile settings) before each fit unless
            ``warm_start=True``. A callable is called as ``model(X=X, y=y,
            **model_kwargs)`` with the validated data (``y`` after target encoding).
        warm_start: reuse the fitted model (and its weights) on the next ``fit``
            instead of starting from a fresh clone (default False).
        model_kwargs: keyword arguments of ``model`` when it is a callable.
        fit_kwargs: keyword arguments of ``model.fit``; those given to the
            wrapper's ``fit`` take precedence.

    Attributes:
        model_: the fitted model.
        history_: ``History.history`` of the last fit (a dict of lists).
    """

    def __init__(self, model, warm_start=False, model_kwargs=None, fit_kwargs=None):
        _require_sklearn(type(self).__name__)
        self.model = model
        self.warm_start = warm_start
        self.model_kwargs = model_kwargs
        self.fit_kwargs = fit_kwargs

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.non_deterministic = True
        return tags

    def __sklearn_clone__(self):
        # sklearn's default clone deep-copies the params; a model is copied through its
        # config and weights instead, which keeps it compiled and independent.
        model = _copy_model(self.model) if isinstance(self.model, Model) else self.model
        return type(self)(model=model, warm_start=self.warm_start,
                          model_kwargs=self.model_kwargs, fit_kwargs=self.fit_kwargs)

    def __getstate__(self):
        # Models travel as .keras archives (config, weights, optimizer state), so
        # a fitted wrapper pickles like any scikit-learn estimator.
        state = dict(self.__dict__)
        for key in ("model", "model_"):
            if isinstance(state.get(key), Model):
                state[key] = _PickledModel(_model_to_bytes(state[key]))
        return state

    def __setstate__(self, state):
        for key in ("model", "model_"):
            if isinstance(state.get(key), _PickledModel):
                state[key] = _model_from_bytes(state[key].data)
        self.__dict__.update(state)

    @property
    def epoch_(self):
        """The number of epochs run by the last fit."""
        return len(getattr(self, "history_", {}).get("loss", []))

    def _get_model(self, X, y):
        if self.warm_start and hasattr(self, "model_"):
            return self.model_
        if isinstance(self.model, Model):
            return self.model if self.warm_start else _compiled_clone(self.model)
        if not callable(self.model):
            raise TypeError(
                f"{type(self).__name__}: `model` must be a ceras Model or a callable "
                f"returning one; received {self.model!r} of type {type(self.model).__name__}")
        model = self.model(X=X, y=y, **(self.model_kwargs or {}))
        if not isinstance(model, Model):
            raise TypeError(
                f"{type(self).__name__}: the `model` callable must return a ceras Model; "
                f"it returned {model!r} of type {type(model).__name__}")
        return model

    def fit(self, X, y, **kwargs):
        """Fit the model on ``X`` (n_samples, n_features) and ``y`` (n_samples,) or
        (n_samples, n_outputs); ``kwargs`` go to ``model.fit``."""
        X, y = _validate_data(self, X, y, reset=True)
        y = self._encode_target(y, reset=True)
        model = self._get_model(X, y)
        _check_compiled(model)
        fit_kwargs = dict(self.fit_kwargs or {})
        fit_kwargs.update(kwargs)
        history = model.fit(X, y, **fit_kwargs)
        self.history_ = dict(history.history)
        self.model_ = model
        return self

    def _raw_predict(self, X):
        from sklearn.utils.validation import check_is_fitted  # noqa: PLC0415

        check_is_fitted(self)
        X = _validate_data(self, X, reset=False)
        return self.model_.predict(X, verbose=0)

    def predict(self, X):
        """Predictions for ``X``, in the format of the targets given to ``fit``
        (``model.predict`` runs silently)."""
        return self._decode_target(self._raw_predict(X))

    # Regressors and transformers keep the targets as given, made 2-D for the model.
    def _encode_target(self, y, reset=False):
        _check_target_type(y)
        if reset:
            self.target_ndim_ = np.ndim(y)
        return y.reshape(-1, 1) if np.ndim(y) == 1 else y

    def _decode_target(self, y):
        if self.target_ndim_ == 1 and y.ndim == 2 and y.shape[1] == 1:
            return y[:, 0]
        return y


def _check_target_type(y):
    from sklearn.utils.multiclass import type_of_target  # noqa: PLC0415

    kind = type_of_target(y)
    if kind == "unknown":
        raise ValueError(f"Unknown label type for the targets y: {y!r}")
    return kind


class SKLearnClassifier(ClassifierMixin, SKLBase):
    """A scikit-learn classifier around a ceras model.

    Labels (any sortable values: ints, strings ...) are one-hot encoded for the
    model, in the order of ``classes_``; the model outputs one score per class
    (e.g. a softmax trained with ``categorical_crossentropy``), and ``predict``
    returns the class with the highest score. See ``SKLBase`` for the arguments.

    Attributes:
        classes_: the sorted class labels.
        model_, history_: as for every wrapper.

    Example:
        >>> def make_model(X, y, hidden=16):
        ...     model = ceras.Sequential([ceras.Input((X.shape[1],)),
        ...                               ceras.layers.Dense(hidden, activation="relu"),
        ...                               ceras.layers.Dense(y.shape[1], activation="softmax")])
        ...     model.compile(optimizer="adam", loss="categorical_crossentropy")
        ...     return model
        >>> clf = SKLearnClassifier(make_model, model_kwargs={"hidden": 32},
        ...                         fit_kwargs={"epochs": 20})
        >>> clf.fit(X, y).score(X, y)
    """

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.classifier_tags.poor_score = True
        return tags

    def _encode_target(self, y, reset=False):
        kind = _check_target_type(y)
        if kind not in ("binary", "multiclass"):
            raise ValueError(
                f"{type(self).__name__} supports binary and multiclass targets only; "
                f"received targets of type {kind!r}")
        from sklearn.utils.validation import column_or_1d  # noqa: PLC0415

        y = column_or_1d(y, warn=True)
        if reset:
            self.classes_ = np.unique(y)
            if len(self.classes_) < 2:
                raise ValueError(
                    f"{type(self).__name__} needs samples of at least 2 classes to train; "
                    f"received one class only: {self.classes_[0]!r}")
        index = np.searchsorted(self.classes_, y)
        return np.eye(len(self.classes_), dtype="float32")[index]

    def _decode_target(self, y):
        return self.classes_[np.argmax(np.asarray(y), axis=1)]

    def decision_function(self, X):
        """The model's raw outputs (one score per class) for ``X``."""
        return self._raw_predict(X)


class SKLearnRegressor(RegressorMixin, SKLBase):
    """A scikit-learn regressor around a ceras model.

    One-dimensional targets are given to the model as a column (n_samples, 1) and
    its predictions are returned as a vector again. See ``SKLBase`` for the
    arguments.

    Example:
        >>> def make_model(X, y):
        ...     model = ceras.Sequential([ceras.Input((X.shape[1],)),
        ...                               ceras.layers.Dense(y.shape[1])])
        ...     model.compile(optimizer="adam", loss="mse")
        ...     return model
        >>> reg = SKLearnRegressor(make_model, fit_kwargs={"epochs": 50})
        >>> reg.fit(X, y).predict(X[:3])
    """

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.regressor_tags.poor_score = True
        tags.target_tags.multi_output = True
        return tags


class SKLearnTransformer(TransformerMixin, SKLBase):
    """A scikit-learn transformer around a ceras model: ``fit`` trains it on
    ``(X, y)`` and ``transform`` returns the model's outputs for ``X`` (for
    example an embedding to feed to another estimator). See ``SKLBase`` for the
    arguments.

    Example:
        >>> pipe = sklearn.pipeline.make_pipeline(
        ...     SKLearnTransformer(make_encoder, fit_kwargs={"epochs": 5}),
        ...     sklearn.linear_model.LogisticRegression())
    """

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.transformer_tags.preserves_dtype = []
        tags.target_tags.multi_output = True
        return tags

    def transform(self, X):
        """The model's outputs for ``X``."""
        return self._raw_predict(X)
