"""RandAugment: apply a few random augmentations in sequence."""
from ceras import backend, ops
from ceras.layers.preprocessing.image.augmentation_ops import build_ops
from ceras.layers.preprocessing.image.base_image_preprocessing import (
    BaseImagePreprocessingLayer,
)


class RandAugment(BaseImagePreprocessingLayer):
    """RandAugment (Cubuk et al., 2019) while training: `num_ops` operations,
    each picked at random per batch from a fixed list (auto-contrast,
    equalization, solarization, posterization, rotation, shears,
    translations, colour degeneration, contrast, brightness, sharpness), with
    strength set by `factor`.

    Args:
        value_range: the (min, max) of the images (default (0, 255)).
        num_ops: number of operations per call (default 2).
        factor: operation strength: a number f means [0, f] (default 0.5).
        interpolation: "bilinear" (default) or "nearest".
        seed: int seed.
        data_format: "channels_last" (default) or "channels_first".
    """
    _FACTOR_BOUNDS = (0, 1)

    def __init__(self, value_range=(0, 255), num_ops=2, factor=0.5, interpolation="bilinear",
                 seed=None, data_format=None, **kwargs):
        super().__init__(factor=factor, data_format=data_format, **kwargs)
        if not isinstance(num_ops, int) or isinstance(num_ops, bool) or num_ops < 0:
            raise ValueError(
                f'Layer "{self.name}" expects `num_ops` to be a non-negative integer, '
                f"received num_ops={num_ops!r}")
        self.value_range = self._parse_value_range(value_range)
        self.num_ops = num_ops
        self.interpolation = self._check_choice("interpolation", interpolation,
                                                ("nearest", "bilinear"))
        self._make_seed_generator(seed)
        self.augmentations = build_ops(self.value_range, self.factor, interpolation, seed,
                                       self.data_format)
        self._op_names = sorted(self.augmentations)

    def get_random_transformation(self, data, training=True, seed=None):
        if not training:
            return None
        picks = ops.convert_to_numpy(backend.random.randint(
            (self.num_ops,), 0, len(self._op_names),
            seed=seed if seed is not None else self.generator))
        return {"ops": [self._op_names[int(i)] for i in picks]}

    def transform_images(self, images, transformation=None, training=True):
        if not training or transformation is None:
            return images
        for name in transformation["ops"]:
            images = ops.cast(self.augmentations[name](images, training=True), images.dtype)
        return images

    def get_config(self):
        config = super().get_config()
        config.update({"value_range": self.value_range, "num_ops": self.num_ops,
                       "factor": self.factor, "interpolation": self.interpolation,
                       "seed": self.seed})
        return config
