"""ceras.ops.nn (activations, encodings, normalization, attention, losses) against real
Keras on the torch backend; convolutions and pooling are in test_nn_conv.py."""
import numpy as np
import pytest
import torch
from backend_testing import to_torch

from ceras import backend, ops


def assert_same(got, want, tol=1e-5):
    if isinstance(want, (tuple, list)):
        assert len(got) == len(want)
        for g, w in zip(got, want):
            assert_same(g, w, tol)
        return
    want = torch.as_tensor(want)
    got = to_torch(got)
    assert got.dtype == want.dtype, (got.dtype, want.dtype)
    assert tuple(got.shape) == tuple(want.shape), (tuple(got.shape), tuple(want.shape))
    if got.is_complex():
        got, want = torch.view_as_real(got), torch.view_as_real(want)
    np.testing.assert_allclose(got.detach().double().numpy(), want.detach().double().numpy(),
                               rtol=tol, atol=tol, equal_nan=True)


def randn(*shape, seed=0, dtype="float32", scale=2.0):
    return (np.random.default_rng(seed).standard_normal(shape) * scale).astype(dtype)


X = np.concatenate([randn(3, 7).ravel(), [-3, -1, -0.5, 0, 0.5, 1, 3]]).astype("float32")

ACTIVATIONS = ("relu", "relu6", "sigmoid", "softplus", "softsign", "silu", "swish",
               "log_sigmoid", "hard_sigmoid", "hard_silu", "hard_swish", "elu", "selu",
               "gelu", "celu", "hard_tanh", "tanh_shrink", "soft_shrink", "hard_shrink",
               "sparse_plus", "sparse_sigmoid", "squareplus", "leaky_relu", "softmax",
               "log_softmax", "glu")


@pytest.mark.oracle
@pytest.mark.parametrize("name", ACTIVATIONS)
@pytest.mark.parametrize("dtype", ["float32", "float64", "float16"])
def test_activation_matches_keras(keras_oracle, name, dtype):
    x = torch.from_numpy(X.reshape(4, 7)[:, :6].astype(dtype))
    tol = 2e-3 if dtype == "float16" else 1e-5
    assert_same(getattr(ops, name)(x), getattr(keras_oracle.ops, name)(x), tol)


@pytest.mark.oracle
@pytest.mark.parametrize("name,kwargs", [
    ("leaky_relu", {"negative_slope": 0.05}), ("elu", {"alpha": 0.5}), ("celu", {"alpha": 2.0}),
    ("gelu", {"approximate": False}), ("soft_shrink", {"threshold": 1.0}),
    ("hard_shrink", {"threshold": 1.5}), ("squareplus", {"b": 1}), ("glu", {"axis": 0}),
    ("softmax", {"axis": 0}), ("softmax", {"axis": (0, 2)}), ("log_softmax", {"axis": 1}),
    ("log_softmax", {"axis": (1, 2)}),
])
def test_activation_arguments_match_keras(keras_oracle, name, kwargs):
    x = torch.from_numpy(randn(4, 3, 6))
    assert_same(getattr(ops, name)(x, **kwargs), getattr(keras_oracle.ops, name)(x, **kwargs))


@pytest.mark.oracle
@pytest.mark.parametrize("name", ["relu", "relu6", "hard_tanh", "sigmoid", "softsign",
                                  "squareplus", "tanh_shrink"])
def test_activation_of_integers_matches_keras_dtype(keras_oracle, name):
    x = torch.tensor([[-7, -1, 0, 2, 9]], dtype=torch.int32)
    assert_same(getattr(ops, name)(x), getattr(keras_oracle.ops, name)(x))


@pytest.mark.parametrize("name", ["elu", "gelu", "softmax", "log_softmax", "silu"])
def test_float_only_activations_cast_integers_to_floatx(name):
    # (Keras's torch backend raises here; ceras computes in floatx.)
    x = np.array([[-2, 0, 3]], "int32")
    assert_same(getattr(ops, name)(x), getattr(ops, name)(x.astype("float32")))


def reference_sparsemax(z):
    """Euclidean projection of each row onto the simplex, by bisection on tau."""
    low, high = z.max(-1, keepdims=True) - 1, z.max(-1, keepdims=True)
    for _ in range(100):
        tau = (low + high) / 2
        over = np.maximum(z - tau, 0).sum(-1, keepdims=True) > 1
        low, high = np.where(over, tau, low), np.where(over, high, tau)
    return np.maximum(z - (low + high) / 2, 0)


