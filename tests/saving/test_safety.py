"""Loading untrusted files: each known attack is refused with a clear error, and
corrupt files fail cleanly (never a crash or a hang)."""
import json
import os
import signal
import subprocess
import sys
import zipfile

import h5py
import numpy as np
import pytest

import ceras
from ceras import layers, saving
from ceras.saving.h5_safety import UnsafeFileError

CLEAN_ERRORS = (ValueError, TypeError)


def _model():
    inputs = ceras.Input((3,))
    return ceras.Model(inputs, layers.Dense(2)(inputs))


def _rewrite_config(src, dst, edit):
    with zipfile.ZipFile(src) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    config = json.loads(members["config.json"])
    edit(config)
    members["config.json"] = json.dumps(config).encode()
    with zipfile.ZipFile(dst, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)


def test_config_naming_os_system_is_refused(tmp_path):
    _model().save(tmp_path / "good.keras")
    marker = tmp_path / "pwned"

    def edit(config):
        layer = config["config"]["layers"][1]
        layer["module"] = "os"
        layer["class_name"] = "system"
        layer["registered_name"] = None
        layer["config"] = {"command": f"touch {marker}"}

    _rewrite_config(tmp_path / "good.keras", tmp_path / "bad.keras", edit)
    with pytest.raises(TypeError, match="Could not locate class 'system'"):
        saving.load_model(tmp_path / "bad.keras")
    assert not marker.exists()


def test_function_reference_to_arbitrary_module_is_refused(tmp_path):
    _model().save(tmp_path / "good.keras")

    def edit(config):
        config["config"]["layers"][1]["config"]["activation"] = {
            "module": "builtins", "class_name": "function", "config": "os.system",
            "registered_name": "function"}

    _rewrite_config(tmp_path / "good.keras", tmp_path / "bad.keras", edit)
    with pytest.raises((TypeError, ValueError), match="os.system"):
        saving.load_model(tmp_path / "bad.keras")


def test_lambda_needs_explicit_opt_out(tmp_path):
    inputs = ceras.Input((2,))
    model = ceras.Model(inputs, layers.Lambda(lambda t: t * 3.0)(inputs))
    model.save(tmp_path / "lambda.keras")
    with pytest.raises(ValueError, match=r"disallowed in safe mode.*safe_mode=False"):
        saving.load_model(tmp_path / "lambda.keras")
    restored = saving.load_model(tmp_path / "lambda.keras", safe_mode=False)
    np.testing.assert_allclose(ceras.ops.convert_to_numpy(restored(np.ones((1, 2), "float32"))),
                               [[3.0, 3.0]])


def test_config_cannot_switch_safe_mode_off(tmp_path):
    inputs = ceras.Input((2,))
    model = ceras.Model(inputs, layers.Lambda(lambda t: t + 1.0)(inputs))
    model.save(tmp_path / "lambda.keras")

    def edit(config):
        config["safe_mode"] = False
        config["config"]["safe_mode"] = False
        lam = config["config"]["layers"][1]
        lam["config"]["safe_mode"] = False
        config["config"]["layers"].insert(1, {
            "module": "keras.config", "class_name": "enable_unsafe_deserialization",
            "config": {}, "registered_name": None, "name": "x", "inbound_nodes": []})

    _rewrite_config(tmp_path / "lambda.keras", tmp_path / "sneaky.keras", edit)
    with pytest.raises((TypeError, ValueError), match=r"Could not locate|safe mode"):
        saving.load_model(tmp_path / "sneaky.keras")
    with pytest.raises(ValueError, match="disallowed in safe mode"):
        saving.load_model(tmp_path / "lambda.keras")


