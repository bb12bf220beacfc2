"""ceras.layers: every layer class, listed explicitly (as keras.layers)."""
from ceras.layers.activations.elu import ELU
from ceras.layers.activations.leaky_relu import LeakyReLU
from ceras.layers.activations.prelu import PReLU
from ceras.layers.activations.relu import ReLU
from ceras.layers.activations.softmax import Softmax
from ceras.layers.convolutional.conv1d import Conv1D
from ceras.layers.convolutional.conv1d_transpose import Conv1DTranspose
from ceras.layers.convolutional.conv2d import Conv2D
from ceras.layers.convolutional.conv2d_transpose import Conv2DTranspose
from ceras.layers.convolutional.conv3d import Conv3D
from ceras.layers.convolutional.conv3d_transpose import Conv3DTranspose
from ceras.layers.convolutional.depthwise_conv1d import DepthwiseConv1D
from ceras.layers.convolutional.depthwise_conv2d import DepthwiseConv2D
from ceras.layers.convolutional.separable_conv1d import SeparableConv1D
from ceras.layers.convolutional.separable_conv2d import SeparableConv2D
from ceras.layers.core.activation import Activation
from ceras.layers.core.dense import Dense
from ceras.layers.core.embedding import Embedding
from ceras.layers.core.identity import Identity
from ceras.layers.core.input_layer import Input, InputLayer
from ceras.layers.core.lambda_layer import Lambda
from ceras.layers.core.masking import Masking
from ceras.layers.core.reversible_embedding import ReversibleEmbedding
from ceras.layers.core.torch_module_wrapper import TorchModuleWrapper
from ceras.layers.core.wrapper import Wrapper
from ceras.layers.input_spec import InputSpec
from ceras.layers.layer import Layer
from ceras.layers.merging.add import Add, add
from ceras.layers.merging.average import Average, average
from ceras.layers.merging.concatenate import Concatenate, concatenate
from ceras.layers.merging.dot import Dot, dot
from ceras.layers.merging.maximum import Maximum, maximum
from ceras.layers.merging.minimum import Minimum, minimum
from ceras.layers.merging.multiply import Multiply, multiply
from ceras.layers.merging.subtract import Subtract, subtract
from ceras.layers.normalization.batch_normalization import BatchNormalization
from ceras.layers.normalization.group_normalization import GroupNormalization
from ceras.layers.normalization.layer_normalization import LayerNormalization
from ceras.layers.normalization.rms_normalization import RMSNormalization
from ceras.layers.normalization.spectral_normalization import SpectralNormalization
from ceras.layers.normalization.unit_normalization import UnitNormalization
from ceras.layers.pooling.adaptive_average_pooling1d import AdaptiveAveragePooling1D
from ceras.layers.pooling.adaptive_average_pooling2d import AdaptiveAveragePooling2D
from ceras.layers.pooling.adaptive_average_pooling3d import AdaptiveAveragePooling3D
from ceras.layers.pooling.adaptive_max_pooling1d import AdaptiveMaxPooling1D
from ceras.layers.pooling.adaptive_max_pooling2d import AdaptiveMaxPooling2D
from ceras.layers.pooling.adaptive_max_pooling3d import AdaptiveMaxPooling3D
from ceras.layers.pooling.average_pooling1d import AveragePooling1D
from ceras.layers.pooling.average_pooling2d import AveragePooling2D
from ceras.layers.pooling.average_pooling3d import AveragePooling3D
from ceras.layers.pooling.global_average_pooling1d import GlobalAveragePooling1D
from ceras.layers.pooling.global_average_pooling2d import GlobalAveragePooling2D
from ceras.layers.pooling.global_average_pooling3d import GlobalAveragePooling3D
from ceras.layers.pooling.global_max_pooling1d import GlobalMaxPooling1D
from ceras.layers.pooling.global_max_pooling2d import GlobalMaxPooling2D
from ceras.layers.pooling.global_max_pooling3d import GlobalMaxPooling3D
from ceras.layers.pooling.max_pooling1d import MaxPooling1D
from ceras.layers.pooling.max_pooling2d import MaxPooling2D
from ceras.layers.pooling.max_pooling3d import MaxPooling3D
from ceras.layers.regularization.activity_regularization import ActivityRegularization
from ceras.layers.regularization.alpha_dropout import AlphaDropout
from ceras.layers.regularization.dropout import Dropout
from ceras.layers.regularization.gaussian_dropout import GaussianDropout
from ceras.layers.regularization.gaussian_noise import GaussianNoise
from ceras.layers.regularization.spatial_dropout1d import SpatialDropout1D
from ceras.layers.regularization.spatial_dropout2d import SpatialDropout2D
from ceras.layers.regularization.spatial_dropout3d import SpatialDropout3D
from ceras.layers.reshaping.cropping1d import Cropping1D
from ceras.layers.reshaping.cropping2d import Cropping2D
from ceras.layers.reshaping.cropping3d import Cropping3D
from ceras.layers.reshaping.flatten import Flatten
from ceras.layers.reshaping.permute import Permute
from ceras.layers.reshaping.repeat_vector import RepeatVector
from ceras.layers.reshaping.reshape import Reshape
from ceras.layers.reshaping.up_sampling1d import UpSampling1D
from ceras.layers.reshaping.up_sampling2d import UpSampling2D
from ceras.layers.reshaping.up_sampling3d import UpSampling3D
from ceras.layers.reshaping.zero_padding1d import ZeroPadding1D
from ceras.layers.reshaping.zero_padding2d import ZeroPadding2D
from ceras.layers.reshaping.zero_padding3d import ZeroPadding3D
from ceras.layers.serialization import deserialize, serialize

