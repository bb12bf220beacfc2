"""RandomCrop: crop a random window of images."""
from ceras import backend, ops
from ceras.layers.preprocessing.image.base_image_preprocessing import (
    BaseImagePreprocessingLayer, batch_size,
)
from ceras.layers.preprocessing.image.center_crop import crop
from ceras.layers.preprocessing.image.resizing import check_size


class RandomCrop(BaseImagePreprocessingLayer):
    """Crops a random ``(height, width)`` window of each image while training (an
    image smaller than the target is resized, keeping its aspect ratio). As in
    Keras 3, inference returns the images unchanged.

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
        n = batch_size(images)
        if in_h < self.height or in_w < self.width:
            return {"resize": True}
        top = ops.floor(self._uniform((n,), 0, in_h - self.height + 1, seed=seed))
        left = ops.floor(self._uniform((n,), 0, in_w - self.width + 1, seed=seed))
        return {"top": ops.convert_to_numpy(top).astype(int).tolist(),
                "left": ops.convert_to_numpy(left).astype(int).tolist()}

    def transform_images(self, images, transformation=None, training=True):
        if not training or transformation is None:
            return images
        if transformation.get("resize"):
            return ops.image.resize(images, (self.height, self.width),
                                    crop_to_aspect_ratio=True, data_format=self.data_format)
        if len(images.shape) == 3:
            return crop(self, images, transformation["top"][0], transformation["left"][0],
                        self.height, self.width)
        return ops.stack([crop(self, images[i], t, l, self.height, self.width)
                          for i, (t, l) in enumerate(zip(transformation["top"],
                                                         transformation["left"]))])

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
