#!/usr/bin/env python3
"""PyTorch side of the lecture-network parity check.

Reads the inputs the Go test wrote into DIR (the model's weights under their
state_dict names, e.g. "0.weight.npy", plus x.npy [B, 784] float32 and y.npy
[B] int64), builds the same network in PyTorch

    Linear(784 -> H) -> Sigmoid -> Linear(H -> 10) -> Softmax -> CrossEntropy

in float32, and writes the loss and the gradient of every parameter, for both
the lecture's form (explicit Softmax, then -mean log p[y]) and the fused form
(F.cross_entropy on the logits), as DIR/torch_<form>_loss.npy and
DIR/torch_<form>_grad_<name>.npy.

If DIR also holds the Go results (go_<form>_loss.npy, go_<form>_grad_<name>.npy)
it compares them too, prints the relative errors and exits 1 when one exceeds
the tolerance. Run through the Go test:

    GENDL_PYTHON=/path/to/venv/bin/python go test ./dl/nn -run TorchParity -v
"""
import os
import sys

import numpy as np
import torch

TOL = 1e-5


def build(d):
    w1 = np.load(os.path.join(d, "0.weight.npy"))
    hidden = w1.shape[0]
    net = torch.nn.Sequential(
        torch.nn.Linear(784, hidden), torch.nn.Sigmoid(), torch.nn.Linear(hidden, 10)
    )
    sd = {k: torch.from_numpy(np.load(os.path.join(d, k + ".npy"))) for k in net.state_dict()}
    net.load_state_dict(sd)
    return net


def run(d, form):
    torch.manual_seed(0)
    net = build(d)
    x = torch.from_numpy(np.load(os.path.join(d, "x.npy")))
    y = torch.from_numpy(np.load(os.path.join(d, "y.npy"))).long()
    logits = net(x)
    if form == "explicit":
        probs = torch.nn.Softmax(dim=-1)(logits)
        loss = -torch.log(probs[torch.arange(len(y)), y]).mean()
    else:
        loss = torch.nn.functional.cross_entropy(logits, y)
    loss.backward()
    out = {"loss": loss.detach().numpy().reshape(1)}
    for name, p in net.named_parameters():
        out["grad_" + name] = p.grad.numpy()
    for k, v in out.items():
        np.save(os.path.join(d, "torch_%s_%s.npy" % (form, k)), v.astype(np.float32))
    return out


def rel(a, b):
    return float(np.max(np.abs(a.astype(np.float64) - b)) / max(np.max(np.abs(b)), 1e-30))


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: lecture_parity.py DIR")
    d = sys.argv[1]
    worst = 0.0
    for form in ("explicit", "fused"):
        out = run(d, form)
        for k, v in out.items():
            go = os.path.join(d, "go_%s_%s.npy" % (form, k))
            if not os.path.exists(go):
                continue
            e = rel(np.load(go), v.astype(np.float64))
            worst = max(worst, e)
            print("%-8s %-16s torch-relative max error %.3g" % (form, k, e))
    print("torch %s, worst %.3g (tolerance %g)" % (torch.__version__, worst, TOL))
    sys.exit(1 if worst > TOL else 0)


if __name__ == "__main__":
    main()
