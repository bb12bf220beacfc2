"""Nested structures: lists, tuples, namedtuples and dicts (sorted by key) of leaves.

``None`` is a leaf. The core walkers live in ceras.backend.common.tree; this adds
the rest of keras.tree on top.
"""
from ceras.backend.common import tree as _core


class _MapToNone:
    def __repr__(self):
        return "ceras.tree.MAP_TO_NONE"


MAP_TO_NONE = _MapToNone()

flatten = _core.flatten
map_structure = _core.map_structure
pack_sequence_as = _core.pack_sequence_as


def is_nested(structure):
    """True for lists, tuples and dicts (the containers the tree walks into)."""
    return _core.is_nested(structure)


def _children(x):
    if isinstance(x, dict):
        return [(k, x[k]) for k in sorted(x)]
    return list(enumerate(x))


def flatten_with_path(structure):
    """``[(path, leaf), ...]`` where path is the tuple of keys/indices to the leaf."""
    out = []

    def visit(x, path):
        if is_nested(x):
            for key, value in _children(x):
                visit(value, path + (key,))
        else:
            out.append((path, x))

    visit(structure, ())
    return out


def _describe(x):
    if isinstance(x, dict):
        return f"dict with keys {sorted(x)}"
    if isinstance(x, (list, tuple)):
        return f"{type(x).__name__} of length {len(x)}"
    return "a leaf"


def assert_same_structure(a, b, check_types=True):
    """Raise ValueError (naming both) when ``a`` and ``b`` nest differently."""
    def visit(x, y, path):
        if is_nested(x) != is_nested(y):
            raise ValueError(
                f"The two structures don't have the same nested structure at path {path}: "
                f"{_describe(x)} vs {_describe(y)}"
            )
        if not is_nested(x):
            return
        if check_types and type(x) is not type(y) and not (
                isinstance(x, (list, tuple)) and isinstance(y, (list, tuple))
                and not check_types):
            raise TypeError(
                f"The two structures don't have the same sequence type at path {path}: "
                f"{type(x).__name__} vs {type(y).__name__}"
            )
        if isinstance(x, dict) and sorted(x) != sorted(y):
            raise ValueError(
                f"The two structures have different dict keys at path {path}: "
                f"{sorted(x)} vs {sorted(y)}"
            )
        if len(x) != len(y):
            raise ValueError(
                f"The two structures don't have the same number of elements at path {path}: "
                f"{len(x)} vs {len(y)}"
            )
        for (k, vx), (_, vy) in zip(_children(x), _children(y)):
            visit(vx, vy, path + (k,))

    visit(a, b, ())


def assert_same_paths(a, b):
    """Raise ValueError when the two structures have different sets of leaf paths."""
    pa = {p for p, _ in flatten_with_path(a)}
    pb = {p for p, _ in flatten_with_path(b)}
    if pa != pb:
        raise ValueError(
            f"The two structures don't have the same paths: only in the first "
            f"{sorted(pa - pb, key=str)}, only in the second {sorted(pb - pa, key=str)}"
        )


def lists_to_tuples(structure):
    if isinstance(structure, dict):
        return {k: lists_to_tuples(v) for k, v in structure.items()}
    if isinstance(structure, (list, tuple)):
        items = [lists_to_tuples(v) for v in structure]
        return type(structure)(*items) if hasattr(structure, "_fields") else tuple(items)
    return structure


def _is_shape(x):
    return isinstance(x, (list, tuple)) and all(d is None or isinstance(d, int) for d in x)


def map_shape_structure(func, structure):
    """Like map_structure, but tuples/lists of ints (shapes) are leaves."""
    if _is_shape(structure):
        return func(tuple(structure))
    if isinstance(structure, dict):
        return {k: map_shape_structure(func, v) for k, v in structure.items()}
    if isinstance(structure, (list, tuple)):
        return type(structure)(map_shape_structure(func, v) for v in structure)
    return func(structure)


def map_structure_up_to(shallow_structure, func, *structures):
    """Apply ``func`` to the sub-structures of ``structures`` found at the leaves of
    ``shallow_structure``."""
    def visit(shallow, values):
        if not is_nested(shallow):
            return func(*values)
        for v in values:
            if not is_nested(v):
                raise ValueError(
                    f"map_structure_up_to: expected a nested structure like {_describe(shallow)}"
                    f", received {_describe(v)}"
                )
        if isinstance(shallow, dict):
            return {k: visit(shallow[k], [v[k] for v in values]) for k in shallow}
        return type(shallow)(visit(s, [v[i] for v in values]) for i, s in enumerate(shallow))

    return visit(shallow_structure, list(structures))


def traverse(func, structure, top_down=True):
    """Visit every node. Top-down: if ``func(node)`` returns something other than None
    the node is replaced by it (MAP_TO_NONE means None) and not descended into.
    Bottom-up: children first, then ``func`` on the rebuilt node."""
    def rebuild(x, fn):
        if isinstance(x, dict):
            return {k: fn(v) for k, v in x.items()}
        if isinstance(x, (list, tuple)):
            items = [fn(v) for v in x]
            return type(x)(*items) if hasattr(x, "_fields") else type(x)(items)
        return x

    def down(x):
        result = func(x)
        if result is MAP_TO_NONE:
            return None
        if result is not None:
            return result
        return rebuild(x, down) if is_nested(x) else x

    def up(x):
        node = rebuild(x, up) if is_nested(x) else x
        result = func(node)
        if result is MAP_TO_NONE:
            return None
        return node if result is None else result

    return down(structure) if top_down else up(structure)
