"""PyTorch side of gendl's checkpoint interop test (dl/checkpoint/torch_test.go).

Usage (a Python with torch, safetensors and numpy):
    python torch_interop.py export DIR   # PyTorch writes, gendl reads
    python torch_interop.py check DIR    # gendl wrote, PyTorch reads

Two models whose state_dict names gendl reproduces:
  mlp:  nn.Sequential(Linear(4, 8), Tanh(), Linear(8, 3))    input float32 [5, 4]
  lstm: Embedding(11, 6) -> LSTM(6, 8, 2 layers, batch_first) -> LayerNorm(8)
        -> Linear(8, 11), names emb.*, lstm.*, ln.*, head.*  input int64 [2, 7]

export writes DIR/torch_<model>.safetensors (save_file(model.state_dict())),
DIR/<model>_input.npy and DIR/torch_<model>_output.npy.
check loads DIR/gendl_<model>.safetensors into the same architecture with
load_state_dict(strict=True), runs DIR/<model>_input.npy, and compares with
DIR/gendl_<model>_output.npy; it prints the largest difference and exits 1 if
it exceeds 1e-5.
"""
import sys

import numpy as np
import torch
from safetensors.torch import load_file, save_file
from torch import nn


class LSTMModel(nn.Module):
    def __init__(self):
        super().__init__()
        self.emb = nn.Embedding(11, 6)
        self.lstm = nn.LSTM(6, 8, num_layers=2, batch_first=True)
        self.ln = nn.LayerNorm(8)
        self.head = nn.Linear(8, 11)

    def forward(self, ids):
        y, _ = self.lstm(self.emb(ids))
        return self.head(self.ln(y))


def build(name):
    if name == "mlp":
        return nn.Sequential(nn.Linear(4, 8), nn.Tanh(), nn.Linear(8, 3))
    return LSTMModel()


def inputs(name, gen):
    if name == "mlp":
        return torch.randn(5, 4, generator=gen)
    return torch.randint(0, 11, (2, 7), generator=gen)


def export(d):
    torch.manual_seed(0)
    gen = torch.Generator().manual_seed(1)
    for name in ("mlp", "lstm"):
        model = build(name)
        with torch.no_grad():  # non-default LayerNorm affine, to test it loads
            for n, p in model.named_parameters():
                if n.startswith("ln."):
                    p.copy_(torch.randn(p.shape, generator=gen))
        x = inputs(name, gen)
        with torch.no_grad():
            y = model(x)
        save_file(model.state_dict(), f"{d}/torch_{name}.safetensors")
        np.save(f"{d}/{name}_input.npy", x.numpy())
        np.save(f"{d}/torch_{name}_output.npy", y.numpy())
        print(f"{name}: wrote {len(model.state_dict())} tensors, output {tuple(y.shape)}")


def check(d):
    worst = 0.0
    for name in ("mlp", "lstm"):
        model = build(name)
        model.load_state_dict(load_file(f"{d}/gendl_{name}.safetensors"), strict=True)
        x = torch.from_numpy(np.load(f"{d}/{name}_input.npy"))
        want = torch.from_numpy(np.load(f"{d}/gendl_{name}_output.npy"))
        with torch.no_grad():
            got = model(x)
        diff = (got - want).abs().max().item()
        worst = max(worst, diff)
        print(f"{name}: PyTorch output of the gendl checkpoint, max |diff| = {diff:.3g}")
    sys.exit(0 if worst <= 1e-5 else 1)


if __name__ == "__main__":
    {"export": export, "check": check}[sys.argv[1]](sys.argv[2])
