"""ceras demo: train a small classifier on scikit-learn's handwritten digits
(shipped with scikit-learn, so it works offline), evaluate it, save it, load it
back and check the reloaded model predicts the same.

    make demo
"""
import os
import tempfile

import numpy as np
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

import ceras as keras
from ceras import layers


def main():
    keras.utils.set_random_seed(0)
    digits = load_digits()
    x = (digits.data / 16.0).astype("float32")
    y = digits.target.astype("int64")
    x_train, x_test, y_train, y_test = train_test_split(
        x, y, test_size=0.25, random_state=0, stratify=y)

    model = keras.Sequential([
        keras.Input((64,)),
        layers.Dense(128, activation="relu"),
        layers.Dropout(0.2),
        layers.Dense(64, activation="relu"),
        layers.Dense(10, activation="softmax"),
    ])
    model.summary()
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy",
                  metrics=["accuracy"])
    model.fit(x_train, y_train, batch_size=32, epochs=30, validation_split=0.1, verbose=2)
    loss, accuracy = model.evaluate(x_test, y_test, verbose=0)
    print(f"test loss: {loss:.4f}  test accuracy: {accuracy:.4f}")

    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "digits.keras")
        model.save(path)
        restored = keras.models.load_model(path)
        same = np.allclose(model.predict(x_test, verbose=0),
                           restored.predict(x_test, verbose=0), atol=1e-6)
        print(f"saved to {os.path.basename(path)} and reloaded: predictions equal = {same}")
    if accuracy < 0.9:
        raise SystemExit(f"demo accuracy {accuracy:.3f} is unexpectedly low")


if __name__ == "__main__":
    main()
