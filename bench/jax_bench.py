"""Training speed on JAX: ceras, Keras 3 and a hand-written jax + optax loop.

    python bench/jax_bench.py                   # every workload, 5 repeats
    python bench/jax_bench.py --quick           # fewer steps and repeats
    python bench/jax_bench.py --workloads tiny --repeats 7

The workloads are bench/workloads.py's (same models, Adam 1e-3, shuffled batches).
Each library runs in its own worker process: ceras with ``CERAS_BACKEND=jax``, Keras
with ``KERAS_BACKEND=jax``, and the hand-written loop (``jax.jit`` of
value_and_grad + ``optax.adam``, buffers donated), so no two share a JAX runtime. A
repeat times one epoch of ``fit`` (for the loop: one pass over shuffled batches),
after a warm-up epoch that compiles; figures are medians over repeats, interleaved.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.dirname(HERE))

import workloads  # noqa: E402

LIBS = ("ceras", "keras", "jax")


# -- the workers ------------------------------------------------------------------

class KerasLikeRunner:
    """ceras or Keras: ``model.fit`` on one epoch."""

    def __init__(self, lib_name, quick):
        if lib_name == "keras":
            import keras as lib  # noqa: PLC0415 - KERAS_BACKEND=jax set by the parent
        else:
            import ceras as lib  # noqa: PLC0415 - CERAS_BACKEND=jax set by the parent
        self.lib, self.quick, self.models = lib, quick, {}

    def fit(self, name):
        if name not in self.models:
            spec = workloads.WORKLOADS[name]
            x, y = workloads.make_data(name, spec["batch"] * spec["steps"][int(self.quick)])
            model = workloads.keras_like_model(name, self.lib)
            model.fit(x, y, batch_size=spec["batch"], epochs=1, verbose=0)  # compiles
            self.models[name] = (model, x, y, spec["batch"])
        model, x, y, batch = self.models[name]
        start = time.perf_counter()
        model.fit(x, y, batch_size=batch, epochs=1, verbose=0)
        return time.perf_counter() - start


class JaxRunner:
    """The same models written directly in JAX, trained by a jitted step with optax."""

    def __init__(self, quick):
        import jax  # noqa: PLC0415
        import optax  # noqa: PLC0415

        self.jax, self.optax, self.quick, self.models = jax, optax, quick, {}

    def _init(self, name, key):
        jax, jnp = self.jax, self.jax.numpy

        def dense(key, n_in, n_out):
            limit = (6.0 / (n_in + n_out)) ** 0.5
            return {"w": jax.random.uniform(key, (n_in, n_out), jnp.float32, -limit, limit),
                    "b": jnp.zeros((n_out,), jnp.float32)}

        keys = list(jax.random.split(key, 6))
        if name == "tiny":
            return {"h": dense(keys[0], 20, 64), "o": dense(keys[1], 64, 1)}
        if name == "mlp":
            return {"h1": dense(keys[0], 784, 256), "h2": dense(keys[1], 256, 256),
                    "o": dense(keys[2], 256, 10)}
        if name == "cnn":
            return {"c1": {"w": dense(keys[0], 9, 32)["w"].reshape(3, 3, 1, 32),
                           "b": jnp.zeros(32)},
                    "c2": {"w": dense(keys[1], 9 * 32, 64)["w"].reshape(3, 3, 32, 64),
                           "b": jnp.zeros(64)},
                    "o": dense(keys[2], 12 * 12 * 64, 10)}
        if name == "lstm":
            return {"k": dense(keys[0], 32, 256)["w"], "r": dense(keys[1], 64, 256)["w"],
                    "b": jnp.zeros(256), "o": dense(keys[2], 64, 1)}
        if name == "embed":
            return {"e": jax.random.uniform(keys[0], (10000, 64), jnp.float32, -0.05, 0.05),
                    "o": dense(keys[1], 64, 1)}
        raise ValueError(name)

    def _loss(self, name):
        jax, jnp, optax = self.jax, self.jax.numpy, self.optax

        def linear(p, x):
            return x @ p["w"] + p["b"]

        def conv(p, x):
            out = jax.lax.conv_general_dilated(x, p["w"], (1, 1), "VALID",
                                               dimension_numbers=("NHWC", "HWIO", "NHWC"))
            return jax.nn.relu(out + p["b"])

        def forward(params, x):
            if name == "tiny":
                return linear(params["o"], jax.nn.relu(linear(params["h"], x)))
            if name == "mlp":
                h = jax.nn.relu(linear(params["h1"], x))
                return linear(params["o"], jax.nn.relu(linear(params["h2"], h)))
            if name == "cnn":
                h = conv(params["c2"], conv(params["c1"], x))
                h = jax.lax.reduce_window(h, -jnp.inf, jax.lax.max, (1, 2, 2, 1), (1, 2, 2, 1),
                                          "VALID")
                return linear(params["o"], h.reshape(h.shape[0], -1))
            if name == "lstm":
                projected = x @ params["k"] + params["b"]

                def step(carry, xt):
                    h, c = carry
                    i, f, g, o = jnp.split(xt + h @ params["r"], 4, axis=-1)
                    c = jax.nn.sigmoid(f) * c + jax.nn.sigmoid(i) * jnp.tanh(g)
                    h = jax.nn.sigmoid(o) * jnp.tanh(c)
                    return (h, c), None

                zeros = jnp.zeros((x.shape[0], 64), x.dtype)
                (h, _), _ = jax.lax.scan(step, (zeros, zeros), jnp.swapaxes(projected, 0, 1))
                return linear(params["o"], h)
            return linear(params["o"], jnp.take(params["e"], x, axis=0).mean(axis=1))

        def loss(params, x, y):
            out = forward(params, x)
            if name in ("mlp", "cnn"):
                return optax.softmax_cross_entropy_with_integer_labels(out, y).mean()
            if name == "embed":
                return optax.sigmoid_binary_cross_entropy(out, y).mean()
            return jnp.mean((out - y) ** 2)

        return loss

    def _setup(self, name):
        jax, optax = self.jax, self.optax
        spec = workloads.WORKLOADS[name]
        x, y = workloads.make_data(name, spec["batch"] * spec["steps"][int(self.quick)])
        params = self._init(name, jax.random.key(0))
        optimizer = optax.adam(1e-3, eps=1e-7)  # Keras's epsilon, outside the sqrt too
        loss = self._loss(name)

        def _step(params, opt_state, xb, yb):
            value, grads = jax.value_and_grad(loss)(params, xb, yb)
            updates, opt_state = optimizer.update(grads, opt_state, params)
            return optax.apply_updates(params, updates), opt_state, value

        step = jax.jit(_step, donate_argnums=(0, 1))
        self.models[name] = [params, optimizer.init(params), step, x, y, spec["batch"]]
        self._epoch(name)  # compiles

    def _epoch(self, name):
        import numpy as np  # noqa: PLC0415

        entry = self.models[name]
        params, opt_state, step, x, y, batch = entry
        order = np.random.permutation(x.shape[0])
        value = None
        for start in range(0, x.shape[0], batch):
            rows = order[start:start + batch]
            params, opt_state, value = step(params, opt_state, x[rows], y[rows])
        value.block_until_ready()
        entry[0], entry[1] = params, opt_state

    def fit(self, name):
        if name not in self.models:
            self._setup(name)
        start = time.perf_counter()
        self._epoch(name)
        return time.perf_counter() - start


def worker(lib_name, quick):
    """Serve timing requests (one JSON line each) on stdin / stdout."""
    runner = JaxRunner(quick) if lib_name == "jax" else KerasLikeRunner(lib_name, quick)
    for line in sys.stdin:
        request = json.loads(line)
        try:
            reply = {"seconds": runner.fit(request["name"])}
        except Exception as e:  # noqa: BLE001 - reported back, the bench carries on
            reply = {"error": f"{type(e).__name__}: {e}"}
        sys.stdout.write(json.dumps(reply) + "\n")
        sys.stdout.flush()


class Client:
    def __init__(self, lib_name, quick):
        env = dict(os.environ, CERAS_BACKEND="jax", KERAS_BACKEND="jax")
        args = [sys.executable, os.path.abspath(__file__), "--worker", lib_name]
        if quick:
            args.append("--quick")
        self.process = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        text=True, env=env)

    def fit(self, name):
        self.process.stdin.write(json.dumps({"name": name}) + "\n")
        self.process.stdin.flush()
        reply = json.loads(self.process.stdout.readline())
        if "error" in reply:
            raise RuntimeError(reply["error"])
        return reply["seconds"]

    def close(self):
        self.process.stdin.close()
        self.process.wait(timeout=60)


def run(names, repeats, quick, libs):
    clients = {lib: Client(lib, quick) for lib in libs}
    results, errors = {}, {}
    try:
        for _ in range(repeats):
            for name in names:
                for lib, client in clients.items():
                    try:
                        results.setdefault((name, lib), []).append(client.fit(name))
                    except RuntimeError as e:
                        errors[(name, lib)] = str(e)
    finally:
        for client in clients.values():
            client.close()
    return results, errors


def report(results, errors, names, quick, libs):
    lines = ["training on JAX, samples/s (median of repeats); ms per step in brackets",
             f"{'workload':<10}" + "".join(f"{lib:>20}" for lib in libs)
             + f"{'ceras/keras':>13}{'ceras/jax':>11}"]
    for name in names:
        spec = workloads.WORKLOADS[name]
        steps = spec["steps"][int(quick)]
        samples = spec["batch"] * steps
        seconds = {lib: statistics.median(results[(name, lib)])
                   if results.get((name, lib)) else None for lib in libs}
        row = f"{name:<10}"
        for lib in libs:
            s = seconds[lib]
            row += f"{samples / s:>11,.0f} ({s / steps * 1e3:5.2f})" if s else f"{'n/a':>20}"
        for other in ("keras", "jax"):
            a, b = seconds.get("ceras"), seconds.get(other)
            row += f"{b / a:>{13 if other == 'keras' else 11}.2f}" if a and b else \
                f"{'n/a':>{13 if other == 'keras' else 11}}"
        lines.append(row)
    lines.append("ceras/keras, ceras/jax: speed ratios (higher is better for ceras)")
    for key, error in errors.items():
        lines.append(f"skipped {key}: {error}")
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer steps and repeats")
    parser.add_argument("--repeats", type=int, default=None, help="timed repeats (median)")
    parser.add_argument("--workloads", default=",".join(workloads.WORKLOADS),
                        help="comma-separated subset of " + ",".join(workloads.WORKLOADS))
    parser.add_argument("--libs", default=",".join(LIBS), help="subset of ceras,keras,jax")
    parser.add_argument("--worker", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        worker(args.worker, args.quick)
        return
    names = [n for n in args.workloads.split(",") if n]
    libs = [lib for lib in args.libs.split(",") if lib]
    repeats = args.repeats or (3 if args.quick else 5)
    results, errors = run(names, repeats, args.quick, libs)
    print(report(results, errors, names, args.quick, libs))


if __name__ == "__main__":
    main()
