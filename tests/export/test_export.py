"""Model.export: ONNX files run by ONNX Runtime match model.predict; torch .pt2 files."""
import numpy as np
import pytest

import ceras
from ceras.layers import InputSpec
from backend_testing import requires_torch

ort = pytest.importorskip("onnxruntime")
pytest.importorskip("onnxscript")


def run_onnx(path, feeds):
    session = ort.InferenceSession(str(path))
    return session, session.run(None, feeds)


@requires_torch
def test_sequential_onnx_matches_predict_for_any_batch_size(tmp_path, rng):
    model = ceras.Sequential([ceras.Input((6,)), ceras.layers.Dense(8, activation="relu"),
                              ceras.layers.Dense(3, activation="softmax")])
    path = tmp_path / "model.onnx"
    assert model.export(path, format="onnx", verbose=False) == str(path)
    session = ort.InferenceSession(str(path))
    (inp,) = session.get_inputs()
    assert inp.shape[0] == "batch" and inp.shape[1] == 6
    for batch in (1, 7):
        x = rng.normal(size=(batch, 6)).astype("float32")
        (out,) = session.run(None, {inp.name: x})
        np.testing.assert_allclose(out, model.predict(x, verbose=0), rtol=1e-5, atol=1e-6)


@requires_torch
def test_functional_dict_inputs_onnx_named_after_inputs(tmp_path, rng):
    a = ceras.Input((3,), name="a")
    b = ceras.Input((5,), name="b")
    h = ceras.layers.Concatenate()([ceras.layers.Dense(4)(a), b])
    model = ceras.Model({"a": a, "b": b}, ceras.layers.Dense(2, activation="tanh")(h))
    model.export(tmp_path / "m.onnx", format="onnx", verbose=False)
    x = {"a": rng.normal(size=(4, 3)).astype("float32"),
         "b": rng.normal(size=(4, 5)).astype("float32")}
    session, (out,) = run_onnx(tmp_path / "m.onnx", x)
    assert sorted(i.name for i in session.get_inputs()) == ["a", "b"]
    np.testing.assert_allclose(out, model.predict(x, verbose=0), rtol=1e-5, atol=1e-6)


@requires_torch
def test_subclassed_model_exports_from_its_first_call(tmp_path, rng):
    class TwoLayers(ceras.Model):
        def __init__(self):
            super().__init__()
            self.hidden = ceras.layers.Dense(5, activation="relu")
            self.out = ceras.layers.Dense(1)

        def call(self, x):
            return self.out(self.hidden(x))

    model = TwoLayers()
    x = rng.normal(size=(3, 4)).astype("float32")
    expected = model.predict(x, verbose=0)
    model.export(tmp_path / "sub.onnx", format="onnx", verbose=False)
    session, (out,) = run_onnx(tmp_path / "sub.onnx", {"input_0": x})
    np.testing.assert_allclose(out, expected, rtol=1e-5, atol=1e-6)


@requires_torch
def test_explicit_input_signature_and_verbose_message(tmp_path, rng, capsys):
    model = ceras.Sequential([ceras.layers.Dense(2)])
    model.build((None, 3))
    path = tmp_path / "sig.onnx"
    model.export(path, format="onnx",
                 input_signature=[InputSpec(shape=(None, 3), dtype="float32", name="x")])
    assert f"Saved artifact at '{path}'." in capsys.readouterr().out
    x = rng.normal(size=(2, 3)).astype("float32")
    _, (out,) = run_onnx(path, {"x": x})
    np.testing.assert_allclose(out, model.predict(x, verbose=0), rtol=1e-5, atol=1e-6)


@requires_torch
def test_torch_exported_program_matches_predict(tmp_path, rng):
    torch = pytest.importorskip("torch")
    model = ceras.Sequential([ceras.Input((4,)), ceras.layers.Dense(3, activation="relu")])
    path = tmp_path / "model.pt2"
    model.export(path, format="torch", verbose=False)
    x = rng.normal(size=(1, 4)).astype("float32")
    out = torch.export.load(str(path)).module()(torch.from_numpy(x))
    np.testing.assert_allclose(out.detach().numpy(), model.predict(x, verbose=0), rtol=1e-5)
    with pytest.raises(ValueError, match="must end with '.pt2'"):
        model.export(tmp_path / "model.pt", format="torch")


@pytest.mark.parametrize("fmt, needs", [("tf_saved_model", "TensorFlow"),
                                        ("litert", "TensorFlow Lite"),
                                        ("openvino", "OpenVINO")])
def test_formats_needing_other_toolchains_raise(tmp_path, fmt, needs):
    model = ceras.Sequential([ceras.Input((2,)), ceras.layers.Dense(1)])
    with pytest.raises(ValueError, match=f"format='{fmt}' needs .*{needs}.*format='onnx'"):
        model.export(tmp_path / "out", format=fmt)


def test_default_format_is_keras_tf_saved_model_and_unknown_formats_raise(tmp_path):
    model = ceras.Sequential([ceras.Input((2,)), ceras.layers.Dense(1)])
    with pytest.raises(ValueError, match="needs TensorFlow"):
        model.export(tmp_path / "out")
    with pytest.raises(ValueError, match=r"Unrecognized format='tflite'. Supported formats"):
        model.export(tmp_path / "out", format="tflite")


def test_export_archive_explains_it_needs_tensorflow():
    with pytest.raises(ValueError, match="ExportArchive writes TensorFlow SavedModel"):
        ceras.export.ExportArchive()


@requires_torch
def test_unbuilt_model_and_bad_signature_raise(tmp_path):
    model = ceras.Sequential([ceras.layers.Dense(1)])
    with pytest.raises(ValueError, match="has not been built yet"):
        model.export(tmp_path / "m.onnx", format="onnx")
    built = ceras.Sequential([ceras.Input((2,)), ceras.layers.Dense(1)])
    with pytest.raises(TypeError, match="holds InputSpec, KerasTensor or tensor objects"):
        built.export(tmp_path / "m.onnx", format="onnx", input_signature=["x"])
    with pytest.raises(ValueError, match="needs a shape and a dtype"):
        built.export(tmp_path / "m.onnx", format="onnx", input_signature=[InputSpec(ndim=2)])
    with pytest.raises(ValueError, match=r"unexpected keyword arguments: \['bogus'\]"):
        built.export(tmp_path / "m.onnx", format="onnx", bogus=1)


def test_backends_without_an_exporter_raise(tmp_path, monkeypatch):
    model = ceras.Sequential([ceras.Input((2,)), ceras.layers.Dense(1)])
    monkeypatch.delattr(ceras.backend, "export", raising=False)  # absent off torch
    with pytest.raises(ValueError, match="ONNX export needs the torch backend"):
        model.export(tmp_path / "m.onnx", format="onnx")
    with pytest.raises(ValueError, match="The torch export format needs the torch backend"):
        model.export(tmp_path / "m.pt2", format="torch")
