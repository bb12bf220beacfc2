"""ceras.applications: ImageNet model architectures with Keras's layer names, so Keras's
pretrained weight files load (as keras.applications)."""
from ceras.applications import (  # noqa: F401
    imagenet_utils, mobilenet, mobilenet_v2, resnet, resnet50, resnet_v2, vgg16, vgg19,
)
from ceras.applications.mobilenet import MobileNet
from ceras.applications.mobilenet_v2 import MobileNetV2
from ceras.applications.resnet import ResNet50, ResNet101, ResNet152
from ceras.applications.resnet_v2 import ResNet50V2, ResNet101V2, ResNet152V2
from ceras.applications.vgg16 import VGG16
from ceras.applications.vgg19 import VGG19

__all__ = [
    "MobileNet", "MobileNetV2", "ResNet101", "ResNet101V2", "ResNet152", "ResNet152V2", "ResNet50",
    "ResNet50V2", "VGG16", "VGG19", "imagenet_utils", "mobilenet", "mobilenet_v2", "resnet", "resnet50",
    "resnet_v2", "vgg16", "vgg19",
]
