"""ceras.wrappers: scikit-learn estimators around ceras models (keras.wrappers)."""
from ceras.wrappers.sklearn_wrapper import (
    SKLearnClassifier, SKLearnRegressor, SKLearnTransformer,
)

__all__ = ["SKLearnClassifier", "SKLearnRegressor", "SKLearnTransformer"]
