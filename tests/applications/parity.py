"""Helpers comparing a ceras application model with the Keras one built the same way."""
import collections

import h5py
import numpy as np


def layer_signature(model):
    """Multiset of (layer name, layer class) and {weight path: shape}."""
    layers = collections.Counter((l.name, type(l).__name__) for l in model.layers)
    shapes = {w.path: tuple(w.shape) for w in model.weights}
    return layers, shapes


def assert_same_architecture(ceras_model, keras_model):
    assert ceras_model.name == keras_model.name
    assert ceras_model.count_params() == keras_model.count_params()
    assert len(ceras_model.layers) == len(keras_model.layers)
    c_layers, c_shapes = layer_signature(ceras_model)
    k_layers, k_shapes = layer_signature(keras_model)
    assert c_layers == k_layers
    assert c_shapes == k_shapes
    assert tuple(ceras_model.output.shape) == tuple(keras_model.output.shape)


def randomize(keras_model, seed=0):
    """Random weights (positive moving variances) so that every layer matters."""
    rng = np.random.default_rng(seed)
    keras_model.set_weights([
        rng.uniform(0.5, 1.5, w.shape).astype("float32") if "variance" in w.path
        else rng.normal(0, 0.1, w.shape).astype("float32") for w in keras_model.weights])


def save_legacy_h5(keras_model, path):
    """Write ``keras_model``'s weights in the legacy .h5 layout of Keras's ImageNet files."""
    from keras.src.legacy.saving import legacy_h5_format

    with h5py.File(path, "w") as f:
        legacy_h5_format.save_weights_to_hdf5_group(f, keras_model)
    return str(path)
