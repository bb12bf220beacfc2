"""Reading and writing a model's variables in Keras 3's HDF5 layout.

Every layer's own variables sit in ``<path>/vars/<i>`` where ``path`` follows the
object tree the way Keras walks it: ``layers/<layer name>`` for a model's layers,
the attribute name for a sublayer held in an attribute, ``optimizer`` for the
optimizer. h5py reads and writes the file; what a file declares is checked
before anything is allocated.
"""
import re

import h5py
import numpy as np

from ceras.backend.common.global_state import to_snake_case
from ceras.saving.h5_safety import check_dataset, check_file

# Attributes that are ceras bookkeeping, not part of the saved object tree.
_SKIP = frozenset({
    "_layers", "_container_layers", "_input_layer", "_functional", "_stack", "_operations",
    "_inbound_nodes", "_outbound_nodes", "_modules", "_parameters", "_buffers",
    "_seed_generators", "_steps", "inputs", "outputs", "_inputs_struct", "_outputs_struct",
    "optimizer", "_compile_loss", "_compile_metrics", "compiled_loss", "compiled_metrics",
    "_loss_tracker", "_metrics", "_trainer", "dtype_policy", "_init_args",
})
_MAX_ELEMENTS = 2 ** 34


def _is_layer(x):
    return getattr(x, "_ceras_layer", False)


def _own_variables(obj):
    if _is_layer(obj):
        return list(obj._trainable_variables) + list(obj._non_trainable_variables)
    if hasattr(obj, "_saveable_variables"):
        return list(obj._saveable_variables())
    return list(getattr(obj, "variables", []))


def _name_key(name):
    # Keras visits public attribute names first, then private ones.
    return "~" + name if name.startswith("_") else name


def _as_child(value):
    if _is_layer(value):
        return value
    if isinstance(value, (list, tuple)) and any(_is_layer(v) for v in value):
        return [v for v in value if _is_layer(v)]
    if isinstance(value, dict) and any(_is_layer(v) for v in value.values()):
        return [v for v in value.values() if _is_layer(v)]
    return None


def _children(obj):
    """(name, child) pairs in Keras's order. A sublayer held in a private attribute
    but exposed by a public property (MultiHeadAttention's ``query_dense``) is found
    under the public name first, as Keras finds it."""
    entries = {}
    if hasattr(obj, "_steps") or hasattr(obj, "_stack") or type(obj).__name__ in (
            "Functional", "Sequential"):
        entries["layers"] = list(obj.layers)
    for key, value in vars(obj).items():
        if key in _SKIP or key.startswith("__"):
            continue
        child = _as_child(value)
        if child is not None:
            entries[key] = child
    private = {id(v) for k, v in entries.items() if k.startswith("_") and _is_layer(v)}
    if private:
        for name in dir(type(obj)):
            if name.startswith("_") or not isinstance(getattr(type(obj), name, None), property):
                continue
            try:
                value = getattr(obj, name)
            except Exception:  # noqa: BLE001 - a property that cannot answer is no child
                continue
            if id(value) in private:
                entries[name] = value
    return sorted(entries.items(), key=lambda kv: _name_key(kv[0]))


def walk(obj, path="", visited=None):
    """Yield (path, object) for every saveable object under ``obj``, depth first;
    an object reachable twice is saved once, at its first path."""
    visited = set() if visited is None else visited
    visited.add(id(obj))
    yield path, obj
    for name, child in _children(obj):
        if isinstance(child, list):
            for layer, key in zip(child, container_keys(child)):
                if id(layer) not in visited:
                    yield from walk(layer, _join(path, name, key), visited)
        elif id(child) not in visited:
            yield from walk(child, _join(path, name), visited)


def container_keys(layers):
    """Entry names inside a saved list of layers: the snake_case class name, made unique
    within the list ('dense', 'dense_1', ...), as Keras writes them; auto-generated layer
    names are not reproducible across two instances of a model, class names are."""
    keys, used = [], {}
    for layer in layers:
        base = to_snake_case(type(layer).__name__)
        if base in used:
            used[base] += 1
            keys.append(f"{base}_{used[base]}")
        else:
            used[base] = 0
            keys.append(base)
    return keys



