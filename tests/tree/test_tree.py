"""ceras.tree against plain expectations and against keras.tree."""
import collections

import pytest

from ceras import tree

NESTED = {"b": [1, (2, 3)], "a": {"y": 4, "x": None}}


def test_flatten_sorts_dict_keys_and_keeps_none():
    assert tree.flatten(NESTED) == [None, 4, 1, 2, 3]


def test_pack_sequence_as_round_trip():
    flat = tree.flatten(NESTED)
    assert tree.pack_sequence_as(NESTED, flat) == NESTED


def test_map_structure_and_namedtuple():
    Point = collections.namedtuple("Point", "x y")
    out = tree.map_structure(lambda v: v * 2, Point(1, [2, 3]))
    assert out == Point(2, [4, 6]) and isinstance(out, Point)


def test_flatten_with_path():
    assert tree.flatten_with_path({"a": [5, 6]}) == [(("a", 0), 5), (("a", 1), 6)]


def test_assert_same_structure_messages():
    tree.assert_same_structure([1, (2, 3)], [4, (5, 6)])
    with pytest.raises(ValueError, match="same number of elements at path"):
        tree.assert_same_structure([1, 2], [1, 2, 3])
    with pytest.raises(ValueError, match="different dict keys"):
        tree.assert_same_structure({"a": 1}, {"b": 1})
    with pytest.raises(ValueError, match="only in the first"):
        tree.assert_same_paths({"a": 1, "b": 2}, {"a": 1})


def test_map_shape_structure_and_up_to_and_lists_to_tuples():
    assert tree.map_shape_structure(lambda s: s[-1], {"a": (None, 3), "b": [(2, 5)]}) == \
        {"a": 3, "b": [5]}
    assert tree.map_structure_up_to([0, 0], lambda a: len(a), [[1, 2], [3]]) == [2, 1]
    assert tree.lists_to_tuples([1, [2, {"a": [3]}]]) == (1, (2, {"a": (3,)}))


def test_traverse_top_down_and_bottom_up():
    replaced = tree.traverse(lambda x: "leaf" if x == 2 else None, [1, [2, 3]])
    assert replaced == [1, ["leaf", 3]]
    visited = []
    tree.traverse(lambda x: visited.append(x) or None, [1, [2]], top_down=False)
    assert visited == [1, 2, [2], [1, [2]]]
    assert tree.traverse(lambda x: tree.MAP_TO_NONE if x == 1 else None, [1, 2]) == [None, 2]


@pytest.mark.oracle
def test_matches_keras_tree(keras_oracle):
    ktree = keras_oracle.tree
    # Flat dicts only: keras.tree (optree) leaves dicts nested in dicts unsorted, which
    # ceras does not copy; it sorts every dict, as Keras documents.
    for structure in ({"b": [1, (2, 3)], "a": 4}, [1, [2, [3, 4]]], {"z": (1,), "a": [2]}):
        assert tree.flatten(structure) == ktree.flatten(structure)
        assert tree.is_nested(structure) == ktree.is_nested(structure)
