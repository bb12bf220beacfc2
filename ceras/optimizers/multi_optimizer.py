"""MultiOptimizer: each variable updated by the optimizer an OptimizerMap (or a
function) picks for it."""
from ceras.optimizers.optimizer import Optimizer
from ceras.optimizers.optimizer_map import OptimizerMap
from ceras.saving import serialization_lib


class MultiOptimizer(Optimizer):
    """Delegates each variable to its own optimizer.

    Args:
        optimizer_map: an ``OptimizerMap`` (variable path patterns -> optimizers), or a
            function called once per variable, at build time, returning its optimizer.
        loss_scale_factor: ``scale_loss`` multiplies the loss by it and ``apply``
            divides the gradients by it before delegating. Defaults to None.
        name: Defaults to "multi_optimizer" (made unique).

    The sub-optimizers (``.optimizers``) keep their own learning rates, so reading
    ``learning_rate`` on a MultiOptimizer raises an AttributeError.

    Example:
        >>> optimizer = MultiOptimizer(OptimizerMap(SGD(0.1), {"encoder/.*": Adam()}))
    """

    def __init__(self, optimizer_map, loss_scale_factor=None, name=None):
        if not (isinstance(optimizer_map, OptimizerMap) or callable(optimizer_map)):
            raise TypeError("MultiOptimizer expects optimizer_map to be an OptimizerMap or a "
                            "function of a variable returning an optimizer, received "
                            f"optimizer_map={optimizer_map!r}")
        super().__init__(learning_rate=0.0, loss_scale_factor=loss_scale_factor, name=name)
        self.optimizer_map = optimizer_map
        self._optimizers = []
        if isinstance(optimizer_map, OptimizerMap):
            for optimizer in list(optimizer_map.values()) + [optimizer_map.default_optimizer]:
                self._add_optimizer(optimizer)
        self._assignment = {}

    def _add_optimizer(self, optimizer):
        if not any(optimizer is known for known in self._optimizers):
            self._optimizers.append(optimizer)

    def _optimizer_for(self, variable):
        if isinstance(self.optimizer_map, OptimizerMap):
            return self.optimizer_map[variable.path]
        optimizer = self.optimizer_map(variable)
        if not isinstance(optimizer, Optimizer):
            raise TypeError(f"MultiOptimizer's optimizer_map function returned {optimizer!r} "
                            f"for variable {variable.path!r}; expected an Optimizer instance")
        return optimizer

    @property
    def optimizers(self):
        return list(self._optimizers)

    def build(self, variables):
        if self.built:
            return
        super().build(variables)
        groups = {}
        for variable in variables:
            optimizer = self._optimizer_for(variable)
            self._add_optimizer(optimizer)
            self._assignment[id(variable)] = optimizer
            groups.setdefault(id(optimizer), []).append(variable)
        for optimizer in self._optimizers:
            optimizer.build(groups.get(id(optimizer), []))

    @property
    def variables(self):
        return list(self._variables) + [v for o in self._optimizers for v in o.variables]

    def apply(self, grads, trainable_variables=None):
        if trainable_variables is None:
            trainable_variables = self._trainable_variables
        if not self.built:
            self.build(trainable_variables)
        if self.loss_scale_factor is not None:
            grads = [None if g is None else g / self.loss_scale_factor for g in grads]
        groups = {}
        for grad, variable in zip(grads, trainable_variables):
            optimizer = self._assignment.get(id(variable))
            if optimizer is None:
                raise ValueError(f"MultiOptimizer {self.name!r} was built without variable "
                                 f"{variable.path!r}; build it with every variable it updates")
            pair = groups.setdefault(id(optimizer), (optimizer, [], []))
            pair[1].append(grad)
            pair[2].append(variable)
        for optimizer, sub_grads, sub_variables in groups.values():
            optimizer.apply(sub_grads, sub_variables)
        self._iterations.assign_add(1)

    @property
    def learning_rate(self):
        raise AttributeError("Learning rate cannot be accessed on a MultiOptimizer. Access the "
                             "learning rate on the individual sub-optimizers instead.")

    def finalize_variable_values(self, var_list):
        for optimizer in self._optimizers:
            optimizer.finalize_variable_values(
                [v for v in var_list if self._assignment.get(id(v)) is optimizer])

    def get_config(self):
        return {
            "optimizer_map": serialization_lib.serialize_keras_object(self.optimizer_map),
            "loss_scale_factor": self.loss_scale_factor,
            "name": self.name,
        }

    @classmethod
    def from_config(cls, config, custom_objects=None):
        config = dict(config)
        optimizer_map = config.pop("optimizer_map")
        if isinstance(optimizer_map, dict):
            optimizer_map = serialization_lib.deserialize_keras_object(
                optimizer_map, custom_objects=custom_objects)
        return cls(optimizer_map, **config)
