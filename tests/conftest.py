"""Test set-up shared by every module.

Real Keras (torch backend) is the oracle: tests that use it are marked
``oracle`` and skip only when keras is not installed.
"""
import os

os.environ.setdefault("KERAS_BACKEND", "torch")

import numpy as np  # noqa: E402
import pytest  # noqa: E402


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
