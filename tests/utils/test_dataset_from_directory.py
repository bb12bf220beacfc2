"""image_dataset_from_directory / text_dataset_from_directory on files made in tmp_path."""
import numpy as np
import pytest

import ceras
from ceras.utils import image_dataset_from_directory, text_dataset_from_directory

Image = pytest.importorskip("PIL.Image")

CLASSES = {"cat": 4, "dog": 3, "fish": 2}


@pytest.fixture
def image_dir(tmp_path):
    """cat/, dog/, fish/ with images whose pixels all equal 10 * class + n."""
    root = tmp_path / "images"
    for c, (name, count) in enumerate(CLASSES.items()):
        (root / name).mkdir(parents=True)
        for n in range(count):
            value = 10 * c + n
            size = (8 + n, 6) if n % 2 else (6, 6)  # mixed sizes, resized on load
            Image.new("RGB", size, (value, value, value)).save(root / name / f"{n}.png")
    (root / "cat" / "notes.txt").write_text("not an image")
    return root


@pytest.fixture
def text_dir(tmp_path):
    root = tmp_path / "texts"
    for label in ("neg", "pos"):
        (root / label).mkdir(parents=True)
        for n in range(5):
            (root / label / f"{n}.txt").write_text(f"{label} review number {n}")
    return root