def test_hdf5_external_link_is_refused(tmp_path):
    model = _model()
    model.save_weights(tmp_path / "w.weights.h5")
    secret = tmp_path / "secret.h5"
    with h5py.File(secret, "w") as f:
        f["data"] = np.ones((3, 2), "float32")
    with h5py.File(tmp_path / "w.weights.h5", "a") as f:
        group = f["layers/dense/vars"]
        del group["0"]
        group["0"] = h5py.ExternalLink(str(secret), "/data")
    with pytest.raises(UnsafeFileError, match="external link"):
        model.load_weights(tmp_path / "w.weights.h5")


def test_hdf5_soft_link_is_refused(tmp_path):
    model = _model()
    model.save_weights(tmp_path / "w.weights.h5")
    with h5py.File(tmp_path / "w.weights.h5", "a") as f:
        group = f["layers/dense/vars"]
        del group["1"]
        group["1"] = h5py.SoftLink("/layers/dense/vars/0")
    with pytest.raises(UnsafeFileError, match="soft link"):
        model.load_weights(tmp_path / "w.weights.h5")


def test_declared_huge_dataset_is_refused_before_allocating(tmp_path):
    model = _model()
    model.save_weights(tmp_path / "w.weights.h5")
    with h5py.File(tmp_path / "w.weights.h5", "a") as f:
        group = f["layers/dense/vars"]
        del group["0"]
        group.create_dataset("0", shape=(10 ** 12,), dtype="float32", chunks=(1024,))
    with pytest.raises(UnsafeFileError, match=r"declares shape \(1000000000000,\)"):
        model.load_weights(tmp_path / "w.weights.h5")


def test_archive_member_with_parent_path_is_never_written(tmp_path):
    _model().save(tmp_path / "good.keras")
    with zipfile.ZipFile(tmp_path / "good.keras") as archive:
        members = {n: archive.read(n) for n in archive.namelist()}
    evil = tmp_path / "sub" / "evil.keras"
    evil.parent.mkdir()
    with zipfile.ZipFile(evil, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
        archive.writestr("../../x", b"escaped")
        archive.writestr("assets/../../y", b"escaped")
    before = set(os.listdir(tmp_path))
    model = saving.load_model(evil)
    assert model is not None
    assert set(os.listdir(tmp_path)) == before
    assert not (tmp_path / "x").exists() and not (tmp_path.parent / "x").exists()


def test_truncated_and_bit_flipped_files_fail_cleanly(tmp_path):
    model = _model()
    model.save(tmp_path / "m.keras")
    model.save(tmp_path / "m.h5")
    rng = np.random.default_rng(0)
    for name in ("m.keras", "m.h5"):
        data = (tmp_path / name).read_bytes()
        variants = [data[:n] for n in (0, 10, len(data) // 2, len(data) - 1)]
        for _ in range(12):
            flipped = bytearray(data)
            for pos in rng.integers(0, len(data), size=4):
                flipped[pos] ^= 0xFF
            variants.append(bytes(flipped))
        for i, blob in enumerate(variants):
            target = tmp_path / f"fuzz{i}{os.path.splitext(name)[1]}"
            target.write_bytes(blob)
            try:
                saving.load_model(target)
            except CLEAN_ERRORS:
                pass


def test_killed_save_leaves_old_file_loadable(tmp_path):
    path = tmp_path / "m.keras"
    model = _model()
    model.save(path)
    expected = model.get_weights()
    script = f"""
import numpy as np, ceras
from ceras import layers
inputs = ceras.Input((512,))
x = inputs
for _ in range(6):
    x = layers.Dense(512)(x)
model = ceras.Model(inputs, x)
print("ready", flush=True)
while True:
    model.save({str(path)!r})
"""
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE,
                            cwd=os.path.dirname(os.path.dirname(ceras.__file__)))
    assert proc.stdout.readline().strip() == b"ready"
    import time

    time.sleep(1.5)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    restored = saving.load_model(path)
    assert len(restored.get_weights()) in (len(expected), 12)
    leftovers = [p for p in os.listdir(tmp_path) if p.startswith(".ceras-save-")]
    assert len(leftovers) <= 1  # at most the temp file of the killed save, never the target