# Keras's alternative names for the same classes.
AvgPool1D, AvgPool2D, AvgPool3D = AveragePooling1D, AveragePooling2D, AveragePooling3D
Convolution1D, Convolution2D, Convolution3D = Conv1D, Conv2D, Conv3D
Convolution1DTranspose = Conv1DTranspose
Convolution2DTranspose = Conv2DTranspose
Convolution3DTranspose = Conv3DTranspose
GlobalAvgPool1D = GlobalAveragePooling1D
GlobalAvgPool2D = GlobalAveragePooling2D
GlobalAvgPool3D = GlobalAveragePooling3D
GlobalMaxPool1D, GlobalMaxPool2D, GlobalMaxPool3D = (
    GlobalMaxPooling1D, GlobalMaxPooling2D, GlobalMaxPooling3D)
MaxPool1D, MaxPool2D, MaxPool3D = MaxPooling1D, MaxPooling2D, MaxPooling3D
SeparableConvolution1D, SeparableConvolution2D = SeparableConv1D, SeparableConv2D

__all__ = [
    "Activation", "ActivityRegularization", "AdaptiveAveragePooling1D", "AdaptiveAveragePooling2D",
    "AdaptiveAveragePooling3D", "AdaptiveMaxPooling1D", "AdaptiveMaxPooling2D",
    "AdaptiveMaxPooling3D", "Add", "AlphaDropout", "Average", "AveragePooling1D",
    "AveragePooling2D", "AveragePooling3D", "AvgPool1D", "AvgPool2D", "AvgPool3D",
    "BatchNormalization", "Concatenate", "Conv1D", "Conv1DTranspose", "Conv2D", "Conv2DTranspose",
    "Conv3D", "Conv3DTranspose", "Convolution1D", "Convolution1DTranspose", "Convolution2D",
    "Convolution2DTranspose", "Convolution3D", "Convolution3DTranspose", "Cropping1D",
    "Cropping2D", "Cropping3D", "Dense", "DepthwiseConv1D", "DepthwiseConv2D", "Dot", "Dropout",
    "ELU", "Embedding", "Flatten", "GaussianDropout", "GaussianNoise", "GlobalAveragePooling1D",
    "GlobalAveragePooling2D", "GlobalAveragePooling3D", "GlobalAvgPool1D", "GlobalAvgPool2D",
    "GlobalAvgPool3D", "GlobalMaxPool1D", "GlobalMaxPool2D", "GlobalMaxPool3D",
    "GlobalMaxPooling1D", "GlobalMaxPooling2D", "GlobalMaxPooling3D", "GroupNormalization",
    "Identity", "Input", "InputLayer", "InputSpec", "Lambda", "Layer", "LayerNormalization",
    "LeakyReLU", "Masking", "MaxPool1D", "MaxPool2D", "MaxPool3D", "MaxPooling1D", "MaxPooling2D",
    "MaxPooling3D", "Maximum", "Minimum", "Multiply", "PReLU", "Permute", "RMSNormalization",
    "ReLU", "RepeatVector", "Reshape", "ReversibleEmbedding", "SeparableConv1D", "SeparableConv2D",
    "SeparableConvolution1D", "SeparableConvolution2D", "Softmax", "SpatialDropout1D",
    "SpatialDropout2D", "SpatialDropout3D", "SpectralNormalization", "Subtract",
    "TorchModuleWrapper", "UnitNormalization", "UpSampling1D", "UpSampling2D", "UpSampling3D",
    "Wrapper", "ZeroPadding1D", "ZeroPadding2D", "ZeroPadding3D", "add", "average", "concatenate",
    "deserialize", "dot", "maximum", "minimum", "multiply", "serialize", "subtract",
]

