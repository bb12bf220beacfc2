"""The order in which a Functional model lists its operations (``model.layers``).

Keras lists them by depth — the input layers first, the output layers last — and,
within one depth, in the order a depth-first walk from the outputs first reaches
them. That order decides ``model.weights`` and the entry names of a saved
weights file, so it must be the same here.
"""


def _producer(tensor):
    history = tensor._keras_history
    return history.operation._inbound_nodes[history.node_index]


def keras_operation_order(inputs, outputs):
    input_ids = {id(t) for t in inputs}
    first_seen = {}          # id(op) -> (index, op)
    finished = set()
    post_order = []          # nodes, each after every node it depends on

    def enter(tensor):
        node = _producer(tensor)
        if id(node) in finished or id(node) in in_progress:
            return None
        op = node.operation
        if id(op) not in first_seen:
            first_seen[id(op)] = (len(first_seen), op)
        in_progress.add(id(node))
        parents = [] if node.is_input or id(tensor) in input_ids else list(node.input_tensors)
        return [node, iter(parents)]

    in_progress = set()
    for out in outputs:
        frame = enter(out)
        stack = [frame] if frame else []
        while stack:
            node, parents = stack[-1]
            tensor = next(parents, None)
            if tensor is None:
                stack.pop()
                in_progress.discard(id(node))
                finished.add(id(node))
                post_order.append(node)
                continue
            frame = enter(tensor)
            if frame:
                stack.append(frame)

    node_depth, op_depth = {}, {}
    for node in reversed(post_order):
        depth = max(node_depth.get(id(node), 0), op_depth.get(id(node.operation), 0))
        op_depth[id(node.operation)] = depth
        node_depth[id(node)] = depth
        if node.is_input:
            continue
        for tensor in node.input_tensors:
            parent = _producer(tensor)
            node_depth[id(parent)] = max(depth + 1, node_depth.get(id(parent), 0))
    ordered = sorted(first_seen.values(),
                     key=lambda item: (-op_depth.get(id(item[1]), 0), item[0]))
    return [op for _, op in ordered]
