"""Training and prediction speed: ceras against a hand-written PyTorch loop and Keras.

    python bench/run.py            # every workload, 5 interleaved repeats
    python bench/run.py --quick    # fewer steps and repeats (about a minute)
    python bench/run.py --workloads tiny,mlp --repeats 7 --threads 1

Each repeat times one epoch of each workload in ceras (``model.fit``), in a
PyTorch loop over the same model (same layer sizes, Adam, shuffled batches), and
in Keras 3 on its torch backend when it is installed. Keras runs in a worker
process (so the two libraries never share a process) that receives the same
requests, interleaved with the others; every figure is the median over repeats.
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

PREDICT_CALLS = 200


# -- one library per function: each returns seconds -------------------------------

class LibraryRunner:
    """Times workloads with ceras (``lib="ceras"``) or Keras (``lib="keras"``)."""

    def __init__(self, lib_name, quick):
        if lib_name == "keras":
            os.environ["KERAS_BACKEND"] = "torch"
            import keras as lib  # noqa: PLC0415 - only in the Keras worker process
        else:
            import ceras as lib  # noqa: PLC0415
        self.lib = lib
        self.quick = quick
        self.models = {}

    def _setup(self, name):
        if name not in self.models:
            spec = workloads.WORKLOADS[name]
            steps = spec["steps"][1 if self.quick else 0]
            x, y = workloads.make_data(name, spec["batch"] * steps)
            model = workloads.keras_like_model(name, self.lib)
            model.fit(x, y, batch_size=spec["batch"], epochs=1, verbose=0)  # warm-up
            self.models[name] = (model, x, y, spec["batch"])
        return self.models[name]

    def fit(self, name):
        model, x, y, batch = self._setup(name)
        start = time.perf_counter()
        model.fit(x, y, batch_size=batch, epochs=1, verbose=0)
        return time.perf_counter() - start

    def predict(self, mode):
        model, x, _, _ = self._setup("mlp")
        if mode == "throughput":
            data = workloads.make_data("mlp", 8192)[0]
            model.predict(data, batch_size=1024, verbose=0)
            start = time.perf_counter()
            model.predict(data, batch_size=1024, verbose=0)
            return time.perf_counter() - start
        one = x[:1]
        call = (lambda: model.predict(one, verbose=0)) if mode == "predict" else \
            (lambda: model(one, training=False))
        for _ in range(20):
            call()
        start = time.perf_counter()
        for _ in range(PREDICT_CALLS):
            call()
        return (time.perf_counter() - start) / PREDICT_CALLS


class TorchRunner:
    """The same workloads as a plain PyTorch training loop: ``torch.optim.Adam`` with
    its defaults, or with ``fused=True`` (the kernel ceras's Adam uses)."""

    def __init__(self, quick, fused=False):
        import torch  # noqa: PLC0415

        self.torch = torch
        self.quick = quick
        self.fused = fused
        self.models = {}

    def _setup(self, name):
        if name not in self.models:
            spec = workloads.WORKLOADS[name]
            steps = spec["steps"][1 if self.quick else 0]
            x, y = workloads.make_data(name, spec["batch"] * steps)
            tx, ty = workloads.torch_inputs(name, x, y)
            model, loss_fn, optimizer = workloads.torch_model(name, fused=self.fused)
            self.models[name] = (model, loss_fn, optimizer, tx, ty, spec["batch"])
            self._epoch(name)  # warm-up
        return self.models[name]

    def _epoch(self, name):
        model, loss_fn, optimizer, tx, ty, batch = self.models[name]
        order = self.torch.randperm(tx.shape[0])
        for start in range(0, tx.shape[0], batch):
            rows = order[start:start + batch]
            optimizer.zero_grad(set_to_none=True)
            loss = loss_fn(model(tx[rows]), ty[rows])
            loss.backward()
            optimizer.step()

    def fit(self, name):
        self._setup(name)
        start = time.perf_counter()
        self._epoch(name)
        return time.perf_counter() - start

    def predict(self, mode):
        model, _, _, tx, _, _ = self._setup("mlp")
        torch = self.torch
        if mode == "throughput":
            data = torch.from_numpy(workloads.make_data("mlp", 8192)[0])
            with torch.no_grad():
                start = time.perf_counter()
                outputs = [model(data[i:i + 1024]) for i in range(0, 8192, 1024)]
                torch.cat(outputs).numpy()
                return time.perf_counter() - start
        one = tx[:1]
        # predict runs without autograd; a bare call (like ceras's model(x)) records it.
        context = torch.no_grad() if mode == "predict" else torch.enable_grad()
        with context:
            for _ in range(20):
                model(one)
            start = time.perf_counter()
            for _ in range(PREDICT_CALLS):
                model(one)
            return (time.perf_counter() - start) / PREDICT_CALLS


# -- the Keras worker process ---------------------------------------------------------

def keras_worker(quick):
    """Serve timing requests (one JSON line each) on stdin / stdout."""
    runner = LibraryRunner("keras", quick)
    for line in sys.stdin:
        request = json.loads(line)
        try:
            if request["kind"] == "fit":
                result = runner.fit(request["name"])
            else:
                result = runner.predict(request["name"])
            reply = {"seconds": result}
        except Exception as e:  # noqa: BLE001 - reported back, the bench carries on
            reply = {"error": f"{type(e).__name__}: {e}"}
        sys.stdout.write(json.dumps(reply) + "\n")
        sys.stdout.flush()


class KerasClient:
    def __init__(self, quick, threads):
        args = [sys.executable, os.path.abspath(__file__), "--keras-worker"]
        if quick:
            args.append("--quick")
        if threads:
            args += ["--threads", str(threads)]
        env = dict(os.environ, KERAS_BACKEND="torch")
        self.process = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        text=True, env=env)

    def request(self, kind, name):
        self.process.stdin.write(json.dumps({"kind": kind, "name": name}) + "\n")
        self.process.stdin.flush()
        reply = json.loads(self.process.stdout.readline())
        if "error" in reply:
            raise RuntimeError(reply["error"])
        return reply["seconds"]

    def close(self):
        self.process.stdin.close()
        self.process.wait(timeout=60)


