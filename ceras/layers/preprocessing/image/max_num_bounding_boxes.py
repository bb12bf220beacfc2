"""MaxNumBoundingBoxes: pad or truncate bounding boxes to a fixed count."""
from ceras import ops
from ceras.layers.preprocessing.image.base_image_preprocessing import (
    BaseImagePreprocessingLayer,
)


class MaxNumBoundingBoxes(BaseImagePreprocessingLayer):
    """Makes the ``bounding_boxes`` of a dict input hold exactly `max_number`
    boxes: extra boxes are dropped, missing ones are filled with `fill_value`
    (boxes ``(..., N, 4)`` and labels ``(..., N)``). Images pass through.

    Args:
        max_number: the number of boxes to keep.
        fill_value: value of padded boxes and labels (default -1).
    """
    _USE_BASE_FACTOR = False
    _CAST_IN_TRAINING = False

    def __init__(self, max_number, fill_value=-1, **kwargs):
        super().__init__(**kwargs)
        if not isinstance(max_number, int) or isinstance(max_number, bool) or max_number < 1:
            raise ValueError(
                f'Layer "{self.name}" expects `max_number` to be a positive integer, '
                f"received max_number={max_number!r}")
        self.max_number = max_number
        self.fill_value = fill_value

    def call(self, data, training=True):
        return super().call(data, training=True)

    def transform_images(self, images, transformation=None, training=True):
        return images

    def _fit(self, x, axis):
        x = ops.convert_to_tensor(x)
        n = x.shape[axis]
        if n >= self.max_number:
            return ops.take(x, ops.arange(self.max_number), axis=axis)
        pad = [(0, 0)] * len(x.shape)
        pad[axis] = (0, self.max_number - n)
        return ops.pad(x, pad, constant_values=self.fill_value)

    def transform_bounding_boxes(self, bounding_boxes, transformation=None, training=True):
        if not isinstance(bounding_boxes, dict) or "boxes" not in bounding_boxes:
            raise ValueError(
                f'Layer "{self.name}" expects bounding_boxes to be a dict with "boxes" (and '
                f'"labels"), received {type(bounding_boxes).__name__}')
        out = dict(bounding_boxes)
        out["boxes"] = self._fit(bounding_boxes["boxes"], -2)
        if "labels" in bounding_boxes:
            out["labels"] = self._fit(bounding_boxes["labels"], -1)
        return out

    def get_config(self):
        config = super().get_config()
        config["max_number"] = self.max_number
        return config
