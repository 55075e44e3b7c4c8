"""PyTorch side of gendl's checkpoint interop test (dl/checkpoint/torch_test.go).

Usage (a Python with torch, safetensors and numpy):
    python torch_interop.py export DIR   # PyTorch writes, gendl reads
    python torch_interop.py check DIR    # gendl wrote, PyTorch reads

Models whose state_dict names gendl reproduces:
  mlp:   nn.Sequential(Linear(4, 8), Tanh(), Linear(8, 3))    input float32 [5, 4]
  lstm:  Embedding(11, 6) -> LSTM(6, 8, 2 layers, batch_first) -> LayerNorm(8)
         -> Linear(8, 11), names emb.*, lstm.*, ln.*, head.*  input int64 [2, 7]
  cnn:   nn.Sequential(Conv2d(2, 4, 3, padding=1), BatchNorm2d(4), ReLU(),
         MaxPool2d(2), Flatten(), Linear(36, 5)) in eval mode, with running
         statistics from a few training-mode batches (num_batches_tracked is
         an int64 tensor)                                  input float32 [3, 2, 6, 6]
  block: nanoGPT's transformer Block (ln_1, attn.c_attn, attn.c_proj, ln_2,
         mlp.c_fc, mlp.c_proj; exact GELU), C=8, 2 heads   input float32 [2, 5, 8]

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


class SelfAttention(nn.Module):
    def __init__(self, c, heads):
        super().__init__()
        self.c_attn = nn.Linear(c, 3 * c)
        self.c_proj = nn.Linear(c, c)
        self.heads = heads

    def forward(self, x):
        b, t, c = x.shape
        q, k, v = self.c_attn(x).split(c, dim=2)
        q, k, v = (z.view(b, t, self.heads, c // self.heads).transpose(1, 2) for z in (q, k, v))
        y = nn.functional.scaled_dot_product_attention(q, k, v, is_causal=True)
        return self.c_proj(y.transpose(1, 2).reshape(b, t, c))


class MLP(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.c_fc = nn.Linear(c, 4 * c)
        self.gelu = nn.GELU()
        self.c_proj = nn.Linear(4 * c, c)

    def forward(self, x):
        return self.c_proj(self.gelu(self.c_fc(x)))


class Block(nn.Module):
    def __init__(self, c=8, heads=2):
        super().__init__()
        self.ln_1 = nn.LayerNorm(c)
        self.attn = SelfAttention(c, heads)
        self.ln_2 = nn.LayerNorm(c)
        self.mlp = MLP(c)

    def forward(self, x):
        x = x + self.attn(self.ln_1(x))
        return x + self.mlp(self.ln_2(x))


MODELS = ("mlp", "lstm", "cnn", "block")


def build(name):
    if name == "mlp":
        return nn.Sequential(nn.Linear(4, 8), nn.Tanh(), nn.Linear(8, 3))
    if name == "cnn":
        return nn.Sequential(nn.Conv2d(2, 4, 3, padding=1), nn.BatchNorm2d(4), nn.ReLU(),
                             nn.MaxPool2d(2), nn.Flatten(), nn.Linear(36, 5))
    if name == "block":
        return Block()
    return LSTMModel()


def inputs(name, gen):
    if name == "mlp":
        return torch.randn(5, 4, generator=gen)
    if name == "cnn":
        return torch.randn(3, 2, 6, 6, generator=gen)
    if name == "block":
        return torch.randn(2, 5, 8, generator=gen)
    return torch.randint(0, 11, (2, 7), generator=gen)


def export(d):
    torch.manual_seed(0)
    gen = torch.Generator().manual_seed(1)
    for name in MODELS:
        model = build(name)
        with torch.no_grad():  # non-default norm affines, to test that they load
            for n, p in model.named_parameters():
                if n.startswith(("ln", "1.")):
                    p.copy_(torch.randn(p.shape, generator=gen))
            if name == "cnn":  # move BatchNorm's running statistics
                for _ in range(3):
                    model(torch.randn(4, 2, 6, 6, generator=gen))
        model.eval()
        x = inputs(name, gen)
        with torch.no_grad():
            y = model(x)
        save_file(model.state_dict(), f"{d}/torch_{name}.safetensors")
        np.save(f"{d}/{name}_input.npy", x.numpy())
        np.save(f"{d}/torch_{name}_output.npy", y.numpy())
        print(f"{name}: wrote {len(model.state_dict())} tensors, output {tuple(y.shape)}")


def check(d):
    worst = 0.0
    for name in MODELS:
        model = build(name).eval()
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