# Recurrent layers and wrappers.
from ceras.layers.rnn.bidirectional import Bidirectional  # noqa: E402
from ceras.layers.rnn.conv_lstm1d import ConvLSTM1D  # noqa: E402
from ceras.layers.rnn.conv_lstm2d import ConvLSTM2D  # noqa: E402
from ceras.layers.rnn.conv_lstm3d import ConvLSTM3D  # noqa: E402
from ceras.layers.rnn.gru import GRU  # noqa: E402
from ceras.layers.rnn.gru_cell import GRUCell  # noqa: E402
from ceras.layers.rnn.lstm import LSTM  # noqa: E402
from ceras.layers.rnn.lstm_cell import LSTMCell  # noqa: E402
from ceras.layers.rnn.rnn import RNN  # noqa: E402
from ceras.layers.rnn.simple_rnn import SimpleRNN  # noqa: E402
from ceras.layers.rnn.simple_rnn_cell import SimpleRNNCell  # noqa: E402
from ceras.layers.rnn.stacked_rnn_cells import StackedRNNCells  # noqa: E402
from ceras.layers.rnn.time_distributed import TimeDistributed  # noqa: E402

__all__ += [
    "Bidirectional", "ConvLSTM1D", "ConvLSTM2D", "ConvLSTM3D", "GRU", "GRUCell", "LSTM",
    "LSTMCell", "RNN", "SimpleRNN", "SimpleRNNCell", "StackedRNNCells", "TimeDistributed",
]

# Attention layers.
from ceras.layers.attention.additive_attention import AdditiveAttention  # noqa: E402
from ceras.layers.attention.attention import Attention  # noqa: E402
from ceras.layers.attention.grouped_query_attention import (  # noqa: E402
    GroupedQueryAttention, GroupQueryAttention,
)
from ceras.layers.attention.multi_head_attention import MultiHeadAttention  # noqa: E402
from ceras.layers.core.einsum_dense import EinsumDense  # noqa: E402

__all__ += [
    "AdditiveAttention", "Attention", "EinsumDense", "GroupQueryAttention",
    "GroupedQueryAttention", "MultiHeadAttention",
]

