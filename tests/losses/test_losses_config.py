"""Loss configs, serialization and lookup: Keras's keys, Keras's serialize format,
round trips, `get` by name, and the errors a user sees."""
import numpy as np
import pytest
from loss_cases import LOSS_CASES, case_id

from ceras import losses

# Constructor arguments Keras 3.15 leaves out of get_config (so its round trip
# loses them); ceras writes them too. Keras accepts the extra keys.
EXTRA_KEYS = {"Huber": {"delta"}, "CosineSimilarity": {"axis"},
              "SparseCategoricalCrossentropy": {"axis"}}
CLASS_NAMES = sorted({name for name, _, _ in LOSS_CASES})


@pytest.mark.parametrize("case", LOSS_CASES, ids=case_id)
def test_from_config_round_trip(case):
    name, kwargs, _ = case
    loss = getattr(losses, name)(reduction="sum", name="custom", **kwargs)
    config = loss.get_config()
    rebuilt = type(loss).from_config(config)
    assert rebuilt.get_config() == config
    assert config["name"] == "custom" and config["reduction"] == "sum"
    for key, value in kwargs.items():
        assert config[key] == value


@pytest.mark.oracle
@pytest.mark.parametrize("name", CLASS_NAMES)
def test_config_keys_and_defaults_match_keras(name, keras_oracle):
    ours = getattr(losses, name)().get_config()
    theirs = getattr(keras_oracle.losses, name)().get_config()
    extra = EXTRA_KEYS.get(name, set())
    assert set(ours) == set(theirs) | extra
    assert {k: v for k, v in ours.items() if k not in extra} == theirs


@pytest.mark.oracle
@pytest.mark.parametrize("name", CLASS_NAMES)
def test_serialize_matches_keras_and_loads_in_keras(name, keras_oracle):
    ours = losses.serialize(getattr(losses, name)())
    theirs = keras_oracle.losses.serialize(getattr(keras_oracle.losses, name)())
    extra = EXTRA_KEYS.get(name, set())
    assert {k: v for k, v in ours.items() if k != "config"} == \
        {k: v for k, v in theirs.items() if k != "config"}
    # Each side reads the other's dict (Keras 3.15 cannot look this one up by name).
    assert type(losses.deserialize(theirs)).__name__ == name
    if name == "CategoricalGeneralizedCrossEntropy":
        return
    restored = keras_oracle.losses.deserialize(ours)
    assert type(restored).__name__ == name
    assert set(restored.get_config()) | extra >= set(ours["config"]) - extra


@pytest.mark.oracle
def test_serialize_function_matches_keras(keras_oracle):
    theirs = keras_oracle.losses.serialize(keras_oracle.losses.mean_squared_error)
    assert losses.serialize(losses.mean_squared_error) == theirs
    assert losses.deserialize(theirs) is losses.mean_squared_error


@pytest.mark.oracle
def test_loss_function_wrapper_serializes_like_keras(keras_oracle):
    from keras.src.losses import LossFunctionWrapper

    theirs = keras_oracle.losses.serialize(
        LossFunctionWrapper(keras_oracle.losses.huber, name="w", delta=2.0))
    assert losses.serialize(losses.LossFunctionWrapper(losses.huber, name="w", delta=2.0)) \
        == theirs
    assert losses.deserialize(theirs).fn is losses.huber


def test_loss_function_wrapper_config_round_trip():
    loss = losses.LossFunctionWrapper(losses.huber, name="wrapped", delta=2.5)
    config = loss.get_config()
    assert config["fn"] == {"module": "builtins", "class_name": "function",
                            "config": "huber", "registered_name": "function"}
    assert config["delta"] == 2.5
    rebuilt = losses.LossFunctionWrapper.from_config(config)
    assert rebuilt.fn is losses.huber and rebuilt.get_config() == config


def test_serialize_passes_names_and_none_through():
    assert losses.serialize("mse") == "mse"
    assert losses.serialize(None) is None


@pytest.mark.parametrize("identifier,expected", [
    ("mse", "mean_squared_error"), ("MSE", "mean_squared_error"),
    ("mae", "mean_absolute_error"), ("mape", "mean_absolute_percentage_error"),
    ("msle", "mean_squared_logarithmic_error"), ("bce", "binary_crossentropy"),
    ("kld", "kl_divergence"), ("KLD", "kl_divergence"),
    ("categorical_crossentropy", "categorical_crossentropy"), ("huber", "huber"),
])
def test_get_function_names_give_functions(identifier, expected):
    assert losses.get(identifier).__name__ == expected


@pytest.mark.parametrize("name", CLASS_NAMES)
def test_get_class_name_gives_instance(name):
    loss = losses.get(name)
    assert type(loss) is getattr(losses, name)


