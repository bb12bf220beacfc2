"""model_to_dot builds the layer graph (pydot only); plot_model renders it with dot."""
import shutil

import pytest

import ceras
from ceras import layers
from ceras.utils import model_to_dot, plot_model

pydot = pytest.importorskip("pydot")


def edges(dot):
    return {(e.get_source(), e.get_destination()) for e in dot.get_edges()}


def node_ids(dot):
    return {n.get_name() for n in dot.get_nodes()} - {"node"}  # "node": the node defaults


def key(layer):
    return str(id(layer))


def branching_model():
    a = ceras.Input((3,), name="a")
    b = ceras.Input((2,), name="b")
    cat = layers.Concatenate(name="cat")
    hidden = layers.Dense(4, activation="relu", name="hidden")
    out = layers.Dense(1, name="out")
    model = ceras.Model([a, b], out(hidden(cat([a, b]))), name="branching")
    return model, (a._keras_history.operation, b._keras_history.operation, cat, hidden, out)


def test_functional_graph_has_a_node_per_layer_and_its_edges():
    model, (a, b, cat, hidden, out) = branching_model()
    dot = model_to_dot(model)
    assert node_ids(dot) == {key(layer) for layer in (a, b, cat, hidden, out)}
    assert edges(dot) == {(key(a), key(cat)), (key(b), key(cat)), (key(cat), key(hidden)),
                          (key(hidden), key(out))}
    assert dot.get("rankdir") == "TB" and dot.get("dpi") == 200


def test_sequential_graph_is_a_chain_without_input_node():
    model = ceras.Sequential([ceras.Input((3,)), layers.Dense(4, name="d1"),
                              layers.Dropout(0.1, name="drop"), layers.Dense(1, name="d2")])
    d1, drop, d2 = model.layers
    dot = model_to_dot(model, rankdir="LR")
    assert node_ids(dot) == {key(d1), key(drop), key(d2)}
    assert edges(dot) == {(key(d1), key(drop)), (key(drop), key(d2))}
    assert dot.get("rankdir") == "LR"


def test_labels_show_names_shapes_dtype_activation_and_trainable():
    model, (_, _, _, hidden, out) = branching_model()
    out.trainable = False
    dot = model_to_dot(model, show_shapes=True, show_dtype=True, show_layer_activations=True,
                       show_trainable=True)
    label = dot.get_node(key(hidden))[0].get_label()
    assert "<b>hidden</b> (Dense)" in label
    assert "Input shape: <b>(None, 5)</b>" in label and "Output shape: <b>(None, 4)</b>" in label
    assert "Output dtype: <b>float32</b>" in label and "Activation: <b>relu</b>" in label
    assert "<b>Trainable</b>" in label
    assert "<b>Non-trainable</b>" in dot.get_node(key(out))[0].get_label()
    cat_label = model_to_dot(model, show_shapes=True).get_node(
        key(model.get_layer("cat")))[0].get_label()
    assert "Input shape: <b>[(None, 3), (None, 2)]</b>" in cat_label
    plain = model_to_dot(model, show_layer_names=False).get_node(key(hidden))[0].get_label()
    assert "<b>Dense</b>" in plain and "hidden" not in plain


def test_expand_nested_draws_the_inner_model_as_a_cluster():
    inner = ceras.Sequential([ceras.Input((4,)), layers.Dense(3, name="in1"),
                              layers.Dense(2, name="in2")], name="inner")
    x = ceras.Input((4,), name="x")
    head = layers.Dense(1, name="head")
    model = ceras.Model(x, head(inner(x)))
    in1, in2 = inner.layers
    x_layer = x._keras_history.operation

    flat = model_to_dot(model)
    assert edges(flat) == {(key(x_layer), key(inner)), (key(inner), key(head))}

    nested = model_to_dot(model, expand_nested=True)
    (cluster,) = nested.get_subgraphs()
    assert cluster.get_name() == "cluster_inner"
    assert node_ids(cluster) == {key(in1), key(in2)}
    assert edges(nested) == {(key(x_layer), key(in1)), (key(in2), key(head))}
    assert edges(cluster) == {(key(in1), key(in2))}


def test_subclassed_model_is_a_single_node():
    class Tiny(ceras.Model):
        def __init__(self):
            super().__init__()
            self.dense = layers.Dense(2)

        def call(self, x):
            return self.dense(x)

    model = Tiny()
    model.build((None, 3))
    assert node_ids(model_to_dot(model)) == {key(model)}


def test_unbuilt_model_and_unknown_arguments_raise():
    with pytest.raises(ValueError, match='Model "seq" has not been built yet'):
        model_to_dot(ceras.Sequential([layers.Dense(1)], name="seq"))
    model, _ = branching_model()
    with pytest.raises(ValueError, match="`layer_range` argument is no longer supported"):
        model_to_dot(model, layer_range=["a", "b"])
    with pytest.raises(ValueError, match="unrecognized keyword arguments: {'colour': 1}"):
        model_to_dot(model, colour=1)


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz's dot program is absent")
@pytest.mark.parametrize("name", ["model.png", "model.svg", "model"])
def test_plot_model_renders_a_file(tmp_path, name):
    model, _ = branching_model()
    plot_model(model, to_file=tmp_path / name, show_shapes=True, expand_nested=True)
    data = (tmp_path / name).read_bytes()
    assert data.startswith(b"\x89PNG") if not name.endswith(".svg") else b"<svg" in data


def test_plot_model_without_dot_says_how_to_install(monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    model, _ = branching_model()
    with pytest.raises(ImportError, match="Graphviz's `dot` program"):
        plot_model(model)


def test_without_pydot_model_to_dot_says_how_to_install(monkeypatch):
    from ceras.utils import model_visualization

    monkeypatch.setattr(model_visualization, "pydot", None)
    model, _ = branching_model()
    with pytest.raises(ImportError, match=r"install pydot \(`pip install pydot`\) for "
                                          "model_to_dot"):
        model_to_dot(model)
    with pytest.raises(ImportError, match="for plot_model to work"):
        plot_model(model)
