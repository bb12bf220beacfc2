"""The VGG16/VGG19 builder (Simonyan & Zisserman, 2015) shared by ``vgg16`` and ``vgg19``."""
from ceras import backend, layers
from ceras.applications import imagenet_utils

WEIGHTS_BASE = "https://storage.googleapis.com/tensorflow/keras-applications/"


def VGG(convs_per_block, include_top, weights, input_tensor, input_shape, pooling, classes,
        classifier_activation, name, weight_files):
    """Five blocks of 3x3 ReLU convolutions (``convs_per_block`` each) and 2x2 max pooling,
    then Flatten and two 4096-unit Dense layers when ``include_top``.

    ``weight_files`` is ``((file, md5) with top, (file, md5) without top)`` for
    ``weights="imagenet"``.
    """
    imagenet_utils.validate_weights_arguments(weights, include_top, classes)
    input_shape = imagenet_utils.obtain_input_shape(
        input_shape, default_size=224, min_size=32,
        data_format=backend.image_data_format(), require_flatten=include_top, weights=weights)
    img_input = imagenet_utils.image_input(input_tensor, input_shape)

    x = img_input
    for block, (filters, convs) in enumerate(zip((64, 128, 256, 512, 512), convs_per_block), 1):
        for conv in range(1, convs + 1):
            x = layers.Conv2D(filters, (3, 3), activation="relu", padding="same",
                              name=f"block{block}_conv{conv}")(x)
        x = layers.MaxPooling2D((2, 2), strides=(2, 2), name=f"block{block}_pool")(x)

    if include_top:
        x = layers.Flatten(name="flatten")(x)
        x = layers.Dense(4096, activation="relu", name="fc1")(x)
        x = layers.Dense(4096, activation="relu", name="fc2")(x)
        imagenet_utils.validate_activation(classifier_activation, weights)
        x = layers.Dense(classes, activation=classifier_activation, name="predictions")(x)
    elif pooling == "avg":
        x = layers.GlobalAveragePooling2D()(x)
    elif pooling == "max":
        x = layers.GlobalMaxPooling2D()(x)
    model = imagenet_utils.build_model(img_input, input_tensor, x, name)

    file_name, file_hash = weight_files[0 if include_top else 1]
    imagenet_utils.load_weights(model, weights, file_name,
                                f"{WEIGHTS_BASE}{file_name.split('_')[0]}/{file_name}", file_hash)
    return model
