"""How a layer finds what it owns: variables it created, sublayers assigned as
attributes (alone, or inside lists and dicts), and the weight lists built from them.

Sublayers and variables are also registered with the backend (on torch, in the
module's ``_modules`` / ``_parameters``) so framework tools see them.
"""
from ceras.backend import KerasVariable


class TrackedList(list):
    """A list attribute of a layer: layers appended later are tracked too."""

    def __init__(self, values, owner, key):
        super().__init__(values)
        self._owner = owner
        self._key = key

    def _track(self):
        owner = getattr(self, "_owner", None)
        # While copy/pickle rebuild the list, the owner may not be restored yet.
        if owner is not None and "_container_layers" in vars(owner):
            owner._retrack_container(self._key, self)

    def append(self, value):
        super().append(value)
        self._track()

    def extend(self, values):
        super().extend(values)
        self._track()

    def insert(self, index, value):
        super().insert(index, value)
        self._track()

    def __setitem__(self, index, value):
        super().__setitem__(index, value)
        self._track()

    def pop(self, index=-1):
        value = super().pop(index)
        self._track()
        return value

    def remove(self, value):
        super().remove(value)
        self._track()


class TrackedDict(dict):
    """A dict attribute of a layer: layers added later are tracked too."""

    def __init__(self, values, owner, key):
        super().__init__(values)
        self._owner = owner
        self._key = key

    def __setitem__(self, k, value):
        super().__setitem__(k, value)
        self._track()

    def __delitem__(self, k):
        super().__delitem__(k)
        self._track()

    _track = TrackedList._track


def _is_layer(x):
    return getattr(x, "_ceras_layer", False)


class LayerTrackingMixin:
    _ceras_layer = True

    def _init_tracking(self):
        d = self.__dict__
        d["_layers"] = []
        d["_trainable_variables"] = []
        d["_non_trainable_variables"] = []
        d["_seed_generators"] = []
        d["_container_layers"] = {}
        d["_tracking_enabled"] = True

    def __setattr__(self, name, value):
        d = self.__dict__
        if d.get("_tracking_enabled") and not name.startswith("__"):
            previous = d.get(name)
            if previous is not None and previous is not value:
                self._untrack(name, previous)
            if _is_layer(value):
                if value is not self and value not in self._layers:
                    self._layers.append(value)
                    self._register_sublayer(name, value)
            elif isinstance(value, KerasVariable):
                self._track_variable(value)
            elif type(value) is list and not name.startswith("_"):
                value = TrackedList(value, self, name)
                self._retrack_container(name, value)
            elif type(value) is dict and not name.startswith("_"):
                value = TrackedDict(value, self, name)
                self._retrack_container(name, value)
            elif type(value) is tuple and not name.startswith("_"):
                self._retrack_container(name, value)
            elif type(value).__name__ == "SeedGenerator":
                self._seed_generators.append(value)
            else:
                self._track_backend_attribute(name, value)
        object.__setattr__(self, name, value)

    def __delattr__(self, name):
        previous = self.__dict__.get(name)
        if previous is not None:
            self._untrack(name, previous)
        object.__delattr__(self, name)

    def _untrack(self, name, previous):
        if _is_layer(previous) and previous in self._layers:
            self._layers.remove(previous)
            self._unregister_sublayer(name)
        elif name in self._container_layers:
            self._retrack_container(name, [])

    def _retrack_container(self, key, container):
        old = self._container_layers.get(key, [])
        for i, layer in enumerate(old):
            if layer in self._layers:
                self._layers.remove(layer)
            self._unregister_sublayer(f"{key}_{i}")
        values = container.values() if isinstance(container, dict) else container
        new = []
        for value in values:
            if _is_layer(value) and value is not self:
                new.append(value)
            elif isinstance(value, KerasVariable):
                self._track_variable(value)
        for i, layer in enumerate(new):
            if layer not in self._layers:
                self._layers.append(layer)
            self._register_sublayer(f"{key}_{i}", layer)
        self._container_layers[key] = new

    def _track_variable(self, variable):
        if any(variable is v for v in self._trainable_variables) or any(
                variable is v for v in self._non_trainable_variables):
            return
        target = self._trainable_variables if variable.trainable else \
            self._non_trainable_variables
        target.append(variable)
        key = variable.name
        taken = self._parameters if hasattr(self, "_parameters") else {}
        suffix = 1
        while key.replace(".", "_") in taken:
            key = f"{variable.name}_{suffix}"
            suffix += 1
        self._register_variable(key, variable)

    def _flatten_layers(self, include_self=True, recursive=True):
        out = [self] if include_self else []
        seen = {id(self)}
        stack = list(reversed(self._layers))
        while stack:
            layer = stack.pop()
            if id(layer) in seen:
                continue
            seen.add(id(layer))
            out.append(layer)
            if recursive:
                stack.extend(reversed(layer._layers))
        return out

    def _unique(self, variables):
        seen, out = set(), []
        for v in variables:
            if id(v) not in seen:
                seen.add(id(v))
                out.append(v)
        return out

    @property
    def weights(self):
        """Own variables in creation order, then each sublayer's (no metric state)."""
        out = list(self._trainable_variables) + list(self._non_trainable_variables)
        for layer in self._layers:
            out.extend(layer.weights)
        return self._unique(out)

    @property
    def trainable_weights(self):
        if not self.trainable:
            return []
        return [v for v in self.weights if v.trainable]

    @property
    def non_trainable_weights(self):
        if not self.trainable:
            return self.weights
        return [v for v in self.weights if not v.trainable]

    @property
    def variables(self):
        """Every variable, weights plus random-seed state."""
        out = list(self._trainable_variables) + list(self._non_trainable_variables)
        out += [g.state for g in self._seed_generators if hasattr(g, "state")]
        for layer in self._layers:
            out.extend(layer.variables)
        return self._unique(out)

    @property
    def trainable_variables(self):
        return self.trainable_weights

    @property
    def non_trainable_variables(self):
        trainable = {id(v) for v in self.trainable_weights}
        return [v for v in self.variables if id(v) not in trainable]
