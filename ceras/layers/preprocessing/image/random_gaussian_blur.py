"""RandomGaussianBlur: blur images with a random Gaussian kernel."""
from ceras import ops
from ceras.layers.preprocessing.image.base_image_preprocessing import (
    BaseImagePreprocessingLayer, batch_size,
)
from ceras.layers.preprocessing.image.color import per_image


class RandomGaussianBlur(BaseImagePreprocessingLayer):
    """Blurs images with a Gaussian kernel while training, each image with a
    probability drawn from the factor range; the kernel's (y, x) standard
    deviations are drawn once per batch from `sigma`.

    Args:
        factor: a number f draws the probability from [0, f]; a pair (lo, hi)
            from [lo, hi]. Default 1.0.
        kernel_size: odd int or pair of odd ints (default 3).
        sigma: in [0, 1]: a number s draws from [0, s]; a pair from [lo, hi].
        value_range: the (min, max) of the images (default (0, 255)).
        data_format: "channels_last" (default) or "channels_first".
        seed: int seed.
    """
    _FACTOR_BOUNDS = (0, 1)

    def __init__(self, factor=1.0, kernel_size=3, sigma=1.0, value_range=(0, 255),
                 data_format=None, seed=None, **kwargs):
        super().__init__(factor=factor, data_format=data_format, **kwargs)
        sizes = kernel_size if isinstance(kernel_size, (tuple, list)) else (kernel_size,) * 2
        if len(sizes) != 2 or not all(isinstance(k, int) and k > 0 and k % 2 == 1
                                      for k in sizes):
            raise ValueError(
                f'Layer "{self.name}" expects `kernel_size` to be an odd positive integer or '
                f"a pair of them, received kernel_size={kernel_size!r}")
        self.kernel_size = tuple(sizes)
        self.sigma = self._parse_factor(sigma, "sigma", (0, 1), check_pairs=True)
        self.value_range = self._parse_value_range(value_range)
        self._make_seed_generator(seed)

    def get_random_transformation(self, data, training=True, seed=None):
        if not training:
            return None
        images = data["images"] if isinstance(data, dict) else data
        n = batch_size(images)
        probability = self._uniform((n,), *self.factor, seed=seed)
        apply = self._uniform((n,), seed=seed) < probability
        sigma = self._uniform((2,), *self.sigma, seed=seed) + 1e-6
        return {"should_apply_blur": apply, "blur_factor": sigma}

    def transform_images(self, images, transformation=None, training=True):
        if not training or transformation is None:
            return images
        sigma = [float(s) for s in ops.convert_to_numpy(transformation["blur_factor"])]
        blurred = ops.image.gaussian_blur(images, kernel_size=self.kernel_size, sigma=sigma,
                                          data_format=self.data_format)
        out = ops.where(per_image(transformation["should_apply_blur"], images), blurred,
                        images)
        return ops.clip(out, self.value_range[0], self.value_range[1])

    def get_config(self):
        config = super().get_config()
        config.update({"factor": self.factor, "kernel_size": self.kernel_size,
                       "sigma": self.sigma, "value_range": self.value_range,
                       "seed": self.seed})
        return config
