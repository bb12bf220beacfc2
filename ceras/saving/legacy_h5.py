"""The legacy HDF5 format of Keras 2 / tf.keras (``model.save('m.h5')``).

Root attributes ``model_config`` (JSON) and ``training_config``; group
``model_weights`` with attribute ``layer_names`` and, per layer, attribute
``weight_names`` naming its datasets. Weights load by topological order (layers
that have weights, in order) or ``by_name``.
"""
import json

import h5py
import numpy as np

from ceras.saving import object_registration, serialization_lib
from ceras.saving.h5_safety import check_dataset, check_file

KERAS_VERSION = "3.15.1"


def _decode(values):
    return [v.decode("utf8") if isinstance(v, bytes) else str(v) for v in values]


def _write_model_weights(model, group):
    layers = model.layers
    group.attrs["layer_names"] = np.array([l.name.encode("utf8") for l in layers])
    group.attrs["backend"] = b"torch"
    group.attrs["keras_version"] = KERAS_VERSION.encode("utf8")
    for layer in layers:
        sub = group.create_group(layer.name)
        weights = layer.weights
        names = []
        for i, variable in enumerate(weights):
            name = f"{layer.name}/{variable.name}_{i}:0" if any(
                w.name == variable.name for w in weights[:i]) else \
                f"{layer.name}/{variable.name}:0"
            names.append(name.encode("utf8"))
            sub.create_dataset(name, data=np.asarray(variable.numpy()))
        sub.attrs["weight_names"] = np.array(names)


def save_model_to_h5(model, filepath, include_optimizer=True):
    with h5py.File(filepath, "w") as f:
        config = serialization_lib.serialize_keras_object(model)
        config.pop("compile_config", None)
        f.attrs["keras_version"] = KERAS_VERSION
        f.attrs["backend"] = "torch"
        f.attrs["model_config"] = json.dumps(config)
        if getattr(model, "compiled", False) and hasattr(model, "get_compile_config"):
            f.attrs["training_config"] = json.dumps(
                serialization_lib.serialize_keras_object(model.get_compile_config()))
        _write_model_weights(model, f.create_group("model_weights"))


def load_model_from_h5(filepath, custom_objects=None, compile=True, safe_mode=True):  # noqa: A002
    try:
        f = h5py.File(filepath, "r")
    except OSError as e:
        raise ValueError(f"{filepath} is not a valid HDF5 file: {e}") from e
    with f:
        check_file(f)
        raw = f.attrs.get("model_config")
        if raw is None:
            raise ValueError(
                f"{filepath} has no model config: it holds weights only. Build the model "
                "and call model.load_weights() instead."
            )
        config = json.loads(raw.decode("utf8") if isinstance(raw, bytes) else raw)
        with object_registration.CustomObjectScope(custom_objects or {}), \
                serialization_lib.SafeModeScope(safe_mode):
            model = serialization_lib.deserialize_keras_object(
                config, custom_objects=custom_objects, safe_mode=safe_mode)
        load_weights_from_group(model, f["model_weights"] if "model_weights" in f else f)
        training = f.attrs.get("training_config")
        if compile and training is not None and hasattr(model, "compile_from_config"):
            training = json.loads(training.decode("utf8") if isinstance(training, bytes)
                                  else training)
            try:
                model.compile_from_config(_legacy_compile_config(training))
            except (ValueError, TypeError, KeyError):
                pass  # Keras 2 training configs may name objects ceras lacks: load uncompiled.
    return model


def _legacy_compile_config(training):
    if "optimizer_config" in training:
        return {"optimizer": training["optimizer_config"], "loss": training.get("loss"),
                "metrics": training.get("metrics"),
                "loss_weights": training.get("loss_weights"),
                "weighted_metrics": training.get("weighted_metrics")}
    return training


def _layer_weight_values(group, name):
    sub = group[name]
    names = _decode(sub.attrs.get("weight_names", []))
    values = []
    for weight_name in names:
        dataset = sub[weight_name]
        check_dataset(dataset, f"{name}/{weight_name}")
        values.append(np.asarray(dataset[()]))
    return values


def load_weights_from_group(model, group, by_name=False, skip_mismatch=False):
    check_file(group.file)
    file_layers = _decode(group.attrs.get("layer_names", []))
    if by_name:
        by = {l.name: l for l in model.layers}
        for name in file_layers:
            layer = by.get(name)
            if layer is None:
                continue
            _assign(layer, _layer_weight_values(group, name), skip_mismatch)
        return
    with_weights = [n for n in file_layers if len(group[n].attrs.get("weight_names", []))]
    layers = [l for l in model.layers if l.weights]
    if len(with_weights) != len(layers):
        raise ValueError(
            f"Layer count mismatch when loading weights from file: the model has "
            f"{len(layers)} layers with weights, the file has {len(with_weights)}"
        )
    for layer, name in zip(layers, with_weights):
        _assign(layer, _layer_weight_values(group, name), skip_mismatch)


def _assign(layer, values, skip_mismatch):
    weights = layer.weights
    if len(values) != len(weights):
        if skip_mismatch:
            return
        raise ValueError(
            f"Layer {layer.name!r} expects {len(weights)} weights, but the saved file holds "
            f"{len(values)} for it"
        )
    for variable, value in zip(weights, values):
        if tuple(variable.shape) != tuple(value.shape):
            if skip_mismatch:
                continue
            raise ValueError(
                f"Weight shape mismatch for layer {layer.name!r}, variable {variable.path!r}: "
                f"the model expects {tuple(variable.shape)}, the file holds "
                f"{tuple(value.shape)}"
            )
        variable.assign(value)


def load_weights_from_legacy_h5(model, filepath, skip_mismatch=False, by_name=False):
    try:
        f = h5py.File(filepath, "r")
    except OSError as e:
        raise ValueError(f"{filepath} is not a valid HDF5 file: {e}") from e
    with f:
        group = f["model_weights"] if "model_weights" in f else f
        load_weights_from_group(model, group, by_name=by_name, skip_mismatch=skip_mismatch)


def save_weights_to_legacy_h5(model, filepath):
    with h5py.File(filepath, "w") as f:
        _write_model_weights(model, f)
