#!/usr/bin/python3
"""Reference values of PyTorch 1.13's layers and losses for pkg/nn's tests.

Run with Debian's python3 and python3-torch:

    /usr/bin/python3 pkg/nn/testdata/reference.py > pkg/nn/testdata/reference.json

Every case records its inputs, the forward output, an upstream gradient "gy" and the
gradients PyTorch's autograd gives for every input that requires one, plus the name
of the output's grad_fn. Tensors are stored as {"shape": [...], "data": [flat,
row-major]} in float64 (exact for the float32 values involved). The Go tests rebuild
the inputs, run pkg/nn's layers, and compare.
"""
import json
import sys

import torch
import torch.nn.functional as F

torch.manual_seed(1313)


def T(t):
    t = t.detach()
    if t.dtype in (torch.int64, torch.int32):
        return {"shape": list(t.shape), "data": [int(v) for v in t.reshape(-1).tolist()], "dtype": "int64"}
    return {"shape": list(t.shape), "data": [float(v) for v in t.double().reshape(-1).tolist()]}


def run(inputs, fn, gy=None):
    """Forward fn(*inputs), backward with gy (random if None); return the record."""
    leaves = [x.detach().clone().requires_grad_(x.is_floating_point()) if x is not None else None for x in inputs]
    out = fn(*leaves)
    if gy is None:
        gy = torch.randn(out.shape)
    out.backward(gy)
    rec = {"out": T(out), "gy": T(gy), "grad_fn": type(out.grad_fn).__name__}
    rec["inputs"] = [T(x) if x is not None else None for x in inputs]
    rec["grads"] = [T(x.grad) if (x is not None and x.grad is not None) else None for x in leaves]
    return rec


cases = {}

# Linear / F.linear: 2-D input (addmm), 1-D input, no bias, 3-D input.
lin = []
for xs, bias in [((3, 4), True), ((4,), True), ((3, 4), False), ((2, 3, 4), True), ((1, 8), True)]:
    x = torch.randn(xs)
    fin = xs[-1]
    w = torch.randn(5, fin)
    b = torch.randn(5) if bias else None
    rec = run([x, w, b], lambda x, w, b: F.linear(x, w, b))
    lin.append(rec)
cases["linear"] = lin

# Conv2d: (N, C, H, W, OC, K, stride, padding, bias)
conv = []
for n, c, h, w_, oc, k, s, p, bias in [
    (2, 3, 7, 6, 4, 3, 1, 0, True),
    (2, 3, 7, 6, 4, 3, 2, 1, True),
    (3, 2, 5, 5, 2, 3, 1, 2, False),
    (2, 1, 12, 12, 6, 5, 1, 0, True),
    (2, 6, 12, 12, 16, 5, 1, 0, True),
    (4, 1, 4, 4, 2, 3, 1, 1, False),
    (1, 2, 9, 8, 3, 4, 3, 1, True),
]:
    x = torch.randn(n, c, h, w_)
    wt = torch.randn(oc, c, k, k)
    b = torch.randn(oc) if bias else None
    rec = run([x, wt, b], lambda x, wt, b, s=s, p=p: F.conv2d(x, wt, b, stride=s, padding=p))
    rec["stride"], rec["padding"] = s, p
    conv.append(rec)
cases["conv2d"] = conv

# MaxPool2d: (N, C, H, W, K, stride, padding)
pool = []
for n, c, h, w_, k, s, p in [
    (2, 3, 6, 6, 2, 2, 0),
    (2, 2, 4, 4, 2, 2, 1),
    (1, 2, 9, 9, 3, 2, 1),
    (2, 1, 7, 5, 3, 1, 1),
    (1, 1, 5, 5, 2, 2, 0),
]:
    x = torch.randn(n, c, h, w_)
    rec = run([x], lambda x, k=k, s=s, p=p: F.max_pool2d(x, k, stride=s, padding=p))
    rec["kernel"], rec["stride"], rec["padding"] = k, s, p
    pool.append(rec)
cases["maxpool2d"] = pool

# Softmax / LogSoftmax along several dims.
sm = []
for shape, dim in [((3, 4), 1), ((3, 4), 0), ((2, 3, 4), -1), ((2, 3, 4), 1), ((5,), 0)]:
    x = torch.randn(shape) * 3
    rec = run([x], lambda x, dim=dim: F.softmax(x, dim))
    rec["dim"] = dim
    sm.append(rec)
cases["softmax"] = sm
lsm = []
for shape, dim in [((3, 4), 1), ((2, 3, 4), 0)]:
    x = torch.randn(shape) * 3
    rec = run([x], lambda x, dim=dim: F.log_softmax(x, dim))
    rec["dim"] = dim
    lsm.append(rec)
cases["log_softmax"] = lsm

