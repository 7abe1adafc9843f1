#!/usr/bin/python3
"""PyTorch 1.13 references for Conv2d and MaxPool2d beyond the square float32 case:
non-square kernels, strides and paddings, dilation, float64, and module printing.

Run with Debian's python3 and python3-torch:

    /usr/bin/python3 pkg/nn/testdata/gen_conv_pool.py > pkg/nn/testdata/conv_pool.json

Each case records its inputs, the forward output, an upstream gradient "gy", the
gradients of every input, the grad_fn name, the geometry, and the dtype. Tensors are
{"shape", "data"} with data in float64 (exact for float32 values, and float64 cases
are computed in float64 throughout).
"""
import json

import torch
import torch.nn.functional as F

torch.manual_seed(2024)


def T(t):
    t = t.detach()
    return {"shape": list(t.shape), "data": [float(v) for v in t.double().reshape(-1).tolist()]}


def run(inputs, fn, dtype):
    leaves = [x.detach().clone().to(dtype).requires_grad_() if x is not None else None for x in inputs]
    out = fn(*leaves)
    gy = torch.randn(out.shape, dtype=dtype)
    out.backward(gy)
    return {
        "dtype": str(dtype).replace("torch.", ""),
        "inputs": [T(x) if x is not None else None for x in leaves],
        "out": T(out),
        "gy": T(gy),
        "grads": [T(x.grad) if x is not None else None for x in leaves],
        "grad_fn": type(out.grad_fn).__name__,
    }


def pair(v):
    return list(v) if isinstance(v, tuple) else [v, v]


cases = {"conv2d": [], "maxpool2d": [], "repr": []}

# Conv2d: input shape, out channels, kernel, stride, padding, dilation, bias.
for xs, oc, k, s, p, d, bias in [
    ((2, 2, 7, 8), 3, (3, 5), (2, 1), (1, 2), 1, True),
    ((2, 3, 9, 8), 2, (3, 2), (1, 2), (1, 0), (2, 3), False),
    ((1, 2, 6, 6), 2, 3, 1, 2, 2, True),
    ((2, 3, 7, 6), 4, 3, 2, 1, 1, True),
    ((3, 1, 5, 5), 2, 3, 1, 1, 1, False),
]:
    x = torch.randn(xs)
    kh, kw = pair(k)
    w = torch.randn(oc, xs[1], kh, kw)
    b = torch.randn(oc) if bias else None
    for dtype in (torch.float32, torch.float64):
        rec = run([x, w, b], lambda x, w, b: F.conv2d(x, w, b, stride=s, padding=p, dilation=d), dtype)
        rec["stride"], rec["padding"], rec["dilation"] = pair(s), pair(p), pair(d)
        cases["conv2d"].append(rec)

# MaxPool2d: input shape, kernel, stride (None: the kernel), padding, dilation.
for xs, k, s, p, d in [
    ((2, 2, 7, 9), (2, 3), (1, 2), (1, 1), 1),
    ((2, 2, 9, 8), (3, 2), (2, 1), (1, 1), (2, 3)),
    ((1, 2, 4, 4), 2, None, 1, 1),  # chapter 9's MaxPool2d(2, padding=1)
    ((2, 3, 6, 6), 2, None, 0, 1),  # the chapter 8 CNN's pooling
    ((3, 5, 5), 3, 2, 1, 2),  # unbatched
]:
    x = torch.randn(xs)
    for dtype in (torch.float32, torch.float64):
        rec = run([x], lambda x: F.max_pool2d(x, k, stride=s, padding=p, dilation=d), dtype)
        rec["kernel"], rec["stride"] = pair(k), pair(s if s is not None else k)
        rec["padding"], rec["dilation"] = pair(p), pair(d)
        cases["maxpool2d"].append(rec)

# How modules print; the Go test builds the same modules by name.
nn = torch.nn
for name, m in [
    ("chapter9 conv", nn.Conv2d(1, 2, 3, padding=1, bias=False)),
    ("chapter8 conv", nn.Conv2d(1, 6, 5)),
    ("non-square conv", nn.Conv2d(1, 2, (3, 5), stride=(2, 1), padding=(1, 2))),
    ("dilated conv", nn.Conv2d(2, 4, 3, dilation=2)),
    ("dilated pair conv", nn.Conv2d(2, 4, 3, stride=2, dilation=(2, 1), bias=False)),
    ("chapter9 pool", nn.MaxPool2d(2, padding=1)),
    ("chapter8 pool", nn.MaxPool2d(2, stride=2)),
    ("pair pool", nn.MaxPool2d((2, 3))),
    ("mixed pool", nn.MaxPool2d((2, 2), stride=(1, 2), padding=(1, 0), dilation=(1, 2))),
    ("int pool", nn.MaxPool2d(3, stride=1, padding=1, dilation=2)),
]:
    cases["repr"].append({"name": name, "repr": repr(m)})

# A small CNN made float64 with .double(), as nn.Double does: output and every
# parameter's gradient after backward(gy), parameters in named_parameters() order.
net = nn.Sequential(
    nn.Conv2d(1, 2, 3, padding=1, bias=False), nn.ReLU(), nn.MaxPool2d(2, padding=1),
    nn.Conv2d(2, 3, (3, 2), stride=(2, 1)), nn.Flatten(), nn.Linear(9, 2),
).double()
x = torch.randn(2, 1, 6, 6, dtype=torch.float64)
y = net(x)
gy = torch.randn(y.shape, dtype=torch.float64)
y.backward(gy)
cases["double_model"] = {
    "x": T(x), "out": T(y), "gy": T(gy), "grad_fn": type(y.grad_fn).__name__,
    "params": [{"name": n, "value": T(p), "grad": T(p.grad)} for n, p in net.named_parameters()],
}

print(json.dumps(cases))
