"""VGG16, as keras.applications.vgg16."""
from ceras.applications import imagenet_utils
from ceras.applications.vgg import VGG

WEIGHTS_FILES = (
    ("vgg16_weights_tf_dim_ordering_tf_kernels.h5", "64373286793e3c8b2b4e3219cbf3544b"),
    ("vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5", "6d6bbae143d832006294945121d1f1fc"),
)


def VGG16(include_top=True, weights="imagenet", input_tensor=None, input_shape=None,
          pooling=None, classes=1000, classifier_activation="softmax", name="vgg16"):
    """VGG16 (Very Deep Convolutional Networks for Large-Scale Image Recognition, ICLR 2015).

    Args:
        include_top: whether to include the three fully connected layers.
        weights: ``None``, ``"imagenet"`` or the path of a weights file to load.
        input_tensor: optional tensor to use as the image input.
        input_shape: optional ``(height, width, channels)``; at least 32x32
            (exactly 224x224x3 with ``include_top`` and ImageNet weights).
        pooling: without a top, ``None``, ``"avg"`` or ``"max"`` global pooling.
        classes: number of classes (1000 for ImageNet weights with the top).
        classifier_activation: activation of the classifier.
        name: the model's name.

    Example:
        model = ceras.applications.VGG16(weights=None, include_top=False,
                                         input_shape=(32, 32, 3))
    """
    return VGG((2, 2, 3, 3, 3), include_top, weights, input_tensor, input_shape, pooling,
               classes, classifier_activation, name, WEIGHTS_FILES)


def preprocess_input(x, data_format=None):
    """VGG preprocessing: ``caffe`` mode (BGR, ImageNet mean subtracted)."""
    return imagenet_utils.preprocess_input(x, data_format=data_format, mode="caffe")


decode_predictions = imagenet_utils.decode_predictions