# Losses with every reduction.
mse, ce, bce = [], [], []
for red in ["mean", "sum", "none"]:
    x, t = torch.randn(4, 3), torch.randn(4, 3)
    rec = run([x, t], lambda x, t, red=red: F.mse_loss(x, t, reduction=red))
    rec["reduction"] = red
    mse.append(rec)

    x = torch.randn(6, 5) * 2
    t = torch.tensor([0, 4, 2, 2, 1, 3])
    rec = run([x, t], lambda x, t, red=red: F.cross_entropy(x, t, reduction=red))
    rec["reduction"] = red
    ce.append(rec)

    p = torch.tensor([0.1, 0.9, 0.5, 0.3, 1e-8, 1 - 1e-7, 0.0, 1.0])
    t = torch.tensor([0.0, 1.0, 1.0, 0.0, 1.0, 0.0, 0.0, 1.0])
    rec = run([p, t], lambda p, t, red=red: F.binary_cross_entropy(p, t, reduction=red))
    rec["reduction"] = red
    rec["grads"][1] = None  # pkg/nn gives no gradient for BCE's target (labels)
    bce.append(rec)
# Chapter 9 calls BCELoss on squeezed outputs against float labels: a 1-D case.
x = torch.rand(10) * 0.98 + 0.01
t = (torch.rand(10) > 0.5).float()
rec = run([x, t], lambda x, t: F.binary_cross_entropy(x, t))
rec["reduction"] = "mean"
rec["grads"][1] = None
bce.append(rec)
cases["mse"], cases["cross_entropy"], cases["bce"] = mse, ce, bce

# Chapter 9's fixed pipeline (values are exact in float32).
k1 = torch.tensor([[[[-1., -1., -1.], [1., 1., 1.], [-1., -1., -1.]]],
                   [[[-1., 1., -1.], [-1., 1., -1.], [-1., 1., -1.]]]])
k2 = torch.tensor([[[[-1., -1., -1.], [1., 1., 1.], [-1., -1., -1.]],
                    [[-1., -1., -1.], [1., 1., 1.], [-1., -1., -1.]]],
                   [[[-1., 1., -1.], [-1., 1., -1.], [-1., 1., -1.]],
                    [[-1., 1., -1.], [-1., 1., -1.], [-1., 1., -1.]]]])
sample = torch.tensor(
    [[[-1., -1., -1., -1.], [1., 1., 1., 1.], [-1., -1., -1., -1.], [-1., -1., -1., -1.]],
     [[-1., 1., -1., -1.], [-1., 1., -1., -1.], [-1., 1., -1., -1.], [-1., 1., -1., -1.]],
     [[-1., -1., -1., -1.], [1., 1., -1., -1.], [-1., -1., 1., 1.], [-1., -1., -1., -1.]],
     [[-1., -1., -1., 1.], [-1., -1., 1., -1.], [-1., 1., -1., -1.], [1., -1., -1., -1.]]]).reshape(4, 1, 4, 4)
conv1 = torch.nn.Conv2d(1, 2, 3, padding=1, bias=False)  # the chapter writes padding=True
conv2 = torch.nn.Conv2d(2, 2, 3, padding=1, bias=False)
pool9 = torch.nn.MaxPool2d(2, padding=1)
conv1.weight.data = k1
conv2.weight.data = k2
f1 = conv1(sample)
r1 = F.relu(f1)
p1 = pool9(r1)
f2 = conv2(p1)
r2 = F.relu(f2)
p2 = pool9(r2)
flat = p2.reshape(-1, 8)
flat.sum().backward()
cases["chapter9"] = {
    "k1": T(k1), "k2": T(k2), "sample": T(sample),
    "fmap1": T(f1), "relu1": T(r1), "pooled1": T(p1), "fmap2": T(f2), "pooled2": T(p2), "flat": T(flat),
    "conv1_grad": T(conv1.weight.grad), "conv2_grad": T(conv2.weight.grad),
    "pool_repr": repr(pool9), "conv_repr": repr(conv1),
}

# How PyTorch prints modules.
class Net(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = torch.nn.Conv2d(1, 6, 5)
        self.pool = torch.nn.MaxPool2d(2, 2)
        self.conv2 = torch.nn.Conv2d(6, 16, 5)
        self.fc1 = torch.nn.Linear(16 * 16, 64)
        self.dropout = torch.nn.Dropout()
        self.fc2 = torch.nn.Linear(64, 10)


cases["repr"] = {
    "net": repr(Net()),
    "names": [n for n, _ in Net().named_parameters()],
    "sequential": repr(torch.nn.Sequential(torch.nn.Linear(4, 5), torch.nn.Sigmoid(), torch.nn.Linear(5, 3), torch.nn.Softmax(dim=1))),
    "seq_names": [n for n, _ in torch.nn.Sequential(torch.nn.Linear(4, 5), torch.nn.Sigmoid(), torch.nn.Linear(5, 3)).named_parameters()],
    "linear_nobias": repr(torch.nn.Linear(3, 2, bias=False)),
    "conv_stride": repr(torch.nn.Conv2d(3, 8, 3, stride=2, padding=1)),
    "tanh": repr(torch.nn.Tanh()), "relu": repr(torch.nn.ReLU()), "flatten": repr(torch.nn.Flatten()),
    "mse": repr(torch.nn.MSELoss()), "ce": repr(torch.nn.CrossEntropyLoss()), "bce": repr(torch.nn.BCELoss()),
    "dropout02": repr(torch.nn.Dropout(0.2)),
}

json.dump(cases, sys.stdout, indent=None, separators=(",", ":"))
sys.stdout.write("\n")
