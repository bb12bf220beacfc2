"""A Node is one call of an Operation on symbolic tensors: the edge list of the graph."""
import collections

from ceras.backend import KerasTensor, tree

KerasHistory = collections.namedtuple("KerasHistory", ["operation", "node_index", "tensor_index"])


class Node:
    def __init__(self, operation, call_args=(), call_kwargs=None, outputs=None):
        self.operation = operation
        self.call_args = tuple(call_args)
        self.call_kwargs = dict(call_kwargs or {})
        self.input_tensors = [x for x in tree.flatten((self.call_args, self.call_kwargs))
                              if isinstance(x, KerasTensor)]
        self.outputs = tree.flatten(outputs) if outputs is not None else []
        self.output_structure = outputs
        node_index = len(operation._inbound_nodes)
        for i, tensor in enumerate(self.outputs):
            if isinstance(tensor, KerasTensor):
                tensor._keras_history = KerasHistory(operation, node_index, i)
        operation._inbound_nodes.append(self)
        for parent in self.parent_nodes:
            parent.operation._outbound_nodes.append(self)

    @property
    def is_input(self):
        return not self.input_tensors

    @property
    def parent_nodes(self):
        parents = []
        for x in self.input_tensors:
            history = x._keras_history
            if history is not None:
                node = history.operation._inbound_nodes[history.node_index]
                if node not in parents:
                    parents.append(node)
        return parents
