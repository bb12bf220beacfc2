"""MobileNetV2 (Sandler et al., 2018), as keras.applications.mobilenet_v2."""
import warnings

from ceras import backend, layers
from ceras.applications import imagenet_utils
from ceras.applications.imagenet_utils import make_divisible

BASE_WEIGHT_PATH = "https://storage.googleapis.com/tensorflow/keras-applications/mobilenet_v2/"
# Input sizes and width multipliers Keras publishes ImageNet weights for.
_IMAGENET_SIZES = (96, 128, 160, 192, 224)
_IMAGENET_ALPHAS = (0.35, 0.50, 0.75, 1.0, 1.3, 1.4)
# (filters, stride, expansion) of the 17 inverted residual blocks.
_BLOCKS = ((16, 1, 1), (24, 2, 6), (24, 1, 6), (32, 2, 6), (32, 1, 6), (32, 1, 6),
           (64, 2, 6), (64, 1, 6), (64, 1, 6), (64, 1, 6), (96, 1, 6), (96, 1, 6),
           (96, 1, 6), (160, 2, 6), (160, 1, 6), (160, 1, 6), (320, 1, 6))


def _spatial(shape):
    """(rows, cols) of a shape without batch dimension."""
    return (shape[1], shape[2]) if backend.image_data_format() == "channels_first" else (
        shape[0], shape[1])


def _default_size(input_shape, input_tensor):
    """The square ImageNet size the given shape (or tensor) asks for; 224 otherwise."""
    if input_shape is None and input_tensor is not None and backend.is_keras_tensor(
            input_tensor):
        input_shape = tuple(input_tensor.shape[1:])
    if input_shape is None:
        return 224
    rows, cols = _spatial(input_shape)
    return rows if rows == cols and rows in _IMAGENET_SIZES else 224


def _batch_norm(x, name):
    axis = 1 if backend.image_data_format() == "channels_first" else -1
    # TF-slim's MobileNet settings: epsilon 1e-3, momentum 0.999.
    return layers.BatchNormalization(axis=axis, epsilon=1e-3, momentum=0.999, name=name)(x)


def _inverted_res_block(inputs, expansion, stride, alpha, filters, block_id):
    """Expand (1x1), depthwise 3x3, project (1x1); residual when shapes allow."""
    channel_axis = 1 if backend.image_data_format() == "channels_first" else -1
    in_channels = inputs.shape[channel_axis]
    out_channels = make_divisible(int(filters * alpha), 8)
    x = inputs
    if block_id:
        prefix = f"block_{block_id}_"
        x = layers.Conv2D(expansion * in_channels, kernel_size=1, padding="same",
                          use_bias=False, activation=None, name=f"{prefix}expand")(x)
        x = _batch_norm(x, f"{prefix}expand_BN")
        x = layers.ReLU(6.0, name=f"{prefix}expand_relu")(x)
    else:
        prefix = "expanded_conv_"
    if stride == 2:
        x = layers.ZeroPadding2D(padding=imagenet_utils.correct_pad(x, 3),
                                 name=f"{prefix}pad")(x)
    x = layers.DepthwiseConv2D(kernel_size=3, strides=stride, activation=None, use_bias=False,
                               padding="same" if stride == 1 else "valid",
                               name=f"{prefix}depthwise")(x)
    x = _batch_norm(x, f"{prefix}depthwise_BN")
    x = layers.ReLU(6.0, name=f"{prefix}depthwise_relu")(x)
    x = layers.Conv2D(out_channels, kernel_size=1, padding="same", use_bias=False,
                      activation=None, name=f"{prefix}project")(x)
    x = _batch_norm(x, f"{prefix}project_BN")
    if in_channels == out_channels and stride == 1:
        return layers.Add(name=f"{prefix}add")([inputs, x])
    return x


