"""plot_model / model_to_dot: a model's layer graph as a Graphviz (pydot) graph.

``model_to_dot`` needs only the `pydot` package; ``plot_model`` also needs
Graphviz's ``dot`` program to render the image (``apt install graphviz``, or
see graphviz.org). Install pydot with ``pip install ceras[plot]``.
"""
import os
import shutil

try:
    import pydot
except ImportError:
    pydot = None

_NO_PYDOT = "You must install pydot (`pip install pydot`) for {} to work."
_NO_GRAPHVIZ = ("You must install Graphviz's `dot` program (see https://graphviz.org/download/, "
                "e.g. `apt install graphviz`) for plot_model to render the model.")


def check_pydot():
    """Whether pydot can be imported."""
    return pydot is not None


def check_graphviz():
    """Whether Graphviz's ``dot`` program is on the PATH (needed to render)."""
    return check_pydot() and shutil.which("dot") is not None


def _model_classes():
    # utils sits below models in the package layers: imported when used.
    from ceras.models.functional import Functional  # noqa: PLC0415
    from ceras.models.sequential import Sequential  # noqa: PLC0415

    return Functional, Sequential


def _is_graph_model(layer):
    return isinstance(layer, _model_classes())


def _is_sequential(model):
    return isinstance(model, _model_classes()[1])


def _graph_of(model):
    """The Functional graph that runs ``model`` (a Sequential keeps one inside)."""
    return model._functional if _is_sequential(model) else model


def _format_shapes(tensors):
    shapes = [tuple(t.shape) for t in tensors]
    if not shapes:
        return "?"
    return str(shapes[0]) if len(shapes) == 1 else str(shapes)


def _activation_name(activation):
    return getattr(activation, "name", None) or getattr(activation, "__name__", None) or str(
        activation)


def _cell(text, colspan=None, bgcolor="white", color=None, size=14):
    span = f' colspan="{colspan}"' if colspan else ""
    font_color = f' color="{color}"' if color else ""
    return (f'<td bgcolor="{bgcolor}"{span}><font point-size="{size}"{font_color}>{text}'
            "</font></td>")


def _label(layer, node, show_shapes, show_dtype, show_layer_names, show_layer_activations,
           show_trainable):
    """The HTML-like table of one layer: header, activation row, then a row of the
    shapes, dtype and trainable cells."""
    class_name = type(layer).__name__
    cols = []
    if show_shapes:
        if class_name != "InputLayer":
            inputs = _format_shapes(node.input_tensors) if node is not None else "?"
            cols.append(_cell(f"Input shape: <b>{inputs}</b>"))
        outputs = _format_shapes(node.outputs) if node is not None else "?"
        cols.append(_cell(f"Output shape: <b>{outputs}</b>"))
    if show_dtype:
        dtype = node.outputs[0].dtype if node is not None and node.outputs else "?"
        cols.append(_cell(f"Output dtype: <b>{dtype}</b>"))
    if show_trainable and getattr(layer, "weights", None):
        if layer.trainable:
            cols.append(_cell("<b>Trainable</b>", bgcolor="forestgreen", color="white"))
        else:
            cols.append(_cell("<b>Non-trainable</b>", bgcolor="firebrick", color="white"))
    colspan = max(1, len(cols))
    title = f"<b>{layer.name}</b> ({class_name})" if show_layer_names else f"<b>{class_name}</b>"
    rows = [f"<tr>{_cell(title, colspan, bgcolor='black', color='white', size=16)}</tr>"]
    activation = getattr(layer, "activation", None)
    if show_layer_activations and activation is not None:
        rows.append(f"<tr>{_cell(f'Activation: <b>{_activation_name(activation)}</b>', colspan)}"
                    "</tr>")
    if cols:
        rows.append(f"<tr>{''.join(cols)}</tr>")
    return ('<<table border="0" cellborder="1" bgcolor="black" cellpadding="10">'
            + "".join(rows) + "</table>>")


def _add_edge(dot, source, destination):
    src, dst = str(id(source)), str(id(destination))
    if not dot.get_edge(src, dst):
        dot.add_edge(pydot.Edge(src, dst, penwidth="2"))


def _output_layer(model, index):
    """The innermost layer producing output ``index`` of a nested model."""
    while _is_graph_model(model):
        history = _graph_of(model).outputs[index]._keras_history
        model, index = history.operation, history.tensor_index
    return model


def _input_layer(model, index):
    """The innermost layer receiving input ``index`` of a nested model."""
    while _is_graph_model(model):
        model = (model.layers[0] if _is_sequential(model)
                 else model.inputs[index]._keras_history.operation)
        index = 0
    return model


