"""Models survive copy.deepcopy (and keep working independently of the original)."""
import copy

import numpy as np

import ceras
from ceras import layers, ops


def test_deepcopy_functional_and_subclassed():
    x = np.ones((1, 3), "float32")
    inputs = ceras.Input((3,))
    model = ceras.Model(inputs, layers.Dense(2)(inputs))
    clone = copy.deepcopy(model)
    np.testing.assert_allclose(ops.convert_to_numpy(clone(x)), ops.convert_to_numpy(model(x)))
    clone.layers[1].kernel.assign(np.zeros((3, 2), "float32"))
    assert not np.allclose(model.layers[1].kernel.numpy(), 0)

    class Net(ceras.Model):
        def __init__(self):
            super().__init__()
            self.blocks = [layers.Dense(2)]

        def call(self, t):
            return self.blocks[0](t)

    net = Net()
    net(x)
    net_copy = copy.deepcopy(net)
    assert len(net_copy.weights) == 2
    np.testing.assert_allclose(ops.convert_to_numpy(net_copy(x)), ops.convert_to_numpy(net(x)))
