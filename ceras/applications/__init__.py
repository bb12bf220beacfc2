"""ceras.applications: ImageNet model architectures with Keras's layer names, so Keras's
pretrained weight files load (as keras.applications)."""
from ceras.applications import (  # noqa: F401
    densenet, efficientnet, imagenet_utils, mobilenet, mobilenet_v2, mobilenet_v3, resnet,
    resnet50, resnet_v2, vgg16, vgg19, xception,
)
from ceras.applications.densenet import DenseNet121, DenseNet169, DenseNet201
from ceras.applications.efficientnet import (
    EfficientNetB0, EfficientNetB1, EfficientNetB2, EfficientNetB3, EfficientNetB4,
    EfficientNetB5, EfficientNetB6, EfficientNetB7,
)
from ceras.applications.mobilenet import MobileNet
from ceras.applications.mobilenet_v2 import MobileNetV2
from ceras.applications.mobilenet_v3 import MobileNetV3Large, MobileNetV3Small
from ceras.applications.resnet import ResNet50, ResNet101, ResNet152
from ceras.applications.resnet_v2 import ResNet50V2, ResNet101V2, ResNet152V2
from ceras.applications.vgg16 import VGG16
from ceras.applications.vgg19 import VGG19
from ceras.applications.xception import Xception

__all__ = [
    "DenseNet121", "DenseNet169", "DenseNet201", "EfficientNetB0", "EfficientNetB1",
    "EfficientNetB2", "EfficientNetB3", "EfficientNetB4", "EfficientNetB5", "EfficientNetB6",
    "EfficientNetB7", "MobileNet", "MobileNetV2", "MobileNetV3Large", "MobileNetV3Small",
    "ResNet101", "ResNet101V2", "ResNet152", "ResNet152V2", "ResNet50", "ResNet50V2", "VGG16",
    "VGG19", "Xception", "densenet", "efficientnet", "imagenet_utils", "mobilenet", "mobilenet_v2",
    "mobilenet_v3", "resnet", "resnet50", "resnet_v2", "vgg16", "vgg19", "xception",
]
