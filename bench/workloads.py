"""The benchmark workloads, each as the same model in ceras, plain PyTorch and Keras.

Every workload trains with Adam (lr 1e-3) on random data of a fixed shape, from
logits where there is a classification loss, so the three versions do the same
arithmetic.
"""
import numpy as np

WORKLOADS = {
    # name: batch size, steps per timed epoch (full, --quick)
    "mlp": {"batch": 128, "steps": (60, 15)},
    "cnn": {"batch": 128, "steps": (12, 4)},
    "lstm": {"batch": 64, "steps": (20, 6)},
    "tiny": {"batch": 32, "steps": (400, 100)},
    "embed": {"batch": 128, "steps": (40, 10)},
}
EMBED_LENGTH = 100


def make_data(name, n, seed=0):
    rng = np.random.default_rng(seed)
    if name == "mlp":
        return rng.random((n, 784), dtype="float32"), rng.integers(0, 10, n)
    if name == "cnn":
        return rng.random((n, 28, 28, 1), dtype="float32"), rng.integers(0, 10, n)
    if name == "lstm":
        return rng.normal(size=(n, 50, 32)).astype("float32"), rng.normal(size=(n, 1)).astype(
            "float32")
    if name == "tiny":
        return rng.normal(size=(n, 20)).astype("float32"), rng.normal(size=(n, 1)).astype(
            "float32")
    if name == "embed":
        return rng.integers(0, 10000, (n, EMBED_LENGTH)), rng.integers(0, 2, (n, 1)).astype(
            "float32")
    raise ValueError(f"Unknown workload {name!r}; known: {sorted(WORKLOADS)}")


def keras_like_model(name, lib):
    """The workload's model with a Keras-API library (ceras or keras)."""
    layers = lib.layers
    if name == "mlp":
        stack = [lib.Input((784,)), layers.Dense(256, activation="relu"),
                 layers.Dense(256, activation="relu"), layers.Dense(10)]
        loss = lib.losses.SparseCategoricalCrossentropy(from_logits=True)
    elif name == "cnn":
        stack = [lib.Input((28, 28, 1)), layers.Conv2D(32, 3, activation="relu"),
                 layers.Conv2D(64, 3, activation="relu"), layers.MaxPooling2D(2),
                 layers.Flatten(), layers.Dense(10)]
        loss = lib.losses.SparseCategoricalCrossentropy(from_logits=True)
    elif name == "lstm":
        stack = [lib.Input((50, 32)), layers.LSTM(64), layers.Dense(1)]
        loss = "mse"
    elif name == "tiny":
        stack = [lib.Input((20,)), layers.Dense(64, activation="relu"), layers.Dense(1)]
        loss = "mse"
    elif name == "embed":
        stack = [lib.Input((EMBED_LENGTH,), dtype="int32"), layers.Embedding(10000, 64),
                 layers.GlobalAveragePooling1D(), layers.Dense(1)]
        loss = lib.losses.BinaryCrossentropy(from_logits=True)
    else:
        raise ValueError(f"Unknown workload {name!r}")
    model = lib.Sequential(stack)
    model.compile(lib.optimizers.Adam(1e-3), loss)
    return model


def torch_model(name, fused=False):
    """The workload's model in plain PyTorch, with its loss function and Adam
    (torch's defaults, or its fused kernel with ``fused=True``)."""
    import torch  # noqa: PLC0415 - the bench's worker processes import what they use
    from torch import nn  # noqa: PLC0415

    class LastStep(nn.Module):
        def __init__(self):
            super().__init__()
            self.lstm = nn.LSTM(32, 64, batch_first=True)
            self.out = nn.Linear(64, 1)

        def forward(self, x):
            return self.out(self.lstm(x)[0][:, -1])

    class MeanEmbedding(nn.Module):
        def __init__(self):
            super().__init__()
            self.embedding = nn.Embedding(10000, 64)
            self.out = nn.Linear(64, 1)

        def forward(self, x):
            return self.out(self.embedding(x).mean(dim=1))

    if name == "mlp":
        model = nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 256), nn.ReLU(),
                              nn.Linear(256, 10))
        loss = nn.functional.cross_entropy
    elif name == "cnn":
        model = nn.Sequential(nn.Conv2d(1, 32, 3), nn.ReLU(), nn.Conv2d(32, 64, 3), nn.ReLU(),
                              nn.MaxPool2d(2), nn.Flatten(), nn.Linear(64 * 12 * 12, 10))
        loss = nn.functional.cross_entropy
    elif name == "lstm":
        model, loss = LastStep(), nn.functional.mse_loss
    elif name == "tiny":
        model = nn.Sequential(nn.Linear(20, 64), nn.ReLU(), nn.Linear(64, 1))
        loss = nn.functional.mse_loss
    elif name == "embed":
        model, loss = MeanEmbedding(), nn.functional.binary_cross_entropy_with_logits
    else:
        raise ValueError(f"Unknown workload {name!r}")
    return model, loss, torch.optim.Adam(model.parameters(), lr=1e-3, fused=fused or None)


def torch_inputs(name, x, y):
    """The data as the torch model takes it: channels first, int64 labels/indices."""
    import torch  # noqa: PLC0415

    tx = torch.from_numpy(x)
    if name == "cnn":
        tx = tx.permute(0, 3, 1, 2).contiguous()
    if name == "embed":
        tx = tx.long()
    ty = torch.from_numpy(y)
    if name in ("mlp", "cnn"):
        ty = ty.long()
    return tx, ty