def test_get_accepts_config_dict_instance_and_callable():
    loss = losses.get({"class_name": "CategoricalCrossentropy",
                       "config": {"from_logits": True}})
    assert isinstance(loss, losses.CategoricalCrossentropy) and loss.from_logits
    instance = losses.Huber()
    assert losses.get(instance) is instance

    def custom(y_true, y_pred):
        return y_pred

    assert losses.get(custom) is custom
    assert losses.get(None) is None
    assert isinstance(losses.get(losses.Hinge), losses.Hinge)


def test_get_unknown_name_lists_valid_names():
    with pytest.raises(ValueError, match=r"Could not interpret loss identifier: 'msee'\. "
                                         r"Valid names are: ") as info:
        losses.get("msee")
    valid = str(info.value).split("Valid names are: ")[1].split(", ")
    assert {"mse", "huber", "MeanSquaredError", "CTC"} <= set(valid)


def test_deserialize_unknown_class_lists_valid_names():
    with pytest.raises(ValueError, match=r"Could not interpret loss identifier: 'Nope'\. "
                                         r"Valid names are: .*MeanSquaredError"):
        losses.deserialize({"class_name": "Nope", "config": {}})


def test_deserialize_custom_objects():
    class Scaled(losses.Loss):
        def call(self, y_true, y_pred):
            return 2.0 * (y_pred - y_true)

    config = losses.serialize(Scaled(name="scaled"))
    assert config["registered_name"] == "Scaled"
    assert config["module"] == __name__
    loss = losses.deserialize(config, custom_objects={"Scaled": Scaled})
    assert isinstance(loss, Scaled) and loss.name == "scaled"


def test_get_rejects_non_callable():
    with pytest.raises(ValueError, match=r"Could not interpret loss identifier: 3\. Expected"):
        losses.get(3)


def test_deserialize_rejects_malformed_config():
    with pytest.raises(ValueError, match=r"Could not interpret loss config: expected a name "
                                         r"or a dict with keys 'class_name' and 'config'"):
        losses.deserialize({"config": {}})


def test_invalid_reduction_message():
    with pytest.raises(ValueError, match=r"Invalid value for argument `reduction`\. Expected "
                                         r"one of .*Received: reduction='avg'"):
        losses.MeanSquaredError(reduction="avg")


def test_generalized_cross_entropy_q_range_message():
    with pytest.raises(ValueError, match=r"Argument `q` of CategoricalGeneralizedCrossEntropy "
                                         r"must be in the interval \(0, 1\), received q=1\.5"):
        losses.CategoricalGeneralizedCrossEntropy(q=1.5)


def test_crossentropy_bool_axis_message():
    with pytest.raises(ValueError, match=r"`axis` must be of type `int`\. Received: "
                                         r"axis=True"):
        losses.categorical_crossentropy(np.ones((2, 3)), np.ones((2, 3)) / 3, axis=True)


def test_ctc_shape_messages():
    with pytest.raises(ValueError, match=r"Targets `y_true` are expected to be a tensor of "
                                         r"shape .*Received: y_true.shape=\(2,\)"):
        losses.ctc(np.ones(2, "int32"), np.zeros((2, 3, 4), "float32"))
    with pytest.raises(ValueError, match=r"Logits `y_pred` are expected to be a tensor of "
                                         r"shape .*Received: y_pred.shape=\(2, 3\)"):
        losses.ctc(np.ones((2, 3), "int32"), np.zeros((2, 3), "float32"))


def test_base_loss_call_must_be_implemented():
    with pytest.raises(NotImplementedError, match=r"Loss Loss must implement "
                                                  r"call\(y_true, y_pred\)"):
        losses.Loss()(np.zeros(2), np.zeros(2))


def test_default_names_and_dtype():
    assert losses.MeanSquaredError().name == "mean_squared_error"
    assert losses.Huber().name == "huber_loss"
    assert losses.Loss().name == "loss"
    assert losses.MeanSquaredError().dtype == "float32"
    assert losses.MeanSquaredError(dtype="float64").dtype == "float64"


def test_deserialize_unknown_function_name():
    with pytest.raises(ValueError, match=r"Could not interpret loss identifier: 'nope'\. "
                                         r"Valid names are: "):
        losses.deserialize({"module": "builtins", "class_name": "function", "config": "nope",
                            "registered_name": "function"})


def test_serialize_rejects_objects_without_config():
    with pytest.raises(TypeError, match=r"Cannot serialize <object .*> \(type object\): it "
                                        r"has no get_config\(\) and is not a function"):
        losses.serialize(object())
