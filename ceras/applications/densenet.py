"""DenseNet121/169/201 (Huang et al., 2017), as keras.applications.densenet."""
from ceras import backend, layers
from ceras.applications import imagenet_utils

BASE_WEIGHTS_PATH = "https://storage.googleapis.com/tensorflow/keras-applications/densenet/"
# Blocks per dense stage -> (model key, md5 with top, md5 without top) of Keras's files.
_WEIGHTS = {
    (6, 12, 24, 16): ("densenet121", "9d60b8095a5708f2dcce2bca79d332c7",
                      "30ee3e1110167f948a6b9946edeeb738"),
    (6, 12, 32, 32): ("densenet169", "d699b8f76981ab1b30698df4c175e90b",
                      "b8c4d4c20dd625c148057b9ff1c1176b"),
    (6, 12, 48, 32): ("densenet201", "1ceb130c1ea1b78c3bf6114dbdfd8807",
                      "c13680b51ded0fb44dff2d8f86ac8bb1"),
}
_BN_EPSILON = 1.001e-5
_GROWTH_RATE = 32


def _bn_relu(x, axis, name):
    x = layers.BatchNormalization(axis=axis, epsilon=_BN_EPSILON, name=f"{name}_bn")(x)
    return layers.Activation("relu", name=f"{name}_relu")(x)


def conv_block(x, growth_rate, name):
    """BN-ReLU-1x1 conv (4 * growth_rate), BN-ReLU-3x3 conv (growth_rate), concatenated
    to the block's input."""
    axis = 3 if backend.image_data_format() == "channels_last" else 1
    y = _bn_relu(x, axis, f"{name}_0")
    y = layers.Conv2D(4 * growth_rate, 1, use_bias=False, name=f"{name}_1_conv")(y)
    y = _bn_relu(y, axis, f"{name}_1")
    y = layers.Conv2D(growth_rate, 3, padding="same", use_bias=False, name=f"{name}_2_conv")(y)
    return layers.Concatenate(axis=axis, name=f"{name}_concat")([x, y])


def dense_block(x, blocks, name):
    for i in range(1, blocks + 1):
        x = conv_block(x, _GROWTH_RATE, name=f"{name}_block{i}")
    return x


def transition_block(x, reduction, name):
    """BN-ReLU, 1x1 conv keeping ``reduction`` of the channels, 2x2 average pooling."""
    axis = 3 if backend.image_data_format() == "channels_last" else 1
    x = _bn_relu(x, axis, name)
    x = layers.Conv2D(int(x.shape[axis] * reduction), 1, use_bias=False, name=f"{name}_conv")(x)
    return layers.AveragePooling2D(2, strides=2, name=f"{name}_pool")(x)


