"""The pattern half of ``rearrange`` (keras.ops.rearrange), shared by the backends:
an einops-style pattern ("b h w c -> b (h w) c") and a shape become one reshape, one
transpose and one reshape, which each backend then runs with its own ops.
"""
import functools
import math
import re

_TOKEN = re.compile(r"\.\.\.|\(|\)|[A-Za-z_][A-Za-z0-9_]*|\d+|\S")


def _parse_side(side, pattern):
    """A list of groups; each group is a list of axis names ('...' for the ellipsis)."""
    groups, current = [], None
    for token in _TOKEN.findall(side):
        if token == "(":
            if current is not None:
                raise ValueError(f"rearrange: nested parentheses in pattern {pattern!r}")
            current = []
        elif token == ")":
            if current is None:
                raise ValueError(f"rearrange: unbalanced ')' in pattern {pattern!r}")
            groups.append(current)
            current = None
        elif token == "..." or token.isidentifier() or token.isdigit():
            if token.isdigit() and token != "1":
                raise ValueError(
                    f"rearrange: only the anonymous axis '1' may be a number, received "
                    f"{token!r} in pattern {pattern!r}")
            (current if current is not None else groups).append(
                token if current is not None else [token])
        else:
            raise ValueError(f"rearrange: unexpected {token!r} in pattern {pattern!r}")
    if current is not None:
        raise ValueError(f"rearrange: unbalanced '(' in pattern {pattern!r}")
    return groups


@functools.lru_cache(maxsize=256)
def plan(pattern, shape, axes_lengths):
    """(shape to split into elementary axes, permutation, final shape)."""
    if pattern.count("->") != 1:
        raise ValueError(f"rearrange: pattern must contain one '->', received {pattern!r}")
    left_text, right_text = pattern.split("->")
    left, right = _parse_side(left_text, pattern), _parse_side(right_text, pattern)
    known = dict(axes_lengths)
    names_left = [n for g in left for n in g]
    names_right = [n for g in right for n in g]
    for side, names in (("left", names_left), ("right", names_right)):
        dupes = {n for n in names if n != "1" and names.count(n) > 1}
        if dupes:
            raise ValueError(f"rearrange: axes {sorted(dupes)} repeat on the {side} of "
                             f"{pattern!r}")
    if set(names_left) - {"1"} != set(names_right) - {"1"}:
        raise ValueError(
            f"rearrange: both sides must name the same axes, received {pattern!r}")
    has_ellipsis = "..." in names_left
    n_named = len(left) - (1 if has_ellipsis else 0)
    if (has_ellipsis and len(shape) < n_named) or (not has_ellipsis and len(shape) != n_named):
        raise ValueError(
            f"rearrange: pattern {pattern!r} expects {n_named} axes, received shape {shape}")
    ellipsis_dims = len(shape) - n_named
    elementary, dims = [], iter(shape)
    for group in left:
        if group == ["..."]:
            ell = [next(dims) for _ in range(ellipsis_dims)]
            known.update({f"...{i}": d for i, d in enumerate(ell)})
            elementary.extend(f"...{i}" for i in range(ellipsis_dims))
            continue
        if "..." in group:
            raise ValueError(f"rearrange: '...' cannot be grouped on the left of {pattern!r}")
        size = next(dims)
        unknown = [n for n in group if n != "1" and n not in known]
        fixed = math.prod(known[n] for n in group if n != "1" and n in known)
        if len(unknown) > 1:
            raise ValueError(f"rearrange: cannot infer the sizes of {unknown} in {pattern!r}; "
                             "pass them as keyword arguments")
        if unknown:
            if fixed == 0 or size % fixed:
                raise ValueError(f"rearrange: axis of size {size} cannot be split as {group}")
            known[unknown[0]] = size // fixed
        elif fixed != size:
            raise ValueError(f"rearrange: axis of size {size} does not match {group} = {fixed}")
        elementary.extend(n for n in group if n != "1")

    def expand(names):
        return [f"...{i}" for i in range(ellipsis_dims)] if names == "..." else [names]

    order = [e for g in right for n in g if n != "1" for e in expand(n)]
    final = []
    for group in right:
        if group == ["..."]:
            final.extend(known[f"...{i}"] for i in range(ellipsis_dims))
        else:
            final.append(math.prod(
                known[e] for n in group if n != "1" for e in expand(n)))
    split_shape = tuple(known[e] for e in elementary)
    permutation = tuple(elementary.index(e) for e in order)
    return split_shape, permutation, tuple(final)
