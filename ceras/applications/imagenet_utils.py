"""Shared helpers of the ImageNet applications: input preprocessing, label decoding,
input-shape validation and the weights-argument checks (as keras.applications.imagenet_utils).
"""
import json
import os

import numpy as np

from ceras import backend, ops
from ceras.utils.file_utils import get_file

CLASS_INDEX = None
CLASS_INDEX_PATH = (
    "https://storage.googleapis.com/download.tensorflow.org/data/imagenet_class_index.json")
CLASS_INDEX_HASH = "c2c37ea517e94d9795004a39431a14cb"

# Per-channel statistics of the ImageNet training set, in RGB order.
_CAFFE_MEAN_BGR = (103.939, 116.779, 123.68)
_TORCH_MEAN = (0.485, 0.456, 0.406)
_TORCH_STD = (0.229, 0.224, 0.225)


def decode_predictions(preds, top=5):
    """Turn ImageNet class probabilities into readable labels.

    Args:
        preds: array of shape ``(samples, 1000)``.
        top: how many of the most likely classes to return per sample.

    Returns:
        A list (one entry per sample) of lists of ``(class_id, class_name, score)``,
        most likely first.

    The class index (``imagenet_class_index.json``) is downloaded once into the Keras
    cache (``~/.keras/models``) and reused.
    """
    global CLASS_INDEX
    if len(preds.shape) != 2 or preds.shape[1] != 1000:
        raise ValueError(
            "`decode_predictions` expects a batch of predictions of shape (samples, 1000). "
            f"Received array with shape: {tuple(preds.shape)}")
    if CLASS_INDEX is None:
        path = get_file("imagenet_class_index.json", CLASS_INDEX_PATH,
                        cache_subdir="models", file_hash=CLASS_INDEX_HASH)
        with open(path) as f:
            CLASS_INDEX = json.load(f)
    preds = np.asarray(ops.convert_to_numpy(preds))
    results = []
    for pred in preds:
        best = pred.argsort()[-top:][::-1]
        results.append([tuple(CLASS_INDEX[str(i)]) + (pred[i],) for i in best])
    return results


def preprocess_input(x, data_format=None, mode="caffe"):
    """Scale a batch of RGB images (values in [0, 255]) the way a model was trained.

    Args:
        x: numpy array or tensor, 3D or 4D, float or int.
        data_format: ``"channels_last"`` or ``"channels_first"`` (default: the global setting).
        mode: ``"caffe"`` (RGB to BGR, then subtract the ImageNet mean per channel),
            ``"tf"`` (scale to [-1, 1]) or ``"torch"`` (scale to [0, 1], then normalize
            with the ImageNet mean and standard deviation).

    Returns:
        The preprocessed array (numpy in, numpy out; a tensor otherwise).
    """
    if mode not in {"caffe", "tf", "torch"}:
        raise ValueError(
            f"Expected mode to be one of `caffe`, `tf` or `torch`. Received: mode={mode}")
    data_format = data_format or backend.image_data_format()
    if data_format not in {"channels_first", "channels_last"}:
        raise ValueError(
            "Expected data_format to be one of `channels_first` or `channels_last`. "
            f"Received: data_format={data_format}")
    if isinstance(x, np.ndarray):
        return _preprocess(np, x, data_format, mode)
    return _preprocess(ops, x, data_format, mode)


def _preprocess(xp, x, data_format, mode):
    # Integer images are promoted to the float type, as Keras does.
    if xp is np:
        if not np.issubdtype(x.dtype, np.floating):
            x = x.astype(backend.floatx())
    elif not backend.is_float_dtype(backend.standardize_dtype(x.dtype)):
        x = ops.cast(x, backend.floatx())
    if mode == "tf":
        return x / 127.5 - 1.0
    channel_axis = 1 if data_format == "channels_first" and len(x.shape) == 4 else (
        0 if data_format == "channels_first" else -1)
    shape = [1] * len(x.shape)
    shape[channel_axis] = 3
    if mode == "torch":
        mean, std = np.array(_TORCH_MEAN), np.array(_TORCH_STD)
        x = x / 255.0
    else:
        mean, std = np.array(_CAFFE_MEAN_BGR), None
        x = xp.flip(x, axis=channel_axis)  # RGB -> BGR
    mean = mean.reshape(shape).astype(backend.standardize_dtype(x.dtype))
    x = x - (mean if xp is np else ops.convert_to_tensor(mean))
    if std is not None:
        std = std.reshape(shape).astype(backend.standardize_dtype(x.dtype))
        x = x / (std if xp is np else ops.convert_to_tensor(std))
    return x


