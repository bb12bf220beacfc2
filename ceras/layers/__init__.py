"""ceras.layers: every layer class, listed explicitly (as keras.layers)."""
from ceras.layers.core.activation import Activation
from ceras.layers.core.dense import Dense
from ceras.layers.core.embedding import Embedding
from ceras.layers.core.identity import Identity
from ceras.layers.core.input_layer import Input, InputLayer
from ceras.layers.core.lambda_layer import Lambda
from ceras.layers.input_spec import InputSpec
from ceras.layers.layer import Layer
from ceras.layers.merging.add import Add, add
from ceras.layers.merging.concatenate import Concatenate, concatenate
from ceras.layers.regularization.dropout import Dropout
from ceras.layers.reshaping.flatten import Flatten
from ceras.layers.reshaping.reshape import Reshape

__all__ = [
    "Activation", "Add", "Concatenate", "Dense", "Dropout", "Embedding", "Flatten", "Identity",
    "Input", "InputLayer", "InputSpec", "Lambda", "Layer", "Reshape", "add", "concatenate",
]
