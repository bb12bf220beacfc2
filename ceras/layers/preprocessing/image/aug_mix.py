"""AugMix: mix several chains of random augmentations with the original."""
from ceras import backend, ops
from ceras.layers.preprocessing.image.augmentation_ops import build_ops
from ceras.layers.preprocessing.image.base_image_preprocessing import (
    BaseImagePreprocessingLayer, batch_size,
)
from ceras.layers.preprocessing.image.color import per_image


class AugMix(BaseImagePreprocessingLayer):
    """AugMix (Hendrycks et al., 2020) while training: `num_chains` chains of
    1 to `chain_depth` random operations each are mixed with Dirichlet(alpha)
    weights, and the mix is blended with the original image with a
    Beta(alpha, alpha) weight, per image.

    Args:
        value_range: the (min, max) of the images (default (0, 255)).
        num_chains: number of chains (default 3).
        chain_depth: maximum operations per chain (default 3).
        factor: operation strength: a number f means [0, f] (default 0.3).
        alpha: Dirichlet/Beta parameter (default 1.0).
        all_ops: also use the colour operations (brightness, contrast,
            colour degeneration, sharpness); default True.
        interpolation: "bilinear" (default) or "nearest".
        seed: int seed.
        data_format: "channels_last" (default) or "channels_first".
    """
    _FACTOR_BOUNDS = (0, 1)

    def __init__(self, value_range=(0, 255), num_chains=3, chain_depth=3, factor=0.3,
                 alpha=1.0, all_ops=True, interpolation="bilinear", seed=None,
                 data_format=None, **kwargs):
        super().__init__(factor=factor, data_format=data_format, **kwargs)
        for arg, value in (("num_chains", num_chains), ("chain_depth", chain_depth)):
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise ValueError(
                    f'Layer "{self.name}" expects `{arg}` to be a positive integer, '
                    f"received {arg}={value!r}")
        self.value_range = self._parse_value_range(value_range)
        self.num_chains = num_chains
        self.chain_depth = chain_depth
        self.alpha = alpha
        self.all_ops = all_ops
        self.interpolation = self._check_choice("interpolation", interpolation,
                                                ("nearest", "bilinear"))
        self._make_seed_generator(seed)
        self.augmentations = build_ops(self.value_range, self.factor, interpolation, seed,
                                       self.data_format, color_ops=all_ops)
        self._op_names = sorted(self.augmentations)

    def _randint(self, high, shape=()):
        return backend.random.randint(shape, 0, high, seed=self.generator)

    def get_random_transformation(self, data, training=True, seed=None):
        if not training:
            return None
        images = data["images"] if isinstance(data, dict) else data
        n = batch_size(images)
        seed = seed if seed is not None else self.generator
        gammas = [backend.random.gamma((n,), self.alpha, seed=seed)
                  for _ in range(self.num_chains)]
        total = sum(gammas)
        chains = []
        for _ in range(self.num_chains):
            depth = int(ops.convert_to_numpy(self._randint(self.chain_depth))) + 1
            picks = ops.convert_to_numpy(self._randint(len(self._op_names), (depth,)))
            chains.append([self._op_names[int(i)] for i in picks])
        return {"chain_weights": [g / total for g in gammas], "chains": chains,
                "mix_weight": backend.random.beta((n,), self.alpha, self.alpha, seed=seed)}

    def transform_images(self, images, transformation=None, training=True):
        if not training or transformation is None:
            return images
        mixed = ops.zeros_like(images)
        for weight, chain in zip(transformation["chain_weights"], transformation["chains"]):
            augmented = images
            for name in chain:
                augmented = ops.cast(self.augmentations[name](augmented, training=True),
                                     images.dtype)
            mixed = mixed + per_image(weight, images) * augmented
        m = per_image(transformation["mix_weight"], images)
        return ops.clip(m * images + (1.0 - m) * mixed, min(self.value_range),
                        max(self.value_range))

    def get_config(self):
        config = super().get_config()
        config.update({"value_range": self.value_range, "num_chains": self.num_chains,
                       "chain_depth": self.chain_depth, "factor": self.factor,
                       "alpha": self.alpha, "all_ops": self.all_ops,
                       "interpolation": self.interpolation, "seed": self.seed})
        return config
