"""CutMix: paste a random patch of another image, mixing labels by area."""
from ceras import backend, ops
from ceras.layers.preprocessing.image.base_image_preprocessing import (
    BaseImagePreprocessingLayer,
)


class CutMix(BaseImagePreprocessingLayer):
    """While training, pastes into each image a random box cut from another
    image of the batch (a random permutation), and mixes the labels of dict
    inputs by the area kept (Yun et al., 2019). The box covers a fraction
    ``1 - w`` of the image, ``w ~ Beta(a, a)`` per image with ``a`` drawn
    once per batch from the factor range.

    Args:
        factor: a number f draws a from [0, f]; a pair (lo, hi) from [lo, hi].
        seed: int seed.
        data_format: "channels_last" (default) or "channels_first".
    """
    _FACTOR_BOUNDS = (0, 1)

    def __init__(self, factor=1.0, seed=None, data_format=None, **kwargs):
        super().__init__(factor=factor, data_format=data_format, **kwargs)
        self._make_seed_generator(seed)

    def get_random_transformation(self, data, training=True, seed=None):
        if not training:
            return None
        images = data["images"] if isinstance(data, dict) else data
        if len(images.shape) == 3:
            return None
        seed = seed if seed is not None else self.generator
        n = images.shape[0]
        height, width = self._image_size(images)
        a = float(ops.convert_to_numpy(self._uniform((), *self.factor, seed=seed))) + 1e-6
        weight = backend.random.beta((n,), a, a, seed=seed)
        ratio = ops.sqrt(1.0 - weight)
        bounds = []
        for size in (width, height):
            length = ratio * size
            start = self._uniform((n,), seed=seed) * (size - length)
            bounds.append((start, start + length))
        (x0, x1), (y0, y1) = bounds
        h_axis, w_axis, _ = self._image_axes(images)
        cols = ops.arange(width, dtype="float32")[None]
        rows = ops.arange(height, dtype="float32")[None]
        inside = (((rows >= y0[:, None]) & (rows < y1[:, None]))[:, :, None]
                  & ((cols >= x0[:, None]) & (cols < x1[:, None]))[:, None, :])
        mask = inside[..., None] if self.data_format == "channels_last" else inside[:, None]
        permutation = backend.random.shuffle(ops.arange(n, dtype="int32"), seed=seed)
        return {"permutation_order": permutation, "batch_masks": mask,
                "mix_weight": 1.0 - (x1 - x0) * (y1 - y0) / (width * height)}

    def transform_images(self, images, transformation=None, training=True):
        if not training or transformation is None:
            return images
        other = ops.take(images, transformation["permutation_order"], axis=0)
        return ops.where(transformation["batch_masks"], other, images)

    def transform_labels(self, labels, transformation=None, training=True):
        if not training or transformation is None:
            return labels
        labels = ops.cast(labels, self.compute_dtype)
        w = ops.reshape(transformation["mix_weight"], (-1,) + (1,) * (len(labels.shape) - 1))
        other = ops.take(labels, transformation["permutation_order"], axis=0)
        return labels * w + other * (1.0 - w)

    def transform_segmentation_masks(self, segmentation_masks, transformation=None,
                                     training=True):
        return self.transform_images(segmentation_masks, transformation, training)

    def get_config(self):
        config = super().get_config()
        config.update({"factor": self.factor, "seed": self.seed})
        return config
