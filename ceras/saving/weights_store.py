"""Reading and writing a model's variables in Keras 3's HDF5 layout.

Every layer's own variables sit in ``<path>/vars/<i>`` where ``path`` follows the
object tree the way Keras walks it: ``layers/<layer name>`` for a model's layers,
the attribute name for a sublayer held in an attribute, ``optimizer`` for the
optimizer. h5py reads and writes the file; what a file declares is checked
before anything is allocated.
"""
import numpy as np

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


def _children(obj):
    """(name, child) pairs in Keras's order: attribute names sorted."""
    out = []
    if hasattr(obj, "_steps") or hasattr(obj, "_stack") or type(obj).__name__ in (
            "Functional", "Sequential"):
        out.append(("layers", list(obj.layers)))
    for key in sorted(vars(obj)):
        if key in _SKIP or key.startswith("__"):
            continue
        value = vars(obj)[key]
        if _is_layer(value):
            out.append((key, value))
        elif isinstance(value, (list, tuple)) and any(_is_layer(v) for v in value):
            out.append((key, [v for v in value if _is_layer(v)]))
        elif isinstance(value, dict) and any(_is_layer(v) for v in value.values()):
            out.append((key, [v for v in value.values() if _is_layer(v)]))
    out.sort(key=lambda kv: kv[0])
    return out


def walk(obj, path=""):
    """Yield (path, object) for every saveable object under ``obj``, depth first."""
    yield path, obj
    seen = set()
    for name, child in _children(obj):
        if isinstance(child, list):
            used = {}
            for layer in child:
                if id(layer) in seen:
                    continue
                seen.add(id(layer))
                key = layer.name
                if key in used:
                    used[key] += 1
                    key = f"{key}_{used[key]}"
                else:
                    used[key] = 0
                yield from walk(layer, _join(path, name, key))
        elif id(child) not in seen:
            seen.add(id(child))
            yield from walk(child, _join(path, name))


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
    from ceras.saving.h5_safety import check_dataset  # noqa: PLC0415

    check_dataset(dataset, where)
    return dataset[()]


def load_weights_from_h5(model, h5file, skip_mismatch=False, load_optimizer=True):
    from ceras.saving.h5_safety import check_file  # noqa: PLC0415

    check_file(h5file)
    for path, obj in walk(model):
        variables = _own_variables(obj)
        if not variables:
            continue
        group_path = _join(path, "vars")
        if group_path not in h5file:
            raise ValueError(
                f"Weights file has no entry {group_path!r} for layer "
                f"{getattr(obj, 'name', path)!r}; the file was saved from a different model"
            )
        group = h5file[group_path]
        if len(group) != len(variables) and not skip_mismatch:
            raise ValueError(
                f"Layer {getattr(obj, 'name', path)!r} expects {len(variables)} variables, "
                f"but the weights file holds {len(group)} for it"
            )
        for i, variable in enumerate(variables):
            if str(i) not in group:
                continue
            value = _read_dataset(group[str(i)], f"{group_path}/{i}")
            if tuple(value.shape) != tuple(variable.shape):
                if skip_mismatch:
                    continue
                raise ValueError(
                    f"Weight shape mismatch for layer {getattr(obj, 'name', path)!r}, "
                    f"variable {variable.path!r}: the model expects {tuple(variable.shape)}, "
                    f"the file holds {tuple(value.shape)}"
                )
            variable.assign(value)
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