def MobileNetV2(input_shape=None, alpha=1.0, include_top=True, weights="imagenet",
                input_tensor=None, pooling=None, classes=1000,
                classifier_activation="softmax", name=None):
    """MobileNetV2 (Inverted Residuals and Linear Bottlenecks, CVPR 2018).

    Args:
        input_shape: optional ``(height, width, channels)``, at least 32x32; ImageNet
            weights exist for square inputs of 96, 128, 160, 192 and 224.
        alpha: width multiplier (ImageNet weights: 0.35, 0.5, 0.75, 1.0, 1.3, 1.4).
        include_top: whether to include the global pooling and the classifier.
        weights: ``None``, ``"imagenet"`` or the path of a weights file to load.
        input_tensor: optional tensor to use as the image input.
        pooling: without a top, ``None``, ``"avg"`` or ``"max"`` global pooling.
        classes: number of classes (1000 for ImageNet weights with the top).
        classifier_activation: activation of the classifier.
        name: the model's name (default ``"mobilenetv2_{alpha:.2f}_{rows}"``).

    Example:
        model = ceras.applications.MobileNetV2(weights=None, input_shape=(96, 96, 3),
                                               alpha=0.35, classes=10)
    """
    imagenet_utils.validate_weights_arguments(weights, include_top, classes)
    if input_tensor is not None and input_shape is not None:
        if not backend.is_keras_tensor(input_tensor):
            raise ValueError(
                f"input_tensor is not a Keras tensor; Received `input_tensor={input_tensor}`")
        if _spatial(tuple(input_tensor.shape[1:]))[1] != _spatial(input_shape)[1]:
            raise ValueError(
                "The width of `input_tensor` must equal the width of `input_shape`; "
                f"Received `input_tensor.shape={tuple(input_tensor.shape)}`, "
                f"`input_shape={input_shape}`")
    input_shape = imagenet_utils.obtain_input_shape(
        input_shape, default_size=_default_size(input_shape, input_tensor), min_size=32,
        data_format=backend.image_data_format(), require_flatten=include_top, weights=weights)
    rows, cols = _spatial(input_shape)
    if weights == "imagenet":
        if alpha not in _IMAGENET_ALPHAS:
            raise ValueError(
                "If imagenet weights are being loaded, alpha must be one of `0.35`, `0.50`, "
                f"`0.75`, `1.0`, `1.3` or `1.4` only; Received `alpha={alpha}`")
        if rows != cols or rows not in _IMAGENET_SIZES:
            rows = 224
            warnings.warn(
                "`input_shape` is undefined or non-square, or `rows` is not in "
                "[96, 128, 160, 192, 224]. Weights for input shape (224, 224) will be "
                "loaded as the default.", stacklevel=2)
    img_input = imagenet_utils.image_input(input_tensor, input_shape)

    x = layers.Conv2D(make_divisible(32 * alpha, 8), kernel_size=3, strides=(2, 2),
                      padding="same", use_bias=False, name="Conv1")(img_input)
    x = _batch_norm(x, "bn_Conv1")
    x = layers.ReLU(6.0, name="Conv1_relu")(x)
    for block_id, (filters, stride, expansion) in enumerate(_BLOCKS):
        x = _inverted_res_block(x, filters=filters, alpha=alpha, stride=stride,
                                expansion=expansion, block_id=block_id)
    # The last 1x1 convolution is widened only for alpha > 1.
    last_filters = make_divisible(1280 * alpha, 8) if alpha > 1.0 else 1280
    x = layers.Conv2D(last_filters, kernel_size=1, use_bias=False, name="Conv_1")(x)
    x = _batch_norm(x, "Conv_1_bn")
    x = layers.ReLU(6.0, name="out_relu")(x)

    if include_top:
        x = layers.GlobalAveragePooling2D()(x)
        imagenet_utils.validate_activation(classifier_activation, weights)
        x = layers.Dense(classes, activation=classifier_activation, name="predictions")(x)
    elif pooling == "avg":
        x = layers.GlobalAveragePooling2D()(x)
    elif pooling == "max":
        x = layers.GlobalMaxPooling2D()(x)
    if name is None:
        name = f"mobilenetv2_{alpha:0.2f}_{rows}"
    model = imagenet_utils.build_model(img_input, input_tensor, x, name)

    suffix = "" if include_top else "_no_top"
    file_name = ("mobilenet_v2_weights_tf_dim_ordering_tf_kernels_"
                 f"{float(alpha)}_{rows}{suffix}.h5")
    imagenet_utils.load_weights(model, weights, file_name, BASE_WEIGHT_PATH + file_name)
    return model


def preprocess_input(x, data_format=None):
    """MobileNetV2 preprocessing: ``tf`` mode (scale to [-1, 1])."""
    return imagenet_utils.preprocess_input(x, data_format=data_format, mode="tf")


decode_predictions = imagenet_utils.decode_predictions