@pytest.mark.parametrize("axis", [-1, 0])
def test_sparsemax_projects_onto_the_simplex(axis):
    # Keras 3.15's sparsemax (every backend) returns rows that do not sum to 1, e.g.
    # [0.25, 0] for [1, 0.5]; ceras follows the definition (Martins & Astudillo, 2016).
    x = randn(5, 6).astype("float64")
    got = ops.sparsemax(x, axis=axis).numpy()
    want = np.moveaxis(reference_sparsemax(np.moveaxis(x, axis, -1)), -1, axis)
    np.testing.assert_allclose(got, want, atol=1e-9)
    np.testing.assert_allclose(ops.sparsemax(np.array([1.0, 0.5])).numpy(), [0.75, 0.25])


@pytest.mark.oracle
def test_threshold_polar_psnr_match_keras(keras_oracle):
    x, y = randn(3, 5), randn(3, 5, seed=1)
    assert_same(ops.threshold(x, 0.3, -1.0), keras_oracle.ops.threshold(x, 0.3, -1.0))
    assert_same(ops.polar(np.abs(x), y), keras_oracle.ops.polar(np.abs(x), y))
    assert_same(ops.psnr(x, y, 4.0), keras_oracle.ops.psnr(x, y, 4.0))


def test_glu_odd_axis_raises():
    with pytest.raises(ValueError, match="must be even"):
        ops.glu(np.ones((2, 3)))


# -- encodings and reshapes --------------------------------------------------------------

@pytest.mark.oracle
@pytest.mark.parametrize("axis", [-1, 0, 1])
@pytest.mark.parametrize("dtype", [None, "int32", "bool"])
def test_one_hot_matches_keras(keras_oracle, axis, dtype):
    x = np.array([[0, 3, -1], [2, 1, 1]])
    assert_same(ops.one_hot(x, 4, axis=axis, dtype=dtype),
                keras_oracle.ops.one_hot(x, 4, axis=axis, dtype=dtype))


def test_one_hot_out_of_range_ids_give_zero_rows():
    np.testing.assert_array_equal(ops.one_hot(np.array([5, 1]), 3).numpy(),
                                  [[0, 0, 0], [0, 1, 0]])
    with pytest.raises(ValueError, match="sparse=True"):
        ops.one_hot(np.array([1]), 3, sparse=True)


@pytest.mark.oracle
@pytest.mark.parametrize("x", [np.array([0, 2, 2]), np.array([[0, 2], [1, 1]]),
                               np.array([[[0, 2], [3, 3]], [[1, 0], [2, 2]]])])
def test_multi_hot_matches_keras(keras_oracle, x):
    assert_same(ops.multi_hot(x, 4), keras_oracle.ops.multi_hot(x, 4))
    assert_same(ops.multi_hot(x, num_classes=4, dtype="int32"),
                keras_oracle.ops.multi_hot(x, num_classes=4, dtype="int32"))


@pytest.mark.oracle
@pytest.mark.parametrize("data_format", ["channels_last", "channels_first"])
def test_depth_to_space_and_back_match_keras(keras_oracle, data_format):
    x = torch.arange(2 * 2 * 3 * 12, dtype=torch.float32).reshape(
        (2, 2, 3, 12) if data_format == "channels_last" else (2, 12, 2, 3))
    deep = ops.depth_to_space(x, 2, data_format=data_format)
    assert_same(deep, keras_oracle.ops.depth_to_space(x, 2, data_format=data_format))
    assert_same(ops.space_to_depth(deep, 2, data_format=data_format), x)
    assert_same(ops.space_to_depth(deep, 2, data_format=data_format),
                keras_oracle.ops.space_to_depth(deep, 2, data_format=data_format))


@pytest.mark.oracle
@pytest.mark.parametrize("kwargs", [{}, {"stride": 2}, {"padding": 1, "dilation": 2}])
def test_unfold_and_fold_match_keras(keras_oracle, kwargs):
    x = torch.from_numpy(randn(2, 3, 6, 6))
    patches = ops.unfold(x, 3, **kwargs)
    assert_same(patches, keras_oracle.ops.unfold(x, 3, **kwargs))
    assert_same(ops.fold(patches, (6, 6), 3, **kwargs),
                keras_oracle.ops.fold(to_torch(patches), (6, 6), 3, **kwargs), 1e-4)


# -- statistics and normalization --------------------------------------------------------