def _join(*parts):
    return "/".join(p for p in parts if p)


def save_weights_to_h5(model, h5file, include_optimizer=True):
    for path, obj in walk(model):
        group = h5file.require_group(_join(path, "vars"))
        group.attrs["name"] = getattr(obj, "name", "")
        for i, variable in enumerate(_own_variables(obj)):
            group.create_dataset(str(i), data=np.asarray(variable.numpy()))
    optimizer = getattr(model, "optimizer", None)
    if include_optimizer and optimizer is not None and getattr(optimizer, "built", False):
        group = h5file.require_group("optimizer/vars")
        group.attrs["name"] = optimizer.name
        for i, variable in enumerate(optimizer.variables):
            group.create_dataset(str(i), data=np.asarray(variable.numpy()))


def _read_dataset(dataset, where):
    check_dataset(dataset, where)
    return dataset[()]


def _natural_key(name):
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", name)]


def _has_data(group):
    found = []
    group.visititems(lambda n, o: found.append(1) if isinstance(o, h5py.Dataset) else None)
    return bool(found)


def _load_vars(obj, group, path, skip_mismatch):
    variables = _own_variables(obj)
    if not variables:
        return
    name = getattr(obj, "name", path)
    if group is None or "vars" not in group:
        raise ValueError(
            f"Weights file has no entry {_join(path, 'vars')!r} for layer {name!r}; the file "
            "was saved from a different model"
        )
    stored = group["vars"]
    if len(stored) != len(variables) and not skip_mismatch:
        raise ValueError(
            f"Layer {name!r} expects {len(variables)} variables, but the weights file holds "
            f"{len(stored)} for it"
        )
    for i, variable in enumerate(variables):
        if str(i) not in stored:
            continue
        value = _read_dataset(stored[str(i)], f"{path}/vars/{i}")
        if tuple(value.shape) != tuple(variable.shape):
            if skip_mismatch:
                continue
            raise ValueError(
                f"Weight shape mismatch for layer {name!r}, variable {variable.path!r}: the "
                f"model expects {tuple(variable.shape)}, the file holds {tuple(value.shape)}"
            )
        variable.assign(value)


def _load_object(obj, group, path, skip_mismatch, visited):
    visited.add(id(obj))
    _load_vars(obj, group, path, skip_mismatch)
    for name, child in _children(obj):
        sub = group.get(name) if group is not None else None
        child_path = _join(path, name)
        if not isinstance(child, list):
            if id(child) not in visited:
                _load_object(child, sub, child_path, skip_mismatch, visited)
            continue
        # Match list members by entry name (class-based, or the layer name older files
        # use); members not found take the file's unmatched entries in order.
        names = container_keys(child)
        members = sorted(sub.keys(), key=_natural_key) if sub is not None else []
        leftovers = [m for m in members if m not in names and _has_data(sub[m])]
        for layer, key in zip(child, names):
            if id(layer) in visited:
                continue
            if sub is not None and key in sub:
                target = sub[key]
            elif sub is not None and layer.name in sub:  # files keyed by layer name
                target = sub[layer.name]
            elif layer.weights and leftovers:
                target = sub[leftovers.pop(0)]
            else:
                target = None
            _load_object(layer, target, _join(child_path, key), skip_mismatch, visited)


def load_weights_from_h5(model, h5file, skip_mismatch=False, load_optimizer=True):
    check_file(h5file)
    _load_object(model, h5file, "", skip_mismatch, set())
    optimizer = getattr(model, "optimizer", None)
    if load_optimizer and optimizer is not None and "optimizer/vars" in h5file:
        group = h5file["optimizer/vars"]
        values = [_read_dataset(group[str(i)], f"optimizer/vars/{i}")
                  for i in range(len(group))]
        if hasattr(optimizer, "_load_variable_values"):
            optimizer._load_variable_values(values, model.trainable_variables)
        else:
            if not getattr(optimizer, "built", False):
                optimizer.build(model.trainable_variables)
            for variable, value in zip(optimizer.variables, values):
                if tuple(variable.shape) == tuple(value.shape):
                    variable.assign(value)
