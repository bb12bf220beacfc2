"""EinsumDense (the projection layer of the attention family) against real Keras."""
import numpy as np
import pytest

import ceras
from ceras import layers, ops

CASES = [
    ("ab,bc->ac", 4, "c", (3, 5)),
    ("abc,cd->abd", (None, 4), "d", (2, 3, 5)),
    ("abc,cde->abde", (None, 2, 3), "de", (2, 3, 5)),
    ("abcd,cde->abe", (None, 4), "e", (2, 3, 2, 5)),
    ("...b,bc->...c", 4, "c", (2, 3, 5)),
    ("abc...,cd->abd...", (3, 4), None, (2, 3, 5, 6)),
    ("abc,dc->abd", (None, 4), None, (2, 3, 5)),
]


@pytest.mark.oracle
@pytest.mark.parametrize("equation,output_shape,bias_axes,input_shape", CASES)
def test_einsum_dense_matches_keras(keras_oracle, rng, equation, output_shape, bias_axes,
                                    input_shape):
    x = rng.normal(size=input_shape).astype("float32")
    c = layers.EinsumDense(equation, output_shape, bias_axes=bias_axes, activation="tanh")
    k = keras_oracle.layers.EinsumDense(equation, output_shape, bias_axes=bias_axes,
                                        activation="tanh")
    c(x)
    k(x)
    assert [w.shape for w in c.weights] == [tuple(w.shape) for w in k.weights]
    k.set_weights(c.get_weights())
    np.testing.assert_allclose(ops.convert_to_numpy(c(x)), k(x).detach().numpy(), atol=1e-5)
    symbolic_shape = (None,) + input_shape[1:]
    assert c.compute_output_shape(symbolic_shape) == k.compute_output_shape(symbolic_shape)
    config = c.get_config()
    assert {**config, "name": None} == {**k.get_config(), "name": None}
    assert layers.EinsumDense.from_config(config).get_config() == config


def test_einsum_dense_kernel_initializer_uses_contracted_axes():
    layer = layers.EinsumDense("abc,cde->abde", (None, 8, 16), kernel_initializer="ones")
    layer(np.zeros((1, 2, 4), "float32"))
    assert layer.kernel.shape == (4, 8, 16) and layer.bias is None
    glorot = layers.EinsumDense("ab,bcd->acd", (64, 64))
    glorot(np.zeros((1, 256), "float32"))
    limit = np.sqrt(6 / (256 + 64 * 64))  # fans from the input and output axes
    # float32 rounding of the sampled values may exceed the float64 limit by an ulp
    assert np.abs(glorot.kernel.numpy()).max() <= np.float32(limit) * (1 + 1e-6)
    assert np.abs(glorot.kernel.numpy()).max() > 0.9 * limit  # not a narrower distribution


def test_einsum_dense_errors():
    with pytest.raises(ValueError, match=r'Layer "einsum_dense" expects an einsum equation of '
                                         r'the form "X,Y->Z", .* received equation=\'ab->b\''):
        layers.EinsumDense("ab->b", 3)
    with pytest.raises(ValueError, match=r"expects inputs of rank 2, received input shape "
                                         r"\(2, 3, 4\)"):
        layers.EinsumDense("ab,bc->ac", 3)(np.zeros((2, 3, 4), "float32"))
    with pytest.raises(ValueError, match=r"output dim 'x' of equation 'ab,bc->ax' is in neither"):
        layers.EinsumDense("ab,bc->ax", 3)(np.zeros((2, 3), "float32"))
    with pytest.raises(ValueError, match=r"kernel dim 'z' of equation 'ab,bz->a' is in neither"):
        layers.EinsumDense("ab,bz->a", ())(np.zeros((2, 3), "float32"))
    with pytest.raises(ValueError, match=r"output_shape gives dim 'b' size 7, but the input has "
                                         r"size 3 there"):
        layers.EinsumDense("abc,cd->abd", (7, 4))(np.zeros((2, 3, 5), "float32"))
    with pytest.raises(ValueError, match=r"bias_axes 'q' name dims \['q'\] that are not in the "
                                         r"output"):
        layers.EinsumDense("ab,bc->ac", 3, bias_axes="q")(np.zeros((2, 3), "float32"))
    with pytest.raises(ValueError, match=r"LoRA and quantization are not supported"):
        layers.EinsumDense("ab,bc->ac", 3, lora_rank=2)
    assert layers.EinsumDense("abc,cd->abd", (None, 4))(ceras.Input((5, 3))).shape == \
        (None, None, 4)