@pytest.mark.oracle
@pytest.mark.parametrize("axes,keepdims", [([0], False), ([0, 1], True), (-1, False)])
@pytest.mark.parametrize("dtype", ["float32", "float16"])
def test_moments_match_keras(keras_oracle, axes, keepdims, dtype):
    x = torch.from_numpy(randn(4, 3, 5, dtype=dtype))
    tol = 2e-3 if dtype == "float16" else 1e-5
    assert_same(ops.moments(x, axes, keepdims=keepdims),
                keras_oracle.ops.moments(x, axes, keepdims=keepdims), tol)


@pytest.mark.oracle
@pytest.mark.parametrize("axis", [-1, 1])
@pytest.mark.parametrize("affine", [False, True])
def test_batch_normalization_matches_keras(keras_oracle, axis, affine):
    x = torch.from_numpy(randn(2, 4, 3, 4))
    mean, var = randn(4, seed=1), np.abs(randn(4, seed=2))
    extra = {"offset": randn(4, seed=3), "scale": randn(4, seed=4)} if affine else {}
    assert_same(ops.batch_normalization(x, mean, var, axis, **extra),
                keras_oracle.ops.batch_normalization(x, mean, var, axis, **extra))


@pytest.mark.oracle
@pytest.mark.filterwarnings("ignore:You passed `rms_scaling=True`")
@pytest.mark.parametrize("kwargs", [
    {}, {"gamma": "g", "beta": "b"}, {"gamma": "g", "epsilon": 1e-3}, {"axis": (1, 2)},
    {"rms_scaling": True, "gamma": "g"},
])
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_layer_normalization_matches_keras(keras_oracle, kwargs, dtype):
    x = torch.from_numpy(randn(2, 3, 5, dtype=dtype) + 1)
    axis = kwargs.get("axis", -1)
    param_shape = (3, 5) if axis == (1, 2) else ((3,) if axis == 1 else (5,))
    params = {"g": randn(*param_shape, seed=1, dtype=dtype),
              "b": randn(*param_shape, seed=2, dtype=dtype)}
    kwargs = {k: params.get(v, v) if isinstance(v, str) else v for k, v in kwargs.items()}
    assert_same(ops.layer_normalization(x, **kwargs),
                keras_oracle.ops.layer_normalization(x, **kwargs))


def test_normalizations_over_a_middle_axis_match_numpy():
    # (Keras's torch backend raises for these: its fused kernels need trailing axes.)
    x = randn(2, 3, 5).astype("float64") + 1
    gamma, beta = randn(3, seed=1).astype("float64"), randn(3, seed=2).astype("float64")
    mean, var = x.mean(1, keepdims=True), x.var(1, keepdims=True)
    want = (x - mean) / np.sqrt(var + 1e-7) * gamma[:, None] + beta[:, None]
    assert_same(ops.layer_normalization(x, gamma, beta, axis=1), want)
    rms = x / np.sqrt((x ** 2).mean(1, keepdims=True) + 1e-7) * gamma[:, None]
    assert_same(ops.rms_normalization(x, gamma, axis=1), rms)


@pytest.mark.oracle
@pytest.mark.parametrize("kwargs", [{}, {"scale": "s"}, {"epsilon": 0.1}])
def test_rms_normalization_matches_keras(keras_oracle, kwargs):
    x = torch.from_numpy(randn(2, 3, 5))
    kwargs = {k: randn(5, seed=3) if v == "s" else v for k, v in kwargs.items()}
    assert_same(ops.rms_normalization(x, **kwargs),
                keras_oracle.ops.rms_normalization(x, **kwargs))


@pytest.mark.oracle
@pytest.mark.parametrize("kwargs", [{}, {"axis": 0}, {"order": 1}, {"order": 3, "axis": 1}])
def test_normalize_matches_keras(keras_oracle, kwargs):
    x = np.concatenate([randn(3, 4), np.zeros((1, 4), "float32")])
    assert_same(ops.normalize(x, **kwargs), keras_oracle.ops.normalize(x, **kwargs))


# -- attention ------------------------------------------------------------------------

def reference_attention(q, k, v, bias=None, mask=None, scale=None, causal=False, cap=None):
    heads = q.shape[2] // k.shape[2]
    k, v = np.repeat(k, heads, axis=2), np.repeat(v, heads, axis=2)
    scale = 1 / np.sqrt(q.shape[-1]) if scale is None else scale
    logits = np.einsum("btnh,bsnh->bnts", q, k) * scale
    if bias is not None:
        logits = logits + bias
    if cap is not None:
        logits = cap * np.tanh(logits / cap)
    if mask is not None:
        logits = np.where(mask, logits, np.finfo("float32").min)
    if causal:
        logits = np.where(np.tril(np.ones(logits.shape[-2:], bool)), logits,
                          np.finfo("float32").min)
    weights = np.exp(logits - logits.max(-1, keepdims=True))
    weights /= weights.sum(-1, keepdims=True)
    return np.einsum("bnts,bsnh->btnh", weights, v).astype("float32")


