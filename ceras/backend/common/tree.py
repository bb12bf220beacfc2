"""Nested structures (lists, tuples, dicts, namedtuples) of leaves.

Small and dependency-free: flatten, map_structure, pack_sequence_as.
Dicts are traversed in sorted-key order, as Keras does.
"""


def _is_namedtuple(x):
    return isinstance(x, tuple) and hasattr(x, "_fields")


def is_nested(x):
    return isinstance(x, (list, tuple, dict))


def flatten(structure):
    out = []
    _flatten_into(structure, out)
    return out


def _flatten_into(x, out):
    if isinstance(x, dict):
        for k in sorted(x):
            _flatten_into(x[k], out)
    elif isinstance(x, (list, tuple)):
        for v in x:
            _flatten_into(v, out)
    else:
        out.append(x)


def map_structure(fn, *structures):
    first = structures[0]
    if isinstance(first, dict):
        return type(first)((k, map_structure(fn, *(s[k] for s in structures)))
                           for k in first) if type(first) is not dict else {
            k: map_structure(fn, *(s[k] for s in structures)) for k in first}
    if _is_namedtuple(first):
        return type(first)(*(map_structure(fn, *vals) for vals in zip(*structures)))
    if isinstance(first, (list, tuple)):
        return type(first)(map_structure(fn, *vals) for vals in zip(*structures))
    return fn(*structures)


def pack_sequence_as(structure, flat):
    flat = list(flat)
    packed, used = _pack(structure, flat, 0)
    if used != len(flat):
        raise ValueError(
            f"Structure has {used} leaves but {len(flat)} values were given"
        )
    return packed


def _pack(structure, flat, i):
    if isinstance(structure, dict):
        values = {}
        for k in sorted(structure):
            values[k], i = _pack(structure[k], flat, i)
        return {k: values[k] for k in structure}, i
    if isinstance(structure, (list, tuple)):
        items = []
        for v in structure:
            item, i = _pack(v, flat, i)
            items.append(item)
        if _is_namedtuple(structure):
            return type(structure)(*items), i
        return type(structure)(items), i
    return flat[i], i + 1
