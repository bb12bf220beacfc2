"""RandomElasticTransform: distort images with a random smooth displacement."""
from ceras import backend, ops
from ceras.layers.preprocessing.image import affine
from ceras.layers.preprocessing.image.base_image_preprocessing import (
    BaseImagePreprocessingLayer, batch_size, batched,
)
from ceras.layers.preprocessing.image.color import per_image


class RandomElasticTransform(BaseImagePreprocessingLayer):
    """Displaces pixels by Gaussian-smoothed random noise while training (see
    ``ops.image.elastic_transform``), each image with a probability drawn
    from the factor range. A distortion d drawn from `scale` sets the noise
    amplitude to ``0.1 d * max(height, width)`` and its smoothness to
    ``0.05 d * min(height, width)``.

    Args:
        factor: a number f draws the probability from [0, f]; a pair (lo, hi)
            from [lo, hi]. Default 1.0.
        scale: a number s draws the distortion from [0, s]; a pair from [lo, hi].
        interpolation: "bilinear" (default) or "nearest".
        fill_mode: "reflect" (default), "wrap", "constant" or "nearest".
        fill_value: the fill with fill_mode="constant" (default 0).
        value_range: the (min, max) of the images (default (0, 255)).
        seed: int seed.
        data_format: "channels_last" (default) or "channels_first".
    """
    _FACTOR_BOUNDS = (0, 1)

    def __init__(self, factor=1.0, scale=1.0, interpolation="bilinear", fill_mode="reflect",
                 fill_value=0.0, value_range=(0, 255), seed=None, data_format=None, **kwargs):
        super().__init__(factor=factor, data_format=data_format, **kwargs)
        self.scale = self._parse_factor(scale, "scale", (0, 1), check_pairs=True)
        affine.check_resampling_args(self, fill_mode, interpolation)
        self.interpolation = interpolation
        self.fill_mode = fill_mode
        self.fill_value = fill_value
        self.value_range = self._parse_value_range(value_range)
        self._make_seed_generator(seed)

    def get_random_transformation(self, data, training=True, seed=None):
        if not training or self.scale[1] == 0 or self.factor[1] == 0:
            return None
        images = data["images"] if isinstance(data, dict) else data
        n = batch_size(images)
        probability = self._uniform((n,), *self.factor, seed=seed)
        apply = self._uniform((n,), seed=seed) < probability
        distortion = float(ops.convert_to_numpy(self._uniform((), *self.scale, seed=seed)))
        noise_seed = int(ops.convert_to_numpy(backend.random.randint(
            (), 0, 2 ** 30, seed=seed if seed is not None else self.generator)))
        return {"apply_transform": apply, "distortion_factor": distortion,
                "seed": noise_seed}

    def transform_images(self, images, transformation=None, training=True):
        if not training or transformation is None:
            return images
        x, unbatched = batched(images)
        height, width = self._image_size(x)
        d = transformation["distortion_factor"]
        warped = ops.image.elastic_transform(
            x, alpha=max(height, width) * 0.1 * d, sigma=min(height, width) * 0.05 * d,
            interpolation=self.interpolation, fill_mode=self.fill_mode,
            fill_value=self.fill_value, seed=transformation["seed"],
            data_format=self.data_format)
        out = ops.where(per_image(transformation["apply_transform"], x), warped, x)
        out = ops.clip(out, min(self.value_range), max(self.value_range))
        return out[0] if unbatched else out

    def get_config(self):
        config = super().get_config()
        config.update({"factor": self.factor, "scale": self.scale,
                       "interpolation": self.interpolation, "fill_mode": self.fill_mode,
                       "fill_value": self.fill_value, "value_range": self.value_range,
                       "seed": self.seed})
        return config