ATTENTION_CASES = {
    "plain": {}, "scale": {"scale": 0.3}, "causal": {"is_causal": True},
    "bias": {"bias": "bias"}, "mask": {"mask": "mask"},
    "bias_mask_causal": {"bias": "bias", "mask": "mask", "is_causal": True},
}


@pytest.mark.oracle
@pytest.mark.parametrize("case", sorted(ATTENTION_CASES))
@pytest.mark.parametrize("kv_heads", [4, 2])
def test_dot_product_attention_matches_keras_and_numpy(keras_oracle, case, kv_heads):
    q, k, v = randn(2, 5, 4, 8), randn(2, 6, kv_heads, 8, seed=1), randn(2, 6, kv_heads, 8, seed=2)
    extras = {"bias": randn(1, 4, 5, 6, seed=3),
              "mask": np.random.default_rng(4).random((2, 1, 5, 6)) > 0.3}
    kwargs = {key: extras.get(val, val) if isinstance(val, str) else val
              for key, val in ATTENTION_CASES[case].items()}
    got = ops.dot_product_attention(q, k, v, **kwargs)
    if not ("bias" in kwargs and "mask" in kwargs):  # Keras refuses both at once
        assert_same(got, keras_oracle.ops.dot_product_attention(q, k, v, **kwargs), 1e-4)
    want = reference_attention(q, k, v, kwargs.get("bias"), kwargs.get("mask"),
                               kwargs.get("scale"), kwargs.get("is_causal", False))
    assert_same(got, want, 1e-4)


def test_dot_product_attention_soft_cap_unbatched_and_fully_masked_rows():
    q, k, v = randn(2, 5, 4, 8), randn(2, 6, 4, 8, seed=1), randn(2, 6, 4, 8, seed=2)
    mask = np.ones((2, 4, 5, 6), bool)
    mask[:, :, 0] = False  # a fully masked query averages the values instead of NaN
    got = ops.dot_product_attention(q, k, v, mask=mask, attn_logits_soft_cap=2.0)
    assert_same(got, reference_attention(q, k, v, mask=mask, cap=2.0), 1e-4)
    assert_same(ops.dot_product_attention(q, k, v, mask=mask),
                reference_attention(q, k, v, mask=mask), 1e-4)
    assert_same(ops.dot_product_attention(q[0], k[0], v[0]), reference_attention(
        q[:1], k[:1], v[:1])[0], 1e-4)


def test_dot_product_attention_rejects_bad_heads():
    with pytest.raises(ValueError, match="multiple of key heads"):
        ops.dot_product_attention(randn(1, 2, 3, 4), randn(1, 2, 2, 4), randn(1, 2, 2, 4))


# -- losses ------------------------------------------------------------------------------

@pytest.mark.oracle
@pytest.mark.parametrize("from_logits", [False, True])
def test_crossentropies_match_keras(keras_oracle, from_logits):
    logits = randn(4, 3, 5)
    output = logits if from_logits else np.abs(logits) / np.abs(logits).sum(-1, keepdims=True)
    probs = np.random.default_rng(5).random((4, 3, 5)).astype("float32")
    labels = np.random.default_rng(6).integers(0, 5, (4, 3))
    for axis in (-1, 1):
        out_axis = output if axis == -1 else np.moveaxis(output, -1, 1)
        onehot = np.moveaxis(np.eye(5, dtype="float32")[labels], -1, axis)
        sparse = labels if axis == -1 else np.moveaxis(labels[..., None], -1, 1)[:, 0]
        assert_same(ops.categorical_crossentropy(onehot, out_axis, from_logits, axis),
                    keras_oracle.ops.categorical_crossentropy(onehot, out_axis, from_logits,
                                                              axis))
        assert_same(ops.sparse_categorical_crossentropy(sparse, out_axis, from_logits, axis),
                    keras_oracle.ops.sparse_categorical_crossentropy(sparse, out_axis,
                                                                     from_logits, axis))
    bce_out = logits if from_logits else 1 / (1 + np.exp(-logits))
    bce_out[0, 0, :2] = (0.0, 1.0) if not from_logits else (-30.0, 30.0)  # clipping
    assert_same(ops.binary_crossentropy(probs, bce_out, from_logits),
                keras_oracle.ops.binary_crossentropy(probs, bce_out, from_logits))