def _keras_available():
    try:
        import importlib.util  # noqa: PLC0415

        return importlib.util.find_spec("keras") is not None
    except ImportError:
        return False


# -- the run -----------------------------------------------------------------------

def _timed(results, key, fn):
    try:
        results.setdefault(key, []).append(fn())
    except Exception as e:  # noqa: BLE001 - a missing layer skips its workload
        results.setdefault(key, [])
        results.setdefault("errors", {})[key] = f"{type(e).__name__}: {e}"


def run(names, repeats, quick, threads, use_keras):
    import torch  # noqa: PLC0415

    if threads:
        torch.set_num_threads(threads)
    ceras_runner = LibraryRunner("ceras", quick)
    torch_runner = TorchRunner(quick)
    fused_runner = TorchRunner(quick, fused=True)
    keras = KerasClient(quick, threads) if use_keras else None
    runners = {"ceras": ceras_runner.fit, "torch": torch_runner.fit,
               "torch-fused": fused_runner.fit}
    if keras is not None:
        runners["keras"] = lambda name: keras.request("fit", name)
    predictors = {"ceras": ceras_runner.predict, "torch": torch_runner.predict}
    if keras is not None:
        predictors["keras"] = lambda mode: keras.request("predict", mode)
    results = {}
    try:
        for _ in range(repeats):
            for name in names:
                for lib, fit in runners.items():
                    _timed(results, (name, lib), lambda fit=fit: fit(name))
            for mode in ("predict", "call", "throughput"):
                for lib, predict in predictors.items():
                    _timed(results, (mode, lib), lambda p=predict: p(mode))
    finally:
        if keras is not None:
            keras.close()
    return results


def _median(values):
    return statistics.median(values) if values else None