def pixel_classes(images):
    """The class (tens digit) encoded in each image's pixels."""
    return (np.round(images[:, 0, 0, 0]) // 10).astype(int)


def test_images_labels_inferred_from_subfolders(image_dir):
    ds = image_dataset_from_directory(image_dir, image_size=(5, 5), batch_size=4, seed=3,
                                      verbose=False)
    assert isinstance(ds, ceras.utils.PyDataset)
    assert ds.class_names == ["cat", "dog", "fish"]
    assert len(ds) == 3 and len(ds.file_paths) == 9
    images, labels = ds[0]
    assert images.shape == (4, 5, 5, 3) and images.dtype == np.float32
    assert labels.dtype == np.int32
    all_images = np.concatenate([ds[i][0] for i in range(len(ds))])
    all_labels = np.concatenate([ds[i][1] for i in range(len(ds))])
    np.testing.assert_array_equal(pixel_classes(all_images), all_labels)
    assert sorted(np.round(all_images[:, 0, 0, 0])) == [0, 1, 2, 3, 10, 11, 12, 20, 21]


def test_unshuffled_order_is_alphanumeric(image_dir):
    ds = image_dataset_from_directory(image_dir, image_size=(4, 4), shuffle=False,
                                      batch_size=None, verbose=False)
    assert [p.split("images/")[1] for p in ds.file_paths][:3] == ["cat/0.png", "cat/1.png",
                                                                  "cat/2.png"]
    image, label = ds[4]
    assert image.shape == (4, 4, 3) and label == 1 and round(float(image[0, 0, 0])) == 10


def test_label_modes_color_modes_and_data_format(image_dir):
    kw = dict(image_size=(3, 4), shuffle=False, batch_size=9, verbose=False)
    images, onehot = image_dataset_from_directory(image_dir, label_mode="categorical", **kw)[0]
    np.testing.assert_array_equal(onehot, np.eye(3)[[0] * 4 + [1] * 3 + [2] * 2])
    assert onehot.dtype == np.float32
    gray = image_dataset_from_directory(image_dir, color_mode="grayscale", **kw)[0][0]
    assert gray.shape == (9, 3, 4, 1)
    rgba = image_dataset_from_directory(image_dir, color_mode="rgba",
                                        data_format="channels_first", **kw)[0][0]
    assert rgba.shape == (9, 4, 3, 4)
    only_images = image_dataset_from_directory(image_dir, labels=None, **kw)[0]
    assert isinstance(only_images, np.ndarray) and only_images.shape == (9, 3, 4, 3)
    two = image_dataset_from_directory(image_dir, class_names=["fish", "dog"],
                                       label_mode="binary", **kw)
    assert two.class_names == ["fish", "dog"]
    images, binary = two[0]
    np.testing.assert_array_equal(binary[:, 0], [0, 0, 1, 1, 1])
    np.testing.assert_array_equal(pixel_classes(images), [2, 2, 1, 1, 1])


def test_explicit_labels_follow_sorted_file_paths(image_dir):
    labels = list("abcabcabc")
    ds = image_dataset_from_directory(image_dir, labels=labels, image_size=(2, 2),
                                      shuffle=False, batch_size=9, verbose=False)
    assert ds.class_names == ["a", "b", "c"]
    np.testing.assert_array_equal(ds[0][1], [0, 1, 2] * 3)


def test_validation_split_is_disjoint_and_covers_all(image_dir, capsys):
    kw = dict(image_size=(2, 2), validation_split=0.34, seed=11, batch_size=2)
    train = image_dataset_from_directory(image_dir, subset="training", **kw)
    val = image_dataset_from_directory(image_dir, subset="validation", **kw)
    out = capsys.readouterr().out
    assert "Found 9 files belonging to 3 classes." in out
    assert "Using 6 files for training." in out and "Using 3 files for validation." in out
    assert set(train.file_paths).isdisjoint(val.file_paths)
    assert len(set(train.file_paths) | set(val.file_paths)) == 9
    both = image_dataset_from_directory(image_dir, subset="both", verbose=False, **kw)
    assert [d.file_paths for d in both] == [train.file_paths, val.file_paths]


def test_shuffle_reorders_each_epoch_reproducibly(image_dir):
    def epochs(seed):
        ds = image_dataset_from_directory(image_dir, image_size=(2, 2), batch_size=9,
                                          seed=seed, verbose=False)
        first = np.round(ds[0][0][:, 0, 0, 0]).tolist()
        ds.on_epoch_end()
        return first, np.round(ds[0][0][:, 0, 0, 0]).tolist()

    first, second = epochs(5)
    assert sorted(first) == sorted(second) and first != second
    assert epochs(5) == (first, second)


def test_fit_on_an_image_dataset(image_dir):
    ds = image_dataset_from_directory(image_dir, image_size=(4, 4), batch_size=4, seed=0,
                                      verbose=False)
    model = ceras.Sequential([ceras.Input((4, 4, 3)), ceras.layers.Rescaling(1 / 255),
                              ceras.layers.Flatten(), ceras.layers.Dense(3)])
    model.compile("adam", ceras.losses.SparseCategoricalCrossentropy(from_logits=True))
    history = model.fit(ds, epochs=2, verbose=0)
    assert len(history.history["loss"]) == 2


@pytest.mark.oracle
def test_same_files_as_keras_for_a_seed(image_dir, keras_oracle):
    from keras.src.utils import dataset_utils  # noqa: PLC0415 - the oracle's own indexer

    paths, labels, names = dataset_utils.index_directory(
        str(image_dir), "inferred", formats=(".bmp", ".gif", ".jpeg", ".jpg", ".png"),
        shuffle=True, seed=42)
    ds = image_dataset_from_directory(image_dir, image_size=(2, 2), seed=42, verbose=False)
    assert ds.file_paths == list(paths) and ds.class_names == names
    np.testing.assert_array_equal(ds.labels, labels)


def test_text_dataset(text_dir):
    ds = text_dataset_from_directory(text_dir, batch_size=4, seed=1, verbose=False,
                                     max_length=6)
    assert ds.class_names == ["neg", "pos"] and len(ds) == 3
    texts, labels = ds[0]
    assert texts.dtype == object and isinstance(texts[0], str)
    for text, label in zip(texts, labels):
        assert text == ["neg re", "pos re"][label]
    train, val = text_dataset_from_directory(text_dir, validation_split=0.2, subset="both",
                                             seed=2, batch_size=None, verbose=False,
                                             label_mode="binary")
    assert len(train) == 8 and len(val) == 2
    text, label = val[0]
    assert label.shape == (1,) and text.startswith(["neg", "pos"][int(label[0])])
    plain = text_dataset_from_directory(text_dir, labels=None, shuffle=False, verbose=False)
    assert plain[0][0] == "neg review number 0" and len(plain[0]) == 10


def test_argument_errors(image_dir, text_dir, tmp_path):
    def make(**kwargs):
        return image_dataset_from_directory(image_dir, verbose=False, **kwargs)

    with pytest.raises(ValueError, match="`label_mode` must be one of"):
        make(label_mode="sparse")
    with pytest.raises(ValueError, match='`labels` must be "inferred", None, or a list'):
        make(labels="folders")
    with pytest.raises(ValueError, match="pass a `seed` so that the training and validation"):
        make(validation_split=0.2, subset="training")
    with pytest.raises(ValueError, match='`subset` must be "training", "validation" or "both"'):
        make(validation_split=0.2, seed=1)
    with pytest.raises(ValueError, match="needs a `validation_split`"):
        make(subset="training")
    with pytest.raises(ValueError, match="between 0 and 1"):
        make(validation_split=1.5, subset="training", seed=1)
    with pytest.raises(ValueError, match='label_mode="binary" there must be exactly 2 classes'):
        make(label_mode="binary")
    with pytest.raises(ValueError, match="`color_mode` must be one of"):
        make(color_mode="cmyk")
    with pytest.raises(ValueError, match=r"`image_size` must be a \(height, width\) pair"):
        make(image_size=64)
    with pytest.raises(ValueError, match="do not match the subfolders"):
        make(class_names=["cat", "cow"])
    with pytest.raises(ValueError, match="one label per file: received 2 labels for 9 files"):
        make(labels=[0, 1])
    with pytest.raises(ValueError, match='format="grain" returns a grain dataset in Keras'):
        make(format="grain")
    with pytest.raises(ValueError, match="Only one of `crop_to_aspect_ratio`"):
        make(crop_to_aspect_ratio=True, pad_to_aspect_ratio=True)
    with pytest.raises(ValueError, match="No images found in directory"):
        image_dataset_from_directory(text_dir, verbose=False)
    with pytest.raises(ValueError, match="No text files found in directory"):
        text_dataset_from_directory(image_dir / "dog", verbose=False)
    with pytest.raises(ValueError, match="does not exist or is not a folder"):
        text_dataset_from_directory(tmp_path / "missing", verbose=False)
    with pytest.raises(ValueError, match="`max_length` must be None or a positive integer"):
        text_dataset_from_directory(text_dir, max_length=0, verbose=False)
