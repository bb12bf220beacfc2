"""ContrastLimitedAdaptiveHistogramEqualization (CLAHE)."""
from ceras import ops
from ceras.layers.preprocessing.image.base_image_preprocessing import (
    BaseImagePreprocessingLayer, batched,
)
from ceras.layers.preprocessing.image.color import from_unit, to_unit


class ContrastLimitedAdaptiveHistogramEqualization(BaseImagePreprocessingLayer):
    """Contrast-limited adaptive histogram equalization: each image channel is
    split into a grid of tiles, each tile's 256-bin histogram is clipped at
    ``clip_limit`` times its mean bin count (the excess spread evenly over
    all bins) and turned into a lookup table, and each pixel maps through the
    bilinear blend of its four nearest tiles' tables. Not random: it applies
    in training and inference. (The method is the standard one, as in
    OpenCV; values can differ slightly from Keras's implementation.)

    Args:
        value_range: the (min, max) of the images (default (0, 255)).
        clip_limit: contrast limit, > 0 (default 4.0).
        tile_grid_size: (rows, columns) of tiles (default (8, 8)).
        data_format: "channels_last" (default) or "channels_first".
    """
    _USE_BASE_FACTOR = False
    _CAST_AT_INFERENCE = True

    def __init__(self, value_range=(0, 255), clip_limit=4.0, tile_grid_size=(8, 8),
                 data_format=None, **kwargs):
        super().__init__(data_format=data_format, **kwargs)
        self.value_range = self._parse_value_range(value_range)
        if isinstance(clip_limit, bool) or not isinstance(clip_limit, (int, float)) or \
                clip_limit <= 0:
            raise ValueError(
                f'Layer "{self.name}" expects `clip_limit` to be a positive number, received '
                f"clip_limit={clip_limit!r}")
        if not isinstance(tile_grid_size, (tuple, list)) or len(tile_grid_size) != 2 or not all(
                isinstance(t, int) and t > 0 for t in tile_grid_size):
            raise ValueError(
                f'Layer "{self.name}" expects `tile_grid_size` to be a pair of positive '
                f"integers, received tile_grid_size={tile_grid_size!r}")
        self.clip_limit = clip_limit
        self.tile_grid_size = tuple(tile_grid_size)

    def call(self, data, training=True):
        return super().call(data, training=True)

    def transform_images(self, images, transformation=None, training=True):
        x, unbatched = batched(images)
        if self.data_format == "channels_last":
            x = ops.transpose(x, (0, 3, 1, 2))
        out = self._equalize(from_unit(to_unit(x, self.value_range), (0, 255)))
        out = from_unit(to_unit(out, (0, 255)), self.value_range)
        if self.data_format == "channels_last":
            out = ops.transpose(out, (0, 2, 3, 1))
        return out[0] if unbatched else out

    def _equalize(self, x):
        """CLAHE of (batch, channels, height, width) values in [0, 255]."""
        n, c, height, width = x.shape
        grid_h, grid_w = self.tile_grid_size
        tile_h, tile_w = -(-height // grid_h), -(-width // grid_w)
        pad_h, pad_w = tile_h * grid_h - height, tile_w * grid_w - width
        padded = ops.pad(x, ((0, 0), (0, 0), (0, pad_h), (0, pad_w)), mode="reflect") \
            if (pad_h or pad_w) and height > pad_h and width > pad_w else \
            ops.pad(x, ((0, 0), (0, 0), (0, pad_h), (0, pad_w)), mode="edge") \
            if (pad_h or pad_w) else x
        bins = ops.cast(ops.clip(padded, 0, 255), "int32")
        # Tile id of every pixel, then one bincount over (image, channel, tile, bin).
        tiles = ops.reshape(bins, (n * c, grid_h, tile_h, grid_w, tile_w))
        tiles = ops.reshape(ops.transpose(tiles, (0, 1, 3, 2, 4)),
                            (n * c * grid_h * grid_w, tile_h * tile_w))
        offsets = ops.arange(n * c * grid_h * grid_w, dtype="int32")[:, None] * 256
        hist = ops.reshape(ops.bincount(ops.reshape(tiles + offsets, (-1,)),
                                        minlength=n * c * grid_h * grid_w * 256),
                           (n * c * grid_h * grid_w, 256))
        hist = ops.cast(hist, "float32")
        limit = max(self.clip_limit * tile_h * tile_w / 256.0, 1.0)
        excess = ops.sum(ops.maximum(hist - limit, 0.0), axis=1, keepdims=True)
        hist = ops.minimum(hist, limit) + excess / 256.0
        lut = ops.clip(ops.cumsum(hist, axis=1) * (255.0 / (tile_h * tile_w)), 0, 255)
        lut = ops.reshape(lut, (n * c, grid_h * grid_w * 256))
        # Bilinear blend of the four nearest tiles' tables.
        values = ops.reshape(ops.cast(ops.clip(x, 0, 255), "int32"), (n * c, height * width))
        ty = (ops.arange(height, dtype="float32") + 0.5) / tile_h - 0.5
        tx = (ops.arange(width, dtype="float32") + 0.5) / tile_w - 0.5
        y0 = ops.clip(ops.floor(ty), 0, grid_h - 1)
        x0 = ops.clip(ops.floor(tx), 0, grid_w - 1)
        y1 = ops.minimum(y0 + 1, grid_h - 1)
        x1 = ops.minimum(x0 + 1, grid_w - 1)
        wy = ops.clip(ty - y0, 0, 1)[:, None]
        wx = ops.clip(tx - x0, 0, 1)[None, :]

        def lookup(ry, rx):
            tile = ops.cast(ry[:, None] * grid_w + rx[None, :], "int32")
            index = ops.reshape(tile, (1, height * width)) * 256 + values
            return ops.reshape(ops.take_along_axis(lut, index, axis=1),
                               (n * c, height, width))

        out = ((1 - wy) * ((1 - wx) * lookup(y0, x0) + wx * lookup(y0, x1))
               + wy * ((1 - wx) * lookup(y1, x0) + wx * lookup(y1, x1)))
        return ops.reshape(out, (n, c, height, width))

    def get_config(self):
        config = super().get_config()
        config.update({"value_range": self.value_range, "clip_limit": self.clip_limit,
                       "tile_grid_size": self.tile_grid_size})
        return config
