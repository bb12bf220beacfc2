"""MixUp: blend pairs of images and their labels."""
from ceras import backend, ops
from ceras.layers.preprocessing.image.base_image_preprocessing import (
    BaseImagePreprocessingLayer,
)
from ceras.layers.preprocessing.image.color import per_image


class MixUp(BaseImagePreprocessingLayer):
    """While training, replaces each image by ``w * image + (1 - w) * other``,
    ``other`` taken from a random permutation of the batch and
    ``w ~ Beta(alpha, alpha)`` per image; dict inputs mix "labels" with the
    same weights (Zhang et al., 2017).

    Args:
        alpha: Beta distribution parameter (default 0.2).
        data_format: "channels_last" (default) or "channels_first".
        seed: int seed.
    """
    _USE_BASE_FACTOR = False

    def __init__(self, alpha=0.2, data_format=None, seed=None, **kwargs):
        super().__init__(data_format=data_format, **kwargs)
        if isinstance(alpha, bool) or not isinstance(alpha, (int, float)) or alpha <= 0:
            raise ValueError(
                f'Layer "{self.name}" expects `alpha` to be a positive number, received '
                f"alpha={alpha!r}")
        self.alpha = alpha
        self._make_seed_generator(seed)

    def get_random_transformation(self, data, training=True, seed=None):
        if not training:
            return None
        images = data["images"] if isinstance(data, dict) else data
        if len(images.shape) == 3:
            return None
        seed = seed if seed is not None else self.generator
        n = images.shape[0]
        permutation = backend.random.shuffle(ops.arange(n, dtype="int32"), seed=seed)
        weights = backend.random.beta((n,), self.alpha, self.alpha, seed=seed)
        return {"mix_weight": weights, "permutation_order": permutation}

    def transform_images(self, images, transformation=None, training=True):
        if not training or transformation is None:
            return images
        w = per_image(transformation["mix_weight"], images)
        other = ops.take(images, transformation["permutation_order"], axis=0)
        return images * w + other * (1.0 - w)

    def transform_labels(self, labels, transformation=None, training=True):
        if not training or transformation is None:
            return labels
        labels = ops.cast(labels, self.compute_dtype)
        w = ops.reshape(transformation["mix_weight"], (-1,) + (1,) * (len(labels.shape) - 1))
        other = ops.take(labels, transformation["permutation_order"], axis=0)
        return labels * w + other * (1.0 - w)

    def get_config(self):
        config = super().get_config()
        config.update({"alpha": self.alpha, "seed": self.seed})
        return config