def model_to_dot(model, show_shapes=False, show_dtype=False, show_layer_names=True,
                 rankdir="TB", expand_nested=False, dpi=200, subgraph=False,
                 show_layer_activations=False, show_trainable=False, splines="ortho",
                 **kwargs):
    """A ``pydot.Dot`` graph of the model: one node per layer (named by the layer's
    ``id``), an edge per connection. A Sequential model shows its layers as a chain
    (no input node); a Functional model shows every operation, inputs included; a
    subclassed model is a single node.

    Args:
        show_shapes: show the input and output shapes of each layer.
        show_dtype: show each layer's output dtype.
        show_layer_names: show layer names (default True) besides class names.
        rankdir: "TB" (vertical) or "LR" (horizontal) layout.
        expand_nested: draw nested Functional / Sequential models as clusters of
            their layers.
        dpi: resolution of the rendered image.
        subgraph: return a ``pydot.Cluster`` (used for nested models).
        show_layer_activations: show the ``activation`` of layers that have one.
        show_trainable: mark layers with weights as trainable or not.
        splines: how edges are drawn: "ortho" (default), "curved", "polyline",
            "spline" or "line".
    """
    if kwargs.pop("layer_range", None) is not None:
        raise ValueError("model_to_dot: the `layer_range` argument is no longer supported.")
    if kwargs:
        raise ValueError(f"model_to_dot received unrecognized keyword arguments: {kwargs}")
    if not model.built:
        raise ValueError(
            f'Model "{model.name}" has not been built yet: build it first (call `build()` or '
            "call it on a batch of data) before plotting it.")
    if not check_pydot():
        raise ImportError(_NO_PYDOT.format("model_to_dot"))
    if subgraph:
        dot = pydot.Cluster(style="dashed", graph_name=model.name)
        dot.set("label", model.name)
        dot.set("labeljust", "l")
    else:
        dot = pydot.Dot()
        dot.set("rankdir", rankdir)
        dot.set("concentrate", True)
        dot.set("dpi", dpi)
        dot.set("splines", splines)
        dot.set_node_defaults(shape="record")
    options = dict(show_shapes=show_shapes, show_dtype=show_dtype,
                   show_layer_names=show_layer_names,
                   show_layer_activations=show_layer_activations,
                   show_trainable=show_trainable)
    graph = _graph_of(model) if _is_graph_model(model) else None
    if graph is None:  # a subclassed model has no graph to show
        dot.add_node(_make_node(model, None, options))
        return dot
    steps = {id(step.operation): step for step in graph._steps}
    sequential = _is_sequential(model)
    layers = model.layers if sequential else graph.operations
    for layer in layers:
        if expand_nested and _is_graph_model(layer):
            dot.add_subgraph(model_to_dot(layer, rankdir=rankdir, expand_nested=True,
                                          subgraph=True, **options))
        else:
            node = steps[id(layer)].node if id(layer) in steps else _input_node(layer)
            dot.add_node(_make_node(layer, node, options))
    for step in graph._steps:
        for input_index, tensor in enumerate(step.node.input_tensors):
            history = tensor._keras_history
            source, destination = history.operation, step.operation
            if sequential and source not in layers:
                continue  # a Sequential model draws no input node
            if expand_nested:
                source = _output_layer(source, history.tensor_index)
                destination = _input_layer(destination, input_index)
            _add_edge(dot, source, destination)
    return dot


def _input_node(layer):
    nodes = getattr(layer, "_inbound_nodes", [])
    return nodes[0] if nodes else None


def _make_node(layer, node, options):
    return pydot.Node(str(id(layer)), label=_label(layer, node, **options),
                      fontname="Helvetica", border="0", margin="0")


def plot_model(model, to_file="model.png", show_shapes=False, show_dtype=False,
               show_layer_names=False, rankdir="TB", expand_nested=False, dpi=200,
               show_layer_activations=False, show_trainable=False, splines="ortho",
               **kwargs):
    """Draw the model's graph (see ``model_to_dot``) into ``to_file``; the format
    comes from its extension (png when none: png, svg, pdf, jpg, dot ...).

    Needs pydot and Graphviz's ``dot`` program. Returns an ``IPython.display.Image``
    of the file when IPython is installed (not for pdf), else None.

    Example:
        >>> ceras.utils.plot_model(model, "model.png", show_shapes=True)
    """
    if not model.built:
        raise ValueError(
            f'Model "{model.name}" has not been built yet: build it first (call `build()` or '
            "call it on a batch of data) before plotting it.")
    if not check_pydot():
        raise ImportError(_NO_PYDOT.format("plot_model"))
    if not check_graphviz():
        raise ImportError(_NO_GRAPHVIZ)
    dot = model_to_dot(model, show_shapes=show_shapes, show_dtype=show_dtype,
                       show_layer_names=show_layer_names, rankdir=rankdir,
                       expand_nested=expand_nested, dpi=dpi,
                       show_layer_activations=show_layer_activations,
                       show_trainable=show_trainable, splines=splines, **kwargs)
    to_file = os.fspath(to_file)
    extension = os.path.splitext(to_file)[1][1:] or "png"
    dot.write(to_file, format="raw" if extension == "dot" else extension)
    if extension == "pdf":
        return None
    try:
        from IPython import display  # noqa: PLC0415 - optional, for notebooks
    except ImportError:
        return None
    return display.Image(filename=to_file)
