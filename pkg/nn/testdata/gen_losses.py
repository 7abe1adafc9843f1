#!/usr/bin/python3
"""Reference values of PyTorch 1.13's losses beyond the basics, for pkg/nn's tests:
MSELoss broadcasting (with its UserWarning) and CrossEntropyLoss with weight,
ignore_index, label_smoothing, probability targets, unbatched and spatial inputs.

Run with Debian's python3 and python3-torch:

    /usr/bin/python3 pkg/nn/testdata/gen_losses.py > pkg/nn/testdata/losses.json

Each case records its inputs, keyword arguments, the output, an upstream gradient
"gy", the gradients autograd gives for every float input (None where PyTorch gives
none), the output's grad_fn name and, for MSE, the warnings printed. Tensors are
{"shape", "data" (flat, row-major, float64), "dtype"}.
"""
import json
import math
import sys
import warnings

import torch
import torch.nn.functional as F

torch.manual_seed(2024)


def T(t):
    if t is None:
        return None
    t = t.detach()
    if t.dtype in (torch.int64, torch.int32):
        return {"shape": list(t.shape), "data": [int(v) for v in t.reshape(-1).tolist()], "dtype": "int64"}
    data = [float(v) for v in t.double().reshape(-1).tolist()]
    data = [None if math.isnan(v) else v for v in data]  # JSON has no NaN: null stands for it
    return {"shape": list(t.shape), "data": data, "dtype": str(t.dtype).replace("torch.", "")}


def run(inputs, fn, kwargs_repr):
    leaves = [x.detach().clone().requires_grad_(x.is_floating_point()) for x in inputs]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        out = fn(*leaves)
    gy = torch.randn(out.shape)
    out.backward(gy)
    return {
        "inputs": [T(x) for x in inputs], "kwargs": kwargs_repr, "out": T(out), "gy": T(gy),
        "grads": [T(x.grad) for x in leaves], "grad_fn": type(out.grad_fn).__name__,
        "warnings": [f"{w.category.__name__}: {w.message}" for w in caught],
    }


cases = {}

# MSELoss broadcasting: chapter 5's w @ x ([1]) against t ([1, 1]), then others.
mse = []
w = torch.tensor([[1.95]])
x = torch.tensor([1.0])
t = torch.tensor([[2.0]])
for red in ("mean", "sum", "none"):
    mse.append(run([w @ x, t], lambda a, b, red=red: F.mse_loss(a, b, reduction=red), {"reduction": red}))
for a_shape, b_shape in [((2, 1), (1, 3)), ((3,), (2, 1)), ((4, 3), (3,)), ((2, 1, 3), (4, 1))]:
    a, b = torch.randn(a_shape), torch.randn(b_shape)
    for red in ("mean", "sum", "none"):
        mse.append(run([a, b], lambda a, b, red=red: F.mse_loss(a, b, reduction=red), {"reduction": red}))
cases["mse_broadcast"] = mse

# CrossEntropyLoss: (input shape, target kind, kwargs). Target kinds: "index" (random
# classes), "index_ignored" (some entries equal to ignore_index, -100 unless given),
# "all_ignored", "prob" (softmax of random scores).
WEIGHT4 = torch.tensor([1.0, 2.0, 0.5, 1.5])
ce_specs = [
    ((5, 4), "index", {}),
    ((5, 4), "index", {"weight": WEIGHT4}),
    ((5, 4), "index_ignored", {}),
    ((5, 4), "index_ignored", {"ignore_index": 1}),
    ((5, 4), "index", {"label_smoothing": 0.1}),
    ((5, 4), "index_ignored", {"weight": WEIGHT4, "ignore_index": 2, "label_smoothing": 0.2}),
    ((5, 4), "index_ignored", {"weight": WEIGHT4}),
    ((5, 4), "all_ignored", {}),
    ((5, 4), "prob", {}),
    ((5, 4), "prob", {"weight": WEIGHT4}),
    ((5, 4), "prob", {"label_smoothing": 0.3}),
    ((5, 4), "prob", {"weight": WEIGHT4, "label_smoothing": 0.1}),
    ((4,), "index", {}),
    ((4,), "index", {"weight": WEIGHT4, "label_smoothing": 0.1}),
    ((4,), "prob", {"weight": WEIGHT4}),
    ((2, 4, 3, 2), "index", {}),
    ((2, 4, 3, 2), "index_ignored", {"weight": WEIGHT4, "label_smoothing": 0.15}),
    ((2, 4, 3), "prob", {"weight": WEIGHT4, "label_smoothing": 0.05}),
]
ce = []
for shape, kind, kw in ce_specs:
    x = torch.randn(shape)
    c = shape[0] if len(shape) == 1 else shape[1]
    tshape = () if len(shape) == 1 else (shape[0],) + tuple(shape[2:])
    ignore = kw.get("ignore_index", -100)
    if kind == "prob":
        cdim = 0 if len(shape) == 1 else 1
        target = torch.softmax(torch.randn(shape), cdim)
    else:
        target = torch.randint(0, c, tshape)
        if kind == "index_ignored":
            flat = target.reshape(-1)
            flat[::3] = ignore
        elif kind == "all_ignored":
            target.fill_(ignore)
    for red in ("mean", "sum", "none"):
        kwr = {k: (T(v) if torch.is_tensor(v) else v) for k, v in kw.items()}
        kwr["reduction"] = red
        rec = run([x, target], lambda a, b, kw=kw, red=red: F.cross_entropy(a, b, reduction=red, **kw), kwr)
        rec["kind"] = kind
        ce.append(rec)
cases["cross_entropy"] = ce

# Errors PyTorch raises, for the messages.
errors = {}
x = torch.randn(4, 3)
for name, fn in [
    ("prob_ignore_index", lambda: F.cross_entropy(x, torch.softmax(x, 1), ignore_index=1)),
    ("weight_shape", lambda: F.cross_entropy(x, torch.tensor([0, 1, 2, 0]), weight=torch.ones(4))),
    ("label_smoothing", lambda: F.cross_entropy(x, torch.tensor([0, 1, 2, 0]), label_smoothing=1.5)),
    ("target_bounds", lambda: F.cross_entropy(x, torch.tensor([0, 1, 3, 0]))),
    ("batch", lambda: F.cross_entropy(x, torch.tensor([0, 1]))),
    ("bce_shape", lambda: F.binary_cross_entropy(torch.tensor([0.5]), torch.tensor([[1.0]]))),
    ("mse_broadcast", lambda: F.mse_loss(torch.zeros(3), torch.zeros(2))),
]:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            fn()
        errors[name] = None
    except Exception as e:  # noqa: BLE001 - recording PyTorch's message
        errors[name] = f"{type(e).__name__}: {e}"
cases["errors"] = errors
cases["repr"] = repr(torch.nn.CrossEntropyLoss(weight=WEIGHT4, ignore_index=3, label_smoothing=0.1))
cases["torch_version"] = torch.__version__

json.dump(cases, sys.stdout, separators=(",", ":"))
sys.stdout.write("\n")
