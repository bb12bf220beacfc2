# The two commands a new user needs: `make demo` and `make test`.
# Each creates .venv (once) and installs what it needs; torch is pinned to the
# local CPU build (2.13.0).
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test test-jax bench bench-jax clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q torch==2.13.0
	$(BIN)/pip install -q -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/python examples/demo.py

test: $(STAMP)
	KERAS_BACKEND=torch $(BIN)/python -m pytest -n 2 tests

# The same suite on the JAX backend (torch-only tests skip). XLA compiles each new op
# shape (~30 ms on a CPU); the persistent cache in .jax_cache makes reruns faster.
test-jax: $(STAMP)
	CERAS_BACKEND=jax KERAS_BACKEND=torch JAX_COMPILATION_CACHE_DIR=$(CURDIR)/.jax_cache \
	JAX_PERSISTENT_CACHE_MIN_COMPILE_TIME_SECS=0 JAX_PERSISTENT_CACHE_MIN_ENTRY_SIZE_BYTES=-1 \
	$(BIN)/python -m pytest -n 2 tests

bench: $(STAMP)
	$(BIN)/python bench/run.py

bench-jax: $(STAMP)
	$(BIN)/pip install -q optax
	$(BIN)/python bench/jax_bench.py

clean:
	rm -rf $(VENV) build *.egg-info .jax_cache