def report(results, names, quick, use_keras):
    fit_libs = ["ceras", "torch", "torch-fused"] + (["keras"] if use_keras else [])
    lines = ["training samples/s (median of repeats)"]
    head = f"{'workload':<10}" + "".join(f"{lib:>13}" for lib in fit_libs)
    head += f"{'ceras/torch':>13}{'ceras/fused':>13}" + (
        f"{'ceras/keras':>13}" if use_keras else "")
    lines.append(head)
    for name in names:
        spec = workloads.WORKLOADS[name]
        samples = spec["batch"] * spec["steps"][1 if quick else 0]
        rates = {lib: (samples / _median(results[(name, lib)])
                       if results.get((name, lib)) else None) for lib in fit_libs}
        row = f"{name:<10}" + "".join(
            f"{rates[lib]:>13,.0f}" if rates[lib] else f"{'n/a':>13}" for lib in fit_libs)
        row += _ratio(rates["ceras"], rates["torch"])
        row += _ratio(rates["ceras"], rates["torch-fused"])
        if use_keras:
            row += _ratio(rates["ceras"], rates["keras"])
        lines.append(row)
    libs = ["ceras", "torch"] + (["keras"] if use_keras else [])
    lines.append("")
    lines.append(f"{'predict (mlp)':<22}" + "".join(f"{lib:>14}" for lib in libs)
                 + f"{'ceras/torch':>13}" + (f"{'keras/ceras':>13}" if use_keras else ""))
    lines_after = [
        "ceras/torch: ratio of training speeds; for predict, of latencies (lower is better)",
        "  except on the batch 1024 row (speeds); keras/ceras: how many times faster ceras is.",
        "torch: torch.optim.Adam defaults; torch-fused: Adam(fused=True), ceras's kernel;",
        "  predict baseline: forward under no_grad; model(x) baseline: a bare forward call."]
    for mode, label in (("predict", "predict(1 sample) us"), ("call", "model(x) 1 sample us")):
        values = {lib: _median(results.get((mode, lib), [])) for lib in libs}
        row = f"{label:<22}" + "".join(
            f"{values[lib] * 1e6:>14,.0f}" if values[lib] else f"{'n/a':>14}" for lib in libs)
        row += _ratio(values["ceras"], values["torch"], fmt="{:.2f}")
        if use_keras:
            row += _ratio(values["keras"], values["ceras"], fmt="{:.2f}x")
        lines.append(row)
    values = {lib: _median(results.get(("throughput", lib), [])) for lib in libs}
    row = f"{'batch 1024 samples/s':<22}" + "".join(
        f"{8192 / values[lib]:>14,.0f}" if values[lib] else f"{'n/a':>14}" for lib in libs)
    row += _ratio(values["torch"], values["ceras"], fmt="{:.2f}")
    if use_keras:
        row += _ratio(values["keras"], values["ceras"], fmt="{:.2f}x")
    lines.append(row)
    lines.append("")
    lines.extend(lines_after)
    for key, error in results.get("errors", {}).items():
        lines.append(f"skipped {key}: {error}")
    return "\n".join(lines)


def _ratio(a, b, fmt="{:.2f}"):
    if not a or not b:
        return f"{'n/a':>13}"
    return f"{fmt.format(a / b):>13}"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer steps and repeats")
    parser.add_argument("--repeats", type=int, default=None, help="timed repeats (median)")
    parser.add_argument("--workloads", default=",".join(workloads.WORKLOADS),
                        help="comma-separated subset of " + ",".join(workloads.WORKLOADS))
    parser.add_argument("--threads", type=int, default=0, help="torch threads (0: default)")
    parser.add_argument("--no-keras", action="store_true", help="skip real Keras")
    parser.add_argument("--keras-worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.keras_worker:
        if args.threads:
            import torch  # noqa: PLC0415

            torch.set_num_threads(args.threads)
        keras_worker(args.quick)
        return
    names = [n for n in args.workloads.split(",") if n]
    unknown = [n for n in names if n not in workloads.WORKLOADS]
    if unknown:
        parser.error(f"unknown workloads {unknown}; choose from {sorted(workloads.WORKLOADS)}")
    repeats = args.repeats or (3 if args.quick else 5)
    use_keras = not args.no_keras and _keras_available()
    results = run(names, repeats, args.quick, args.threads, use_keras)
    print(report(results, names, args.quick, use_keras))


if __name__ == "__main__":
    main()
