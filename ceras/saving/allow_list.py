"""What a config may name: ceras's own public classes and functions, found by the
Keras module name a file gives (``keras.layers``, ``keras.losses``, ...).

The table is built from ceras's public namespaces on first use (they sit above
this package, so they are imported lazily), never from a module named in a file.
"""
import functools

from ceras.backend.common.global_state import to_snake_case

# Keras public module -> ceras namespace holding the same names.
_NAMESPACES = {
    "keras.layers": "layers",
    "keras.losses": "losses",
    "keras.metrics": "metrics",
    "keras.optimizers": "optimizers",
    "keras.optimizers.schedules": "optimizers.schedules",
    "keras.initializers": "initializers",
    "keras.regularizers": "regularizers",
    "keras.constraints": "constraints",
    "keras.activations": "activations",
    "keras.models": "models",
    "keras.dtype_policies": "dtype_policies",
    "keras": "",
}
_FUNCTION_NAMESPACES = ("activations", "losses", "metrics")
_OPS_MODULES = ("numpy", "nn", "math", "core", "linalg", "image")


def _resolve(path):
    import importlib  # noqa: PLC0415 - only ceras's own namespaces, by fixed names

    module = importlib.import_module("ceras")
    for part in filter(None, path.split(".")):
        module = getattr(module, part, None)
        if module is None:
            return None
    return module


@functools.lru_cache(maxsize=None)
def _classes():
    table = {}
    for keras_module, path in _NAMESPACES.items():
        namespace = _resolve(path)
        if namespace is None:
            continue
        names = {}
        for name in dir(namespace):
            obj = getattr(namespace, name)
            if isinstance(obj, type) and not name.startswith("_"):
                names[name] = obj
        table[keras_module] = names
    table["keras"].update({"Functional": _resolve("models").Functional})
    table["keras"].update({"DTypePolicy": _resolve("dtype_policies").DTypePolicy})
    return table



def find_class(module, class_name):
    """The allowed class for (module, class_name), or None."""
    table = _classes()
    if module and module.startswith("keras.src.ops."):
        return _op_factory(class_name)
    if module == "keras.src.models.functional" and class_name == "Functional":
        return table["keras"]["Functional"]
    if module in table and class_name in table[module]:
        return table[module][class_name]
    if module is None or module.startswith("keras"):
        # Older files and keras.src.* paths: look the class up in every public namespace.
        for names in table.values():
            if class_name in names:
                return names[class_name]
        return _op_factory(class_name)
    return None


def _op_factory(class_name):
    from ceras.ops.symbolic import REGISTRY  # noqa: PLC0415

    op_name = to_snake_case(class_name)
    if op_name not in REGISTRY:
        return None
    from ceras.ops.operation import FunctionOperation  # noqa: PLC0415

    class _OpFromConfig:
        @staticmethod
        def from_config(config):
            config = dict(config)
            name = config.pop("name", None)
            op = FunctionOperation(op_name, REGISTRY[op_name], name=name)
            op._config_kwargs = config
            return op

    return _OpFromConfig


def find_function(name):
    """An allowed built-in function (activation, loss or metric) by name, or None."""
    for path in _FUNCTION_NAMESPACES:
        namespace = _resolve(path)
        obj = getattr(namespace, name, None) if namespace is not None else None
        if callable(obj) and not isinstance(obj, type):
            return obj
    return None


def public_module_of(obj):
    """The Keras module name to write for ``obj`` ('keras.layers', ...)."""
    if hasattr(obj, "op_name"):
        for sub in _OPS_MODULES:
            module = _resolve(f"ops.{sub}")
            if obj.op_name in getattr(module, "__all__", ()):
                return f"keras.src.ops.{sub}"
        return "keras.src.ops.numpy"
    cls = type(obj)
    if cls.__name__ == "Functional":
        return "keras.src.models.functional"
    if cls.__name__ in ("Sequential", "Model", "DTypePolicy"):
        return "keras"
    for keras_module, names in _classes().items():
        if names.get(cls.__name__) is cls:
            return keras_module
    return cls.__module__
