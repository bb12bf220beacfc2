"""ResNet50V2/101V2/152V2: pre-activation ResNets (He et al., 2016), as
keras.applications.resnet_v2."""
from ceras.applications import imagenet_utils
from ceras.applications.resnet import ResNet, stack_residual_blocks_v2


def _v2_stages(depths):
    def stack_fn(x):
        x = stack_residual_blocks_v2(x, 64, depths[0], name="conv2")
        x = stack_residual_blocks_v2(x, 128, depths[1], name="conv3")
        x = stack_residual_blocks_v2(x, 256, depths[2], name="conv4")
        return stack_residual_blocks_v2(x, 512, depths[3], stride1=1, name="conv5")
    return stack_fn


def ResNet50V2(include_top=True, weights="imagenet", input_tensor=None, input_shape=None,
               pooling=None, classes=1000, classifier_activation="softmax",
               name="resnet50v2"):
    """ResNet50V2 (Identity Mappings in Deep Residual Networks, ECCV 2016); arguments as
    ``ceras.applications.ResNet50``. Expects inputs scaled by ``preprocess_input`` to
    [-1, 1]."""
    return ResNet(_v2_stages((3, 4, 6, 3)), True, True, include_top, weights, input_tensor,
                  input_shape, pooling, classes, classifier_activation, name, "resnet50v2")


def ResNet101V2(include_top=True, weights="imagenet", input_tensor=None, input_shape=None,
                pooling=None, classes=1000, classifier_activation="softmax",
                name="resnet101v2"):
    """ResNet101V2; arguments as ``ResNet50V2``."""
    return ResNet(_v2_stages((3, 4, 23, 3)), True, True, include_top, weights, input_tensor,
                  input_shape, pooling, classes, classifier_activation, name, "resnet101v2")


def ResNet152V2(include_top=True, weights="imagenet", input_tensor=None, input_shape=None,
                pooling=None, classes=1000, classifier_activation="softmax",
                name="resnet152v2"):
    """ResNet152V2; arguments as ``ResNet50V2``."""
    return ResNet(_v2_stages((3, 8, 36, 3)), True, True, include_top, weights, input_tensor,
                  input_shape, pooling, classes, classifier_activation, name, "resnet152v2")


def preprocess_input(x, data_format=None):
    """ResNetV2 preprocessing: ``tf`` mode (scale to [-1, 1])."""
    return imagenet_utils.preprocess_input(x, data_format=data_format, mode="tf")


decode_predictions = imagenet_utils.decode_predictions