def obtain_input_shape(input_shape, default_size, min_size, data_format, require_flatten,
                       weights=None):
    """The model's input shape (without batch): ``input_shape`` validated, or a default.

    With ``require_flatten`` (a classifier on top) the spatial size must be static; with
    ImageNet weights and a top it must be the default size exactly.
    """
    channels_first = data_format == "channels_first"
    if weights != "imagenet" and input_shape and len(input_shape) == 3:
        channels = input_shape[0] if channels_first else input_shape[-1]
        default_shape = ((channels, default_size, default_size) if channels_first
                         else (default_size, default_size, channels))
    else:
        default_shape = ((3, default_size, default_size) if channels_first
                         else (default_size, default_size, 3))
    if weights == "imagenet" and require_flatten:
        if input_shape is not None and tuple(input_shape) != default_shape:
            raise ValueError(
                "When setting `include_top=True` and loading `imagenet` weights, "
                f"`input_shape` should be {default_shape}. Received: input_shape={input_shape}")
        return default_shape
    if input_shape:
        input_shape = tuple(input_shape)
        if len(input_shape) != 3:
            raise ValueError("`input_shape` must be a tuple of three integers. "
                             f"Received: input_shape={input_shape}")
        channels = input_shape[0] if channels_first else input_shape[-1]
        spatial = input_shape[1:] if channels_first else input_shape[:2]
        if channels != 3 and weights == "imagenet":
            raise ValueError(
                f"The input must have 3 channels; Received `input_shape={input_shape}`")
        if any(s is not None and s < min_size for s in spatial):
            raise ValueError(f"Input size must be at least {min_size}x{min_size}; "
                             f"Received: input_shape={input_shape}")
    elif require_flatten:
        input_shape = default_shape
    else:
        input_shape = (3, None, None) if channels_first else (None, None, 3)
    if require_flatten and None in input_shape:
        raise ValueError("If `include_top` is True, you should specify a static "
                         f"`input_shape`. Received: input_shape={input_shape}")
    return input_shape


def validate_weights_arguments(weights, include_top, classes):
    """Raise when ``weights`` is neither None, 'imagenet' nor an existing file, or when
    ImageNet weights with a top are asked for a number of classes other than 1000."""
    if not (weights in {"imagenet", None} or os.path.exists(weights)):
        raise ValueError(
            "The `weights` argument should be either `None` (random initialization), "
            "'imagenet' (pre-training on ImageNet), or the path to the weights file to be "
            f"loaded. Received: weights={weights}")
    if weights == "imagenet" and include_top and classes != 1000:
        raise ValueError(
            "If using `weights='imagenet'` with `include_top=True`, `classes` should be "
            f"1000. Received: classes={classes}")


def validate_activation(classifier_activation, weights):
    """With pretrained weights only 'softmax' or None (linear) make sense on the top layer."""
    from ceras import activations  # noqa: PLC0415

    if weights is None:
        return
    if activations.get(classifier_activation) not in {
            activations.get("softmax"), activations.get(None)}:
        raise ValueError(
            "Only `None` and `softmax` activations are allowed for the "
            "`classifier_activation` argument when using pretrained weights, with "
            f"`include_top=True`; Received: classifier_activation={classifier_activation}")


