"""``keras.optimizers.legacy``: the Keras 2 optimizers, which Keras 3 (and ceras) no longer
provide. The names exist so that old code fails with a message saying what to use."""


class _LegacyOptimizer:
    def __init__(self, *args, **kwargs):
        raise ImportError(
            "`keras.optimizers.legacy` is not supported in Keras 3. Use the optimizers of "
            f"`ceras.optimizers` instead (e.g. `ceras.optimizers.{type(self).__name__}`)."
        )


class Optimizer(_LegacyOptimizer):
    pass


class Adagrad(_LegacyOptimizer):
    pass


class Adam(_LegacyOptimizer):
    pass


class Ftrl(_LegacyOptimizer):
    pass


class RMSprop(_LegacyOptimizer):
    pass


class SGD(_LegacyOptimizer):
    pass