# Preprocessing layers.
from ceras.layers.preprocessing.category_encoding import CategoryEncoding  # noqa: E402
from ceras.layers.preprocessing.discretization import Discretization  # noqa: E402
from ceras.layers.preprocessing.hashed_crossing import HashedCrossing  # noqa: E402
from ceras.layers.preprocessing.hashing import Hashing  # noqa: E402
from ceras.layers.preprocessing.image.aug_mix import AugMix  # noqa: E402
from ceras.layers.preprocessing.image.auto_contrast import AutoContrast  # noqa: E402
from ceras.layers.preprocessing.image.center_crop import CenterCrop  # noqa: E402
from ceras.layers.preprocessing.image.contrast_limited_adaptive_histogram_equalization import (  # noqa: E402,E501
    ContrastLimitedAdaptiveHistogramEqualization,
)
from ceras.layers.preprocessing.image.cut_mix import CutMix  # noqa: E402
from ceras.layers.preprocessing.image.equalization import Equalization  # noqa: E402
from ceras.layers.preprocessing.image.max_num_bounding_boxes import (  # noqa: E402
    MaxNumBoundingBoxes,
)
from ceras.layers.preprocessing.image.mix_up import MixUp  # noqa: E402
from ceras.layers.preprocessing.image.rand_augment import RandAugment  # noqa: E402
from ceras.layers.preprocessing.image.random_brightness import RandomBrightness  # noqa: E402
from ceras.layers.preprocessing.image.random_color_degeneration import (  # noqa: E402
    RandomColorDegeneration,
)
from ceras.layers.preprocessing.image.random_color_jitter import (  # noqa: E402
    RandomColorJitter,
)
from ceras.layers.preprocessing.image.random_contrast import RandomContrast  # noqa: E402
from ceras.layers.preprocessing.image.random_crop import RandomCrop  # noqa: E402
from ceras.layers.preprocessing.image.random_elastic_transform import (  # noqa: E402
    RandomElasticTransform,
)
from ceras.layers.preprocessing.image.random_erasing import RandomErasing  # noqa: E402
from ceras.layers.preprocessing.image.random_flip import RandomFlip  # noqa: E402
from ceras.layers.preprocessing.image.random_gaussian_blur import (  # noqa: E402
    RandomGaussianBlur,
)
from ceras.layers.preprocessing.image.random_grayscale import RandomGrayscale  # noqa: E402
from ceras.layers.preprocessing.image.random_hue import RandomHue  # noqa: E402
from ceras.layers.preprocessing.image.random_invert import RandomInvert  # noqa: E402
from ceras.layers.preprocessing.image.random_perspective import (  # noqa: E402
    RandomPerspective,
)
from ceras.layers.preprocessing.image.random_posterization import (  # noqa: E402
    RandomPosterization,
)
from ceras.layers.preprocessing.image.random_rotation import RandomRotation  # noqa: E402
from ceras.layers.preprocessing.image.random_saturation import RandomSaturation  # noqa: E402
from ceras.layers.preprocessing.image.random_sharpness import RandomSharpness  # noqa: E402
from ceras.layers.preprocessing.image.random_shear import RandomShear  # noqa: E402
from ceras.layers.preprocessing.image.random_translation import (  # noqa: E402
    RandomTranslation,
)
from ceras.layers.preprocessing.image.random_zoom import RandomZoom  # noqa: E402
from ceras.layers.preprocessing.image.resizing import Resizing  # noqa: E402
from ceras.layers.preprocessing.image.solarization import Solarization  # noqa: E402
from ceras.layers.preprocessing.integer_lookup import IntegerLookup  # noqa: E402
from ceras.layers.preprocessing.mel_spectrogram import MelSpectrogram  # noqa: E402
from ceras.layers.preprocessing.normalization import Normalization  # noqa: E402
from ceras.layers.preprocessing.pipeline import Pipeline  # noqa: E402
from ceras.layers.preprocessing.rescaling import Rescaling  # noqa: E402
from ceras.layers.preprocessing.stft_spectrogram import STFTSpectrogram  # noqa: E402
from ceras.layers.preprocessing.string_lookup import StringLookup  # noqa: E402
from ceras.layers.preprocessing.text_vectorization import TextVectorization  # noqa: E402

__all__ += [
    "AugMix", "AutoContrast", "CategoryEncoding", "CenterCrop",
    "ContrastLimitedAdaptiveHistogramEqualization", "CutMix", "Discretization",
    "Equalization", "HashedCrossing", "Hashing", "IntegerLookup", "MaxNumBoundingBoxes",
    "MelSpectrogram", "MixUp", "Normalization", "Pipeline", "RandAugment", "RandomBrightness",
    "RandomColorDegeneration", "RandomColorJitter", "RandomContrast", "RandomCrop",
    "RandomElasticTransform", "RandomErasing", "RandomFlip", "RandomGaussianBlur",
    "RandomGrayscale", "RandomHue", "RandomInvert", "RandomPerspective", "RandomPosterization",
    "RandomRotation", "RandomSaturation", "RandomSharpness", "RandomShear",
    "RandomTranslation", "RandomZoom", "Rescaling", "Resizing", "Solarization",
    "STFTSpectrogram", "StringLookup", "TextVectorization",
]