def DenseNet(blocks, include_top=True, weights="imagenet", input_tensor=None,
             input_shape=None, pooling=None, classes=1000, classifier_activation="softmax",
             name="densenet"):
    """A DenseNet with ``blocks`` conv blocks in each of its four dense stages; the other
    arguments are those of ``DenseNet121``."""
    if backend.image_data_format() == "channels_first":
        raise ValueError("DenseNet does not support the `channels_first` image data format. "
                         "Switch to `channels_last` by editing your local config file at "
                         "~/.keras/keras.json")
    imagenet_utils.validate_weights_arguments(weights, include_top, classes)
    input_shape = imagenet_utils.obtain_input_shape(
        input_shape, default_size=224, min_size=32,
        data_format=backend.image_data_format(), require_flatten=include_top, weights=weights)
    img_input = imagenet_utils.image_input(input_tensor, input_shape)
    axis = 3

    x = layers.ZeroPadding2D(padding=((3, 3), (3, 3)))(img_input)
    x = layers.Conv2D(64, 7, strides=2, use_bias=False, name="conv1_conv")(x)
    x = _bn_relu(x, axis, "conv1")
    x = layers.ZeroPadding2D(padding=((1, 1), (1, 1)))(x)
    x = layers.MaxPooling2D(3, strides=2, name="pool1")(x)
    for stage, count in enumerate(blocks[:3], 2):
        x = dense_block(x, count, name=f"conv{stage}")
        x = transition_block(x, 0.5, name=f"pool{stage}")
    x = dense_block(x, blocks[3], name="conv5")
    x = layers.BatchNormalization(axis=axis, epsilon=_BN_EPSILON, name="bn")(x)
    x = layers.Activation("relu", name="relu")(x)

    if include_top:
        x = layers.GlobalAveragePooling2D(name="avg_pool")(x)
        imagenet_utils.validate_activation(classifier_activation, weights)
        x = layers.Dense(classes, activation=classifier_activation, name="predictions")(x)
    elif pooling == "avg":
        x = layers.GlobalAveragePooling2D(name="avg_pool")(x)
    elif pooling == "max":
        x = layers.GlobalMaxPooling2D(name="max_pool")(x)
    model = imagenet_utils.build_model(img_input, input_tensor, x, name)

    if weights == "imagenet":
        if tuple(blocks) not in _WEIGHTS:
            raise ValueError("ImageNet weights exist only for DenseNet121, DenseNet169 and "
                             f"DenseNet201; received blocks={list(blocks)}")
        key, top_hash, notop_hash = _WEIGHTS[tuple(blocks)]
        suffix = "" if include_top else "_notop"
        file_name = f"{key}_weights_tf_dim_ordering_tf_kernels{suffix}.h5"
        imagenet_utils.load_weights(model, weights, file_name, BASE_WEIGHTS_PATH + file_name,
                                    top_hash if include_top else notop_hash)
    else:
        imagenet_utils.load_weights(model, weights)
    return model


def DenseNet121(include_top=True, weights="imagenet", input_tensor=None, input_shape=None,
                pooling=None, classes=1000, classifier_activation="softmax",
                name="densenet121"):
    """DenseNet121 (Densely Connected Convolutional Networks, CVPR 2017).

    Args:
        include_top: whether to include the global pooling and the classifier.
        weights: ``None``, ``"imagenet"`` or the path of a weights file to load.
        input_tensor: optional tensor to use as the image input.
        input_shape: optional ``(height, width, 3)``; at least 32x32. Only
            ``channels_last`` is supported.
        pooling: without a top, ``None``, ``"avg"`` or ``"max"`` global pooling.
        classes: number of classes (1000 for ImageNet weights with the top).
        classifier_activation: activation of the classifier.
        name: the model's name.

    Example:
        model = ceras.applications.DenseNet121(weights=None, include_top=False,
                                               input_shape=(32, 32, 3), pooling="avg")
    """
    return DenseNet((6, 12, 24, 16), include_top, weights, input_tensor, input_shape, pooling,
                    classes, classifier_activation, name)


def DenseNet169(include_top=True, weights="imagenet", input_tensor=None, input_shape=None,
                pooling=None, classes=1000, classifier_activation="softmax",
                name="densenet169"):
    """DenseNet169; arguments as ``DenseNet121``."""
    return DenseNet((6, 12, 32, 32), include_top, weights, input_tensor, input_shape, pooling,
                    classes, classifier_activation, name)


def DenseNet201(include_top=True, weights="imagenet", input_tensor=None, input_shape=None,
                pooling=None, classes=1000, classifier_activation="softmax",
                name="densenet201"):
    """DenseNet201; arguments as ``DenseNet121``."""
    return DenseNet((6, 12, 48, 32), include_top, weights, input_tensor, input_shape, pooling,
                    classes, classifier_activation, name)


def preprocess_input(x, data_format=None):
    """DenseNet preprocessing: ``torch`` mode (scale to [0, 1], ImageNet mean/std)."""
    return imagenet_utils.preprocess_input(x, data_format=data_format, mode="torch")


decode_predictions = imagenet_utils.decode_predictions