def image_input(input_tensor, input_shape):
    """The model's input tensor: ``input_tensor`` (wrapped in an Input when it is not a
    symbolic tensor) or a fresh ``Input(shape=input_shape)``."""
    from ceras.layers import Input  # noqa: PLC0415  (ceras.layers imports are heavy)

    if input_tensor is None:
        return Input(shape=input_shape)
    if not backend.is_keras_tensor(input_tensor):
        return Input(tensor=input_tensor, shape=input_shape)
    return input_tensor


def build_model(img_input, input_tensor, outputs, name):
    """A functional Model whose inputs include whatever produced ``input_tensor``."""
    from ceras.models import Model  # noqa: PLC0415
    from ceras.utils.data_utils import get_source_inputs  # noqa: PLC0415

    inputs = get_source_inputs(input_tensor) if input_tensor is not None else img_input
    return Model(inputs, outputs, name=name)


def load_weights(model, weights, file_name=None, origin=None, file_hash=None):
    """Load ``'imagenet'`` weights (downloaded into ``~/.keras/models``) or a weights file."""
    if weights == "imagenet":
        weights = get_file(file_name, origin, cache_subdir="models", file_hash=file_hash)
    if weights is None:
        return
    path = str(weights)
    if path.endswith((".h5", ".hdf5")) and not path.endswith(".weights.h5"):
        load_legacy_h5_weights(model, path)
    else:
        model.load_weights(path)


def load_legacy_h5_weights(model, path):
    """Load a legacy Keras .h5 weights file (the format of Keras's ImageNet weights).

    Layers are matched by name; the unnamed ones (whose automatic names depend on what was
    built before, e.g. Xception's shortcut convolutions) take the file's unmatched entries
    in order. Keras matches by position alone, which would depend on the graph's layer order.
    """
    import h5py  # noqa: PLC0415  (only needed for legacy weight files)

    from ceras.saving.legacy_h5 import _decode, _layer_weight_values  # noqa: PLC0415

    with h5py.File(path, "r") as f:
        group = f["model_weights"] if "model_weights" in f else f
        in_file = [n for n in _decode(group.attrs.get("layer_names", []))
                   if len(group[n].attrs.get("weight_names", []))]
        layers = [layer for layer in model.layers if layer.weights]
        file_names, model_names = set(in_file), {layer.name for layer in layers}
        unmatched_layers = [layer for layer in layers if layer.name not in file_names]
        unmatched_entries = [n for n in in_file if n not in model_names]
        if len(unmatched_layers) != len(unmatched_entries):
            raise ValueError(
                f"Cannot load {path} into model '{model.name}': the file has weights for "
                f"{len(in_file)} layers, the model has {len(layers)} layers with weights "
                f"(unmatched layers: {[layer.name for layer in unmatched_layers][:5]})")
        pairs = [(layer, layer.name) for layer in layers if layer.name in file_names]
        pairs += list(zip(unmatched_layers, unmatched_entries))
        for layer, entry in pairs:
            layer.set_weights(_layer_weight_values(group, entry))


def correct_pad(inputs, kernel_size):
    """``((top, bottom), (left, right))`` zero padding that makes a strided 'valid'
    convolution over ``inputs`` behave like TensorFlow's 'same' (extra row/column at the end).
    """
    first = 2 if backend.image_data_format() == "channels_first" else 1
    size = inputs.shape[first:first + 2]
    kernel = (kernel_size, kernel_size) if isinstance(kernel_size, int) else kernel_size
    adjust = (1, 1) if size[0] is None else (1 - size[0] % 2, 1 - size[1] % 2)
    return ((kernel[0] // 2 - adjust[0], kernel[0] // 2),
            (kernel[1] // 2 - adjust[1], kernel[1] // 2))


def make_divisible(value, divisor, min_value=None):
    """``value`` rounded to the nearest multiple of ``divisor`` (at least ``min_value``),
    never more than 10% below ``value`` (the MobileNet/EfficientNet channel rule)."""
    min_value = divisor if min_value is None else min_value
    rounded = max(min_value, int(value + divisor / 2) // divisor * divisor)
    return rounded + divisor if rounded < 0.9 * value else rounded
