"""model.summary(): the layer table in Keras's box-drawing look.

Columns: "Layer (type)", "Output Shape", "Param #" and, for graphs that are not a
plain stack, "Connected to"; then total / trainable / non-trainable counts with
their size in memory.
"""
import math

_DTYPE_BYTES = {"float16": 2, "bfloat16": 2, "float32": 4, "float64": 8, "int8": 1,
                "uint8": 1, "int16": 2, "uint16": 2, "int32": 4, "uint32": 4, "int64": 8,
                "uint64": 8, "bool": 1, "complex64": 8, "complex128": 16}


def _count(variables):
    return sum(math.prod(v.shape) for v in variables)


def _bytes(variables):
    return sum(math.prod(v.shape) * _DTYPE_BYTES.get(v.dtype, 4) for v in variables)


def format_size(num_bytes):
    """'198.79 KB' for 203560 bytes (powers of 1024, two decimals)."""
    for unit in ("B", "KB", "MB", "GB"):
        if num_bytes < 1024 or unit == "GB":
            return f"{num_bytes:.2f} {unit}"
        num_bytes /= 1024
    return f"{num_bytes:.2f} GB"


def _output_shape(layer):
    nodes = getattr(layer, "_inbound_nodes", [])
    if nodes:
        outs = nodes[-1].outputs
        shapes = [tuple(t.shape) for t in outs if hasattr(t, "shape")]
        if len(shapes) == 1:
            return str(shapes[0])
        if shapes:
            return str(shapes)
    return "?"


def _connections(layer, relevant_nodes):
    parts = []
    for node in layer._inbound_nodes:
        if relevant_nodes is not None and id(node) not in relevant_nodes:
            continue
        for t in node.input_tensors:
            history = t._keras_history
            if history is not None:
                parts.append(
                    f"{history.operation.name}[{history.node_index}][{history.tensor_index}]")
    return ", ".join(parts) if parts else "-"


def _rows(model, sequential_like, relevant_nodes):
    rows = []
    for layer in model.layers:
        params = _count(layer.weights) if layer.built else 0
        row = [f"{layer.name} ({type(layer).__name__})", _output_shape(layer), f"{params:,}"]
        if not sequential_like:
            row.append(_connections(layer, relevant_nodes))
        rows.append(row)
    return rows


def _wrap(text, width):
    if len(text) <= width:
        return [text]
    lines, current = [], ""
    for word in text.replace("(", " (").split(" "):
        if not word:
            continue
        candidate = f"{current} {word}".strip() if current else word
        if len(candidate) <= width:
            current = candidate
        else:
            if current:
                lines.append(current)
            while len(word) > width:
                lines.append(word[:width])
                word = word[width:]
            current = word
    if current:
        lines.append(current)
    return lines


def print_summary(model, line_length=None, positions=None, print_fn=None, expand_nested=False,
                  show_trainable=False, layer_range=None):
    from ceras.models.sequential import Sequential  # noqa: PLC0415 - utils sit above models

    print_fn = print_fn or print
    sequential_like = isinstance(model, Sequential) or not hasattr(model, "_steps") or all(
        len(step.node.input_tensors) <= 1 for step in getattr(model, "_steps", []))
    if isinstance(model, Sequential):
        sequential_like = True
    headers = ["Layer (type)", "Output Shape", "Param #"]
    if not sequential_like:
        headers.append("Connected to")
    line_length = line_length or (88 if sequential_like else 115)
    positions = positions or ([0.45, 0.80, 1.0] if sequential_like else [0.3, 0.6, 0.70, 1.0])
    if positions[-1] <= 1:
        positions = [int(line_length * p) for p in positions]
    widths, start = [], 0
    for p in positions:
        widths.append(p - start - 3)
        start = p
    relevant = None
    if hasattr(model, "_steps"):
        relevant = {id(step.node) for step in model._steps}
        for t in getattr(model, "inputs", None) or []:
            history = t._keras_history
            relevant.add(id(history.operation._inbound_nodes[history.node_index]))
    rows = _rows(model, sequential_like, relevant)
    if layer_range is not None:
        rows = rows[layer_range[0]:layer_range[1]]

    def line(left, mid, right, fill):
        return left + mid.join(fill * (w + 2) for w in widths) + right

    def cells(values, border):
        wrapped = [_wrap(v, w) for v, w in zip(values, widths)]
        out = []
        for i in range(max(len(c) for c in wrapped)):
            parts = []
            for j, (c, w) in enumerate(zip(wrapped, widths)):
                text = c[i] if i < len(c) else ""
                parts.append(text.rjust(w) if j == 2 else text.ljust(w))
            out.append(border + border.join(f" {p} " for p in parts) + border)
        return out

    print_fn(f'Model: "{model.name}"')
    print_fn(line("┏", "┳", "┓", "━"))
    for text in cells(headers, "┃"):
        print_fn(text)
    print_fn(line("┡", "╇", "┩", "━"))
    for i, row in enumerate(rows):
        for text in cells(row, "│"):
            print_fn(text)
        print_fn(line("├", "┼", "┤", "─") if i < len(rows) - 1 else line("└", "┴", "┘", "─"))
    if not rows:
        print_fn(line("└", "┴", "┘", "─"))
    weights = model.weights if model.built else []
    trainable = model.trainable_weights if model.built else []
    non_trainable = model.non_trainable_weights if model.built else []
    print_fn(f" Total params: {_count(weights):,} ({format_size(_bytes(weights))})")
    print_fn(f" Trainable params: {_count(trainable):,} ({format_size(_bytes(trainable))})")
    print_fn(f" Non-trainable params: {_count(non_trainable):,} "
             f"({format_size(_bytes(non_trainable))})")
    optimizer = getattr(model, "optimizer", None)
    if optimizer is not None and getattr(optimizer, "built", False):
        variables = optimizer.variables
        print_fn(f" Optimizer params: {_count(variables):,} "
                 f"({format_size(_bytes(variables))})")
