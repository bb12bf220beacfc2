"""MobileNet (Howard et al., 2017), as keras.applications.mobilenet."""
import warnings

from ceras import backend, layers
from ceras.applications import imagenet_utils

BASE_WEIGHT_PATH = "https://storage.googleapis.com/tensorflow/keras-applications/mobilenet/"
# Input sizes and width multipliers Keras publishes ImageNet weights for.
_IMAGENET_SIZES = (128, 160, 192, 224)
_ALPHA_TEXT = {1.0: "1_0", 0.75: "7_5", 0.5: "5_0", 0.25: "2_5"}
# (pointwise filters, stride) of the 13 depthwise-separable blocks.
_BLOCKS = ((64, 1), (128, 2), (128, 1), (256, 2), (256, 1), (512, 2), (512, 1), (512, 1),
           (512, 1), (512, 1), (512, 1), (1024, 2), (1024, 1))


def _channel_axis():
    return 1 if backend.image_data_format() == "channels_first" else -1


def _depthwise_conv_block(x, filters, alpha, depth_multiplier, stride, block_id):
    """Depthwise 3x3 + BN + ReLU6, then pointwise 1x1 + BN + ReLU6."""
    if stride != 1:
        # Pad only at the bottom/right: TensorFlow's 'same' for even inputs.
        x = layers.ZeroPadding2D(((0, 1), (0, 1)), name=f"conv_pad_{block_id}")(x)
    x = layers.DepthwiseConv2D((3, 3), padding="same" if stride == 1 else "valid",
                               depth_multiplier=depth_multiplier, strides=(stride, stride),
                               use_bias=False, name=f"conv_dw_{block_id}")(x)
    x = layers.BatchNormalization(axis=_channel_axis(), name=f"conv_dw_{block_id}_bn")(x)
    x = layers.ReLU(6.0, name=f"conv_dw_{block_id}_relu")(x)
    x = layers.Conv2D(int(filters * alpha), (1, 1), padding="same", use_bias=False,
                      strides=(1, 1), name=f"conv_pw_{block_id}")(x)
    x = layers.BatchNormalization(axis=_channel_axis(), name=f"conv_pw_{block_id}_bn")(x)
    return layers.ReLU(6.0, name=f"conv_pw_{block_id}_relu")(x)


def MobileNet(input_shape=None, alpha=1.0, depth_multiplier=1, dropout=1e-3,
              include_top=True, weights="imagenet", input_tensor=None, pooling=None,
              classes=1000, classifier_activation="softmax", name=None):
    """MobileNet (Efficient Convolutional Neural Networks for Mobile Vision Applications).

    Args:
        input_shape: optional ``(height, width, channels)``, at least 32x32; ImageNet
            weights exist for square inputs of 128, 160, 192 and 224.
        alpha: width multiplier (ImageNet weights: 0.25, 0.5, 0.75, 1.0).
        depth_multiplier: depthwise channel multiplier (1 for ImageNet weights).
        dropout: dropout rate before the classifier.
        include_top: whether to include the classifier (a 1x1 convolution).
        weights: ``None``, ``"imagenet"`` or the path of a weights file to load.
        input_tensor: optional tensor to use as the image input.
        pooling: without a top, ``None``, ``"avg"`` or ``"max"`` global pooling.
        classes: number of classes (1000 for ImageNet weights with the top).
        classifier_activation: activation of the classifier.
        name: the model's name (default ``"mobilenet_{alpha:.2f}_{rows}"``).

    Example:
        model = ceras.applications.MobileNet(weights=None, input_shape=(32, 32, 3),
                                             alpha=0.25, classes=10)
    """
    imagenet_utils.validate_weights_arguments(weights, include_top, classes)
    default_size = 224
    if input_shape is not None:
        rows, cols = ((input_shape[1], input_shape[2])
                      if backend.image_data_format() == "channels_first"
                      else (input_shape[0], input_shape[1]))
        if rows == cols and rows in _IMAGENET_SIZES:
            default_size = rows
    input_shape = imagenet_utils.obtain_input_shape(
        input_shape, default_size=default_size, min_size=32,
        data_format=backend.image_data_format(), require_flatten=include_top, weights=weights)
    rows, cols = ((input_shape[1], input_shape[2])
                  if backend.image_data_format() == "channels_first"
                  else (input_shape[0], input_shape[1]))
    if weights == "imagenet":
        if depth_multiplier != 1:
            raise ValueError("If imagenet weights are being loaded, depth multiplier must be "
                             f"1. Received depth_multiplier={depth_multiplier}")
        if alpha not in _ALPHA_TEXT:
            raise ValueError("If imagenet weights are being loaded, alpha can be one of "
                             f"`0.25`, `0.50`, `0.75` or `1.0` only. Received alpha={alpha}")
        if rows != cols or rows not in _IMAGENET_SIZES:
            rows = 224
            warnings.warn(
                "`input_shape` is undefined or non-square, or `rows` is not in "
                "[128, 160, 192, 224]. Weights for input shape (224, 224) will be loaded as "
                "the default.", stacklevel=2)
    img_input = imagenet_utils.image_input(input_tensor, input_shape)

    x = layers.Conv2D(int(32 * alpha), (3, 3), padding="same", use_bias=False, strides=(2, 2),
                      name="conv1")(img_input)
    x = layers.BatchNormalization(axis=_channel_axis(), name="conv1_bn")(x)
    x = layers.ReLU(6.0, name="conv1_relu")(x)
    for block_id, (filters, stride) in enumerate(_BLOCKS, 1):
        x = _depthwise_conv_block(x, filters, alpha, depth_multiplier, stride, block_id)

    if include_top:
        x = layers.GlobalAveragePooling2D(keepdims=True)(x)
        x = layers.Dropout(dropout, name="dropout")(x)
        x = layers.Conv2D(classes, (1, 1), padding="same", name="conv_preds")(x)
        x = layers.Reshape((classes,), name="reshape_2")(x)
        imagenet_utils.validate_activation(classifier_activation, weights)
        x = layers.Activation(activation=classifier_activation, name="predictions")(x)
    elif pooling == "avg":
        x = layers.GlobalAveragePooling2D()(x)
    elif pooling == "max":
        x = layers.GlobalMaxPooling2D()(x)
    if name is None:
        name = f"mobilenet_{alpha:0.2f}_{rows}"
    model = imagenet_utils.build_model(img_input, input_tensor, x, name)

    if weights == "imagenet":
        suffix = "" if include_top else "_no_top"
        file_name = f"mobilenet_{_ALPHA_TEXT[alpha]}_{rows}_tf{suffix}.h5"
        imagenet_utils.load_weights(model, weights, file_name, BASE_WEIGHT_PATH + file_name)
    else:
        imagenet_utils.load_weights(model, weights)
    return model


def preprocess_input(x, data_format=None):
    """MobileNet preprocessing: ``tf`` mode (scale to [-1, 1])."""
    return imagenet_utils.preprocess_input(x, data_format=data_format, mode="tf")


decode_predictions = imagenet_utils.decode_predictions
