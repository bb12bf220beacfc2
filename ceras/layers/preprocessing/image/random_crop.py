"""RandomCrop: crop a random window of images."""
from ceras import backend, ops
from ceras.layers.preprocessing.image.base_image_preprocessing import (
    BaseImagePreprocessingLayer,
)
from ceras.layers.preprocessing.image.center_crop import crop
from ceras.layers.preprocessing.image.resizing import check_size


class RandomCrop(BaseImagePreprocessingLayer):
    """Crops a random ``(height, width)`` window while training; as in Keras 3,
    one window position serves the whole batch, an image not larger than the
    target in both dimensions is cropped around its center and resized, and
    inference returns the images unchanged.

    Args:
        height, width: the crop size.
        seed: int seed (a random one is picked and saved when None).
        data_format: "channels_last" (default) or "channels_first".
    """
    _USE_BASE_FACTOR = False
    _CAST_AT_INFERENCE = False

    def __init__(self, height, width, seed=None, data_format=None, name=None, **kwargs):
        super().__init__(data_format=data_format, name=name, **kwargs)
        check_size(self, height, width)
        self.height = height
        self.width = width
        self._make_seed_generator(seed if seed is not None
                                  else backend.random.make_default_seed())

    def get_random_transformation(self, data, training=True, seed=None):
        if not training:
            return None
        images = data["images"] if isinstance(data, dict) else data
        in_h, in_w = self._image_size(images)
        if in_h > self.height and in_w > self.width:
            # As Keras: one window position for the whole batch.
            top = int(ops.convert_to_numpy(ops.floor(
                self._uniform((), 0, in_h - self.height + 1, seed=seed))))
            left = int(ops.convert_to_numpy(ops.floor(
                self._uniform((), 0, in_w - self.width + 1, seed=seed))))
            return {"top": top, "left": left}
        # Too small: start where a centered window of the target aspect ratio
        # would, take what the image has there, and resize it (Keras's rule).
        crop_h = max(min(in_h, int(in_w * self.height / self.width)), 1)
        crop_w = max(min(in_w, int(in_h * self.width / self.height)), 1)
        return {"top": int((in_h - crop_h) / 2), "left": int((in_w - crop_w) / 2)}

    def transform_images(self, images, transformation=None, training=True):
        if not training or transformation is None:
            return images
        images = ops.cast(images, self.compute_dtype)
        images = crop(self, images, transformation["top"], transformation["left"],
                      self.height, self.width)
        if self._image_size(images) != (self.height, self.width):
            images = ops.cast(ops.image.resize(images, (self.height, self.width),
                                               data_format=self.data_format),
                              self.compute_dtype)
        return images

    def transform_segmentation_masks(self, segmentation_masks, transformation=None,
                                     training=True):
        return self.transform_images(segmentation_masks, transformation, training)

    def _output_image_shape(self, input_shape):
        shape = list(input_shape)
        h, w = (-3, -2) if self.data_format == "channels_last" else (-2, -1)
        shape[h], shape[w] = self.height, self.width
        return tuple(shape)

    def get_config(self):
        config = super().get_config()
        config.update({"height": self.height, "width": self.width, "seed": self.seed})
        return config
