"""The base of the image preprocessing and augmentation layers.

A layer draws a *transformation* (random parameters, one set per image) with
``get_random_transformation`` and applies it with ``transform_images``; the
same transformation then goes to ``transform_labels`` and
``transform_segmentation_masks`` when the input is a dict
``{"images", "labels", "segmentation_masks"}``. Random layers change images
only in training; like Keras, ``training`` defaults to True when a layer is
called directly, and model.predict/evaluate pass False.
"""
import numbers

from ceras import backend, ops
from ceras.layers.layer import Layer
from ceras.random.seed_generator import SeedGenerator


def _is_number(x):
    return isinstance(x, numbers.Real) and not isinstance(x, bool)


class BaseImagePreprocessingLayer(Layer):
    # Subclasses that take a `factor` set the range a single number may have.
    _USE_BASE_FACTOR = True
    _FACTOR_BOUNDS = (-1, 1)
    # Whether images are cast to the compute dtype at inference / in training
    # (Keras casts in most layers, not all: integer images keep their dtype
    # through RandomBrightness, for instance).
    _CAST_AT_INFERENCE = False
    _CAST_IN_TRAINING = True

    def __init__(self, factor=None, bounding_box_format=None, data_format=None, **kwargs):
        super().__init__(**kwargs)
        self.bounding_box_format = bounding_box_format
        self.data_format = backend.standardize_data_format(data_format)
        if self._USE_BASE_FACTOR:
            self._set_factor(0.0 if factor is None else factor)
        self.built = True

    # -- argument validation --------------------------------------------------
    def _set_factor(self, factor):
        self.factor = self._parse_factor(factor, "factor", self._FACTOR_BOUNDS)

    def _parse_factor(self, factor, arg, bounds, symmetric=None, check_pairs=False):
        lo, hi = bounds
        if isinstance(factor, (tuple, list)) and len(factor) == 2 and all(
                _is_number(f) and (not check_pairs or lo <= f <= hi) for f in factor):
            return (min(factor), max(factor))
        if _is_number(factor) and lo <= factor <= hi:
            if symmetric if symmetric is not None else lo < 0:
                return (-abs(factor), abs(factor))
            return (lo, factor)
        raise ValueError(
            f'Layer "{self.name}" expects `{arg}` to be a number in [{lo}, {hi}] or a pair of '
            f"numbers, received {arg}={factor!r}")

    def _parse_value_range(self, value_range, sort=False):
        if not isinstance(value_range, (tuple, list)) or len(value_range) != 2 or not all(
                _is_number(v) for v in value_range):
            raise ValueError(
                f'Layer "{self.name}" expects `value_range` to be a pair of numbers, received '
                f"value_range={value_range!r}")
        return sorted(value_range) if sort else value_range

    def _check_choice(self, arg, value, allowed):
        if value not in allowed:
            raise ValueError(
                f'Layer "{self.name}" expects `{arg}` to be one of {allowed}, received '
                f"{arg}={value!r}")
        return value

    # -- randomness -----------------------------------------------------------
    def _make_seed_generator(self, seed):
        self.seed = seed
        self.generator = SeedGenerator(seed)

    def _uniform(self, shape, minval=0.0, maxval=1.0, seed=None):
        return backend.random.uniform(shape, minval=minval, maxval=maxval,
                                      seed=seed if seed is not None else self.generator)

    # -- shapes -----------------------------------------------------------------
    def _image_axes(self, images):
        """(height axis, width axis, channel axis) of ``images``."""
        rank = len(images.shape)
        if self.data_format == "channels_last":
            return rank - 3, rank - 2, rank - 1
        return rank - 2, rank - 1, rank - 3

    def _image_size(self, images):
        h, w, _ = self._image_axes(images)
        return images.shape[h], images.shape[w]

    # -- calling --------------------------------------------------------------
    def get_random_transformation(self, data, training=True, seed=None):
        return None

    def transform_images(self, images, transformation=None, training=True):
        raise NotImplementedError

    def transform_labels(self, labels, transformation=None, training=True):
        return labels

    def transform_segmentation_masks(self, segmentation_masks, transformation=None,
                                     training=True):
        return segmentation_masks

    def transform_bounding_boxes(self, bounding_boxes, transformation=None, training=True):
        raise NotImplementedError(
            f'Layer "{self.name}" ({type(self).__name__}) cannot transform bounding boxes: '
            "ceras does not support bounding boxes in image preprocessing layers yet")

    def _prepare_images(self, images, training):
        images = ops.convert_to_tensor(images)
        rank = len(images.shape)
        if rank not in (3, 4):
            raise ValueError(
                f'Layer "{self.name}" expects images of rank 3 (unbatched) or 4 (batched), '
                f"received shape {tuple(images.shape)}")
        if (self._CAST_IN_TRAINING if training else self._CAST_AT_INFERENCE):
            images = ops.cast(images, self.compute_dtype)
        return images

    def call(self, data, training=True):
        if training is None:
            training = True
        if isinstance(data, dict):
            if "images" not in data:
                raise ValueError(
                    f'Layer "{self.name}" expects a dict input to have an "images" key, '
                    f"received keys {sorted(data)}")
            images = self._prepare_images(data["images"], training)
            batch = dict(data, images=images)
        else:
            images = self._prepare_images(data, training)
            batch = images
        transformation = self.get_random_transformation(batch, training=training) \
            if training else None
        out_images = self.transform_images(images, transformation, training=training)
        if not isinstance(data, dict):
            return out_images
        out = dict(data, images=out_images)
        if "labels" in data:
            out["labels"] = self.transform_labels(
                ops.convert_to_tensor(data["labels"]), transformation, training=training)
        if "segmentation_masks" in data:
            out["segmentation_masks"] = self.transform_segmentation_masks(
                ops.convert_to_tensor(data["segmentation_masks"]), transformation,
                training=training)
        if "bounding_boxes" in data:
            out["bounding_boxes"] = self.transform_bounding_boxes(
                data["bounding_boxes"], transformation, training=training)
        return out

    def compute_output_shape(self, input_shape):
        if isinstance(input_shape, dict):
            return dict(input_shape, images=self._output_image_shape(input_shape["images"]))
        return self._output_image_shape(input_shape)

    def _output_image_shape(self, input_shape):
        return tuple(input_shape)

    def compute_output_spec(self, data, training=True):
        def spec(x):
            dtype = self.compute_dtype if self._CAST_IN_TRAINING else x.dtype
            return backend.KerasTensor(self._output_image_shape(x.shape), dtype=dtype)
        if isinstance(data, dict):
            return dict(data, images=spec(data["images"]))
        return spec(data)

    def get_config(self):
        config = super().get_config()
        config["data_format"] = self.data_format
        return config


def batch_size(images):
    """Number of images (1 for an unbatched image)."""
    return images.shape[0] if len(images.shape) == 4 else 1


def batched(images):
    """``images`` with a batch axis, and whether one was added."""
    if len(images.shape) == 3:
        return ops.expand_dims(images, 0), True
    return images, False
