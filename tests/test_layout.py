"""Project-layout rules that keep the suite and the layering healthy."""
import collections
import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parents[1]


def test_test_file_basenames_are_unique():
    # tests/ has no __init__.py files, so pytest imports each module by basename.
    names = collections.Counter(p.name for p in (ROOT / "tests").rglob("*.py"))
    assert [n for n, c in names.items() if c > 1 and n != "conftest.py"] == []


def test_only_the_backend_imports_torch_or_jax():
    pattern = re.compile(r"^\s*(import|from)\s+(torch|jax|jaxlib|optax)\b", re.M)
    offenders = [str(p.relative_to(ROOT)) for p in (ROOT / "ceras").rglob("*.py")
                 if "backend" not in p.relative_to(ROOT / "ceras").parts[:1]
                 and pattern.search(p.read_text())]
    assert offenders == []