@pytest.mark.oracle
def test_sparse_categorical_crossentropy_trailing_unit_axis_matches_keras(keras_oracle):
    output, labels = randn(6, 4), np.array([[0], [3], [1], [2], [2], [0]])
    for from_logits in (False, True):
        probs = output if from_logits else np.abs(output)
        assert_same(ops.sparse_categorical_crossentropy(labels, probs, from_logits),
                    keras_oracle.ops.sparse_categorical_crossentropy(labels, probs, from_logits))


@pytest.mark.parametrize("call,message", [
    (lambda: ops.binary_crossentropy(np.ones((2, 3)), np.ones((2, 2))), "same shape"),
    (lambda: ops.categorical_crossentropy(np.ones((2, 3)), np.ones((3, 3))), "same shape"),
    (lambda: ops.sparse_categorical_crossentropy(np.ones((3,)), np.ones((2, 3))),
     "without its class axis"),
    (lambda: ops.ctc_decode(np.ones((1, 3, 2)), np.array([3]), strategy="best"),
     "'greedy' or 'beam_search'"),
])
def test_loss_errors_name_the_problem(call, message):
    with pytest.raises(ValueError, match=message):
        call()


@pytest.mark.oracle
def test_ctc_loss_matches_keras(keras_oracle):
    target = np.array([[1, 2, 2, 0], [3, 1, 0, 0], [1, 1, 1, 1]])
    output = randn(3, 6, 5, seed=7)
    target_length, output_length = np.array([3, 2, 4]), np.array([6, 4, 3])
    for blank in (0, 4):
        t = np.where(target == blank, 1, target) if blank else target
        assert_same(ops.ctc_loss(t, output, target_length, output_length, blank),
                    keras_oracle.ops.ctc_loss(t, output, target_length, output_length, blank),
                    1e-4)


@pytest.mark.oracle
@pytest.mark.parametrize("kwargs", [
    {}, {"merge_repeated": False}, {"mask_index": 2},
    {"strategy": "beam_search", "beam_width": 8, "top_paths": 3},
    {"strategy": "beam_search", "beam_width": 2, "top_paths": 2, "mask_index": 3},
])
def test_ctc_decode_matches_keras(keras_oracle, kwargs):
    inputs = randn(3, 7, 4, seed=8)
    lengths = np.array([7, 5, 2])
    assert_same(ops.ctc_decode(inputs, lengths, **kwargs),
                keras_oracle.ops.ctc_decode(inputs, lengths, **kwargs), 1e-4)


# -- symbolic shapes -------------------------------------------------------------------

@pytest.mark.parametrize("call,expected", [
    (lambda t: ops.relu(t((None, 8))), (None, 8)),
    (lambda t: ops.softmax(t((None, 3, 8)), axis=(1, 2)), (None, 3, 8)),
    (lambda t: ops.glu(t((None, 8))), (None, 4)),
    (lambda t: ops.one_hot(t((None, 5), "int32"), 7), (None, 5, 7)),
    (lambda t: ops.multi_hot(t((None, 5), "int32"), 7), (None, 7)),
    (lambda t: ops.moments(t((None, 4, 3)), [0, 1])[1], (3,)),
    (lambda t: ops.sparsemax(t((None, 6))), (None, 6)),
    (lambda t: ops.ctc_decode(t((None, 3, 5)), t((None,), "int32"), strategy="beam_search",
                              beam_width=3, top_paths=2)[0], (2, None, 3)),
    (lambda t: ops.layer_normalization(t((None, 4, 3))), (None, 4, 3)),
    (lambda t: ops.batch_normalization(t((None, 3)), t((3,)), t((3,)), -1), (None, 3)),
    (lambda t: ops.dot_product_attention(t((None, 5, 4, 8)), t((None, 6, 2, 8)),
                                         t((None, 6, 2, 8))), (None, 5, 4, 8)),
    (lambda t: ops.sparse_categorical_crossentropy(t((None,), "int32"), t((None, 5))),
     (None,)),
    (lambda t: ops.categorical_crossentropy(t((None, 5)), t((None, 5))), (None,)),
    (lambda t: ops.depth_to_space(t((None, 4, 4, 8)), 2), (None, 8, 8, 2)),
    (lambda t: ops.unfold(t((None, 3, 6, 6)), 3), (None, 27, 16)),
    (lambda t: ops.ctc_loss(t((None, 4), "int32"), t((None, 9, 5)), t((None,), "int32"),
                            t((None,), "int32")), (None,)),
])
def test_symbolic_shapes_with_unknown_dims(call, expected):
    out = call(backend.KerasTensor)
    assert isinstance(out, backend.KerasTensor)
    assert out.shape == expected
