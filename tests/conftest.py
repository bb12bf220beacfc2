"""Test set-up shared by every module.

Real Keras (torch backend) is the oracle: tests that use it are marked
``oracle`` and skip only when keras is not installed.
"""
import os

os.environ.setdefault("KERAS_BACKEND", "torch")

import numpy as np  # noqa: E402
import pytest  # noqa: E402

if os.environ.get("PYTEST_XDIST_WORKER"):
    # Two workers on two cores: one intra-op thread each, or the thread pools fight
    # and some tests run tens of times slower.
    try:
        import torch

        torch.set_num_threads(1)
    except ImportError:
        pass

from ceras import backend as _backend  # noqa: E402

if _backend.backend() == "jax":
    import jax.numpy as _jnp

    # Tests read results as torch users do (`out.numpy()`); jax arrays spell it
    # np.asarray(out). A test-only alias keeps one suite for every backend.
    type(_jnp.zeros(())).numpy = lambda self: np.asarray(self)


@pytest.fixture
def keras_oracle():
    """Real Keras 3 on the torch backend (skips the test when not installed)."""
    return pytest.importorskip("keras")


@pytest.fixture(autouse=True)
def _fresh_state():
    from ceras.backend import global_state

    global_state.clear_session()
    np.random.seed(0)
    yield


@pytest.fixture
def rng():
    return np.random.default_rng(1234)


def pytest_collection_modifyitems(config, items):
    """Tests marked ``requires_torch`` skip on the other backends."""
    if _backend.backend() == "torch":
        return
    skip = pytest.mark.skip(reason=f"torch-specific; the active backend is "
                                   f"{_backend.backend()}")
    for item in items:
        if "requires_torch" in item.keywords:
            item.add_marker(skip)
