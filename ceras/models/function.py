"""Function (``keras.Function``): a graph of operations over symbolic tensors, callable
like a function. It is an Operation, not a Layer: no weights of its own, no training
loop, no config; ``Functional`` is the Model built on the same graph."""
from ceras.backend import KerasTensor, tree
from ceras.models.functional import Functional
from ceras.ops.operation import Operation


class Function(Operation):
    """Computes ``outputs`` from ``inputs`` by replaying the operations recorded between
    them.

    Args:
        inputs: a KerasTensor from ``ceras.Input``, or a list / dict of them.
        outputs: KerasTensors computed from ``inputs`` (same nesting rules).
        name: Defaults to "function" (made unique).

    Example:
        >>> x = ceras.Input((3,))
        >>> fn = ceras.Function(x, ceras.ops.sum(ceras.layers.Dense(4)(x), axis=-1))
        >>> fn(np.ones((2, 3))).shape
        (2,)
    """

    def __init__(self, inputs, outputs, name=None):
        super().__init__(name=name)
        # The call plan (topological order, slots, input checks) is Functional's;
        # the Function holds one rather than repeating it.
        self._graph = Functional(inputs, outputs, name=self.name)

    @property
    def inputs(self):
        return list(self._graph.inputs)

    @property
    def outputs(self):
        return list(self._graph.outputs)

    @property
    def operations(self):
        return self._graph.operations

    def call(self, inputs):
        return self._graph.call(inputs)

    def compute_output_spec(self, inputs):
        return self._graph.compute_output_spec(inputs)

    def compute_output_shape(self, input_shape):
        spec = self.compute_output_spec(_shapes_to_tensors(input_shape))
        return tree.map_structure(lambda t: t.shape, spec)

    def get_config(self):
        raise NotImplementedError(
            f'Function "{self.name}" has no config: it holds a graph of tensors. Save a '
            "Functional model of the same inputs and outputs instead.")


def _shapes_to_tensors(shapes):
    if isinstance(shapes, dict):
        return {key: _shapes_to_tensors(value) for key, value in shapes.items()}
    if all(d is None or isinstance(d, int) for d in shapes):
        return KerasTensor(tuple(shapes))
    return [_shapes_to_tensors(shape) for shape in shapes]
