"""Xception (Chollet, 2017), as keras.applications.xception."""
from ceras import backend, layers
from ceras.applications import imagenet_utils

WEIGHTS_BASE = "https://storage.googleapis.com/tensorflow/keras-applications/xception/"
WEIGHTS_FILES = (
    ("xception_weights_tf_dim_ordering_tf_kernels.h5", "0a58e3b7378bc2990ea3b43d5981f1f6"),
    ("xception_weights_tf_dim_ordering_tf_kernels_notop.h5",
     "b0042744bf5b25fce3cb969f33bebb97"),
)


def _sep_conv_bn(x, filters, name, axis, relu_first=True):
    if relu_first:
        x = layers.Activation("relu", name=f"{name}_act")(x)
    x = layers.SeparableConv2D(filters, (3, 3), padding="same", use_bias=False, name=name)(x)
    return layers.BatchNormalization(axis=axis, name=f"{name}_bn")(x)


def _downsampling_block(x, filters, block, axis, relu_first=True):
    """Two separable convolutions and a strided max pooling, plus a strided 1x1 projection
    of the input (unnamed layers, as in Keras)."""
    residual = layers.Conv2D(filters[1], (1, 1), strides=(2, 2), padding="same",
                             use_bias=False)(x)
    residual = layers.BatchNormalization(axis=axis)(residual)
    x = _sep_conv_bn(x, filters[0], f"block{block}_sepconv1", axis, relu_first)
    x = _sep_conv_bn(x, filters[1], f"block{block}_sepconv2", axis)
    x = layers.MaxPooling2D((3, 3), strides=(2, 2), padding="same", name=f"block{block}_pool")(x)
    return layers.add([x, residual])


def Xception(include_top=True, weights="imagenet", input_tensor=None, input_shape=None,
             pooling=None, classes=1000, classifier_activation="softmax", name="xception"):
    """Xception (Deep Learning with Depthwise Separable Convolutions, CVPR 2017).

    Args:
        include_top: whether to include the global pooling and the classifier.
        weights: ``None``, ``"imagenet"`` or the path of a weights file to load.
        input_tensor: optional tensor to use as the image input.
        input_shape: optional ``(height, width, channels)``; at least 71x71 (default
            299x299).
        pooling: without a top, ``None``, ``"avg"`` or ``"max"`` global pooling.
        classes: number of classes (1000 for ImageNet weights with the top).
        classifier_activation: activation of the classifier.
        name: the model's name.

    Example:
        model = ceras.applications.Xception(weights=None, include_top=False,
                                            input_shape=(71, 71, 3))
    """
    imagenet_utils.validate_weights_arguments(weights, include_top, classes)
    input_shape = imagenet_utils.obtain_input_shape(
        input_shape, default_size=299, min_size=71,
        data_format=backend.image_data_format(), require_flatten=include_top, weights=weights)
    img_input = imagenet_utils.image_input(input_tensor, input_shape)
    axis = 1 if backend.image_data_format() == "channels_first" else -1

    x = layers.Conv2D(32, (3, 3), strides=(2, 2), use_bias=False, name="block1_conv1")(img_input)
    x = layers.BatchNormalization(axis=axis, name="block1_conv1_bn")(x)
    x = layers.Activation("relu", name="block1_conv1_act")(x)
    x = layers.Conv2D(64, (3, 3), use_bias=False, name="block1_conv2")(x)
    x = layers.BatchNormalization(axis=axis, name="block1_conv2_bn")(x)
    x = layers.Activation("relu", name="block1_conv2_act")(x)
    # Entry flow.
    x = _downsampling_block(x, (128, 128), 2, axis, relu_first=False)
    x = _downsampling_block(x, (256, 256), 3, axis)
    x = _downsampling_block(x, (728, 728), 4, axis)
    # Middle flow: eight residual blocks of three separable convolutions.
    for block in range(5, 13):
        residual = x
        for conv in range(1, 4):
            x = _sep_conv_bn(x, 728, f"block{block}_sepconv{conv}", axis)
        x = layers.add([x, residual])
    # Exit flow.
    x = _downsampling_block(x, (728, 1024), 13, axis)
    for conv, filters in ((1, 1536), (2, 2048)):
        x = _sep_conv_bn(x, filters, f"block14_sepconv{conv}", axis, relu_first=False)
        x = layers.Activation("relu", name=f"block14_sepconv{conv}_act")(x)

    if include_top:
        x = layers.GlobalAveragePooling2D(name="avg_pool")(x)
        imagenet_utils.validate_activation(classifier_activation, weights)
        x = layers.Dense(classes, activation=classifier_activation, name="predictions")(x)
    elif pooling == "avg":
        x = layers.GlobalAveragePooling2D()(x)
    elif pooling == "max":
        x = layers.GlobalMaxPooling2D()(x)
    model = imagenet_utils.build_model(img_input, input_tensor, x, name)

    file_name, file_hash = WEIGHTS_FILES[0 if include_top else 1]
    imagenet_utils.load_weights(model, weights, file_name, WEIGHTS_BASE + file_name, file_hash)
    return model


def preprocess_input(x, data_format=None):
    """Xception preprocessing: ``tf`` mode (scale to [-1, 1])."""
    return imagenet_utils.preprocess_input(x, data_format=data_format, mode="tf")


decode_predictions = imagenet_utils.decode_predictions
