"""Reference values for float32 sums over a dimension and int64 precision (numerics.json).
Inputs are made by a formula both sides compute exactly: x[i] = float32((i*7919 % 1000)/997 - 0.5).
Run with Debian's PyTorch 1.13:  /usr/bin/python3 pkg/tensor/testdata/gen_numerics.py
"""
import json
import os

import torch


def pattern(shape):
    n = 1
    for d in shape:
        n *= d
    vals = [((i * 7919) % 1000) / 997.0 - 0.5 for i in range(n)]
    return torch.tensor(vals, dtype=torch.float32).reshape(shape)


sums = []
x = torch.ones(1000000, 2) * 0.1
sums.append({"input": "ones_tenth", "shape": [1000000, 2], "dim": 0, "out": x.sum(0).tolist(),
             "bias_grad": None})
for shape, dim in [([100, 64], 0), ([1000, 3], 0), ([1000, 5], 0), ([300, 40], 0), ([50, 10, 7], 1),
                   ([7, 1000, 33], 1), ([20000, 9], 0), ([1000, 100], 0), ([3, 70000, 2], 1),
                   ([128, 1000], 1), ([64, 17], 1), ([4, 5000], 1)]:
    t = pattern(shape)
    sums.append({"input": "pattern", "shape": shape, "dim": dim, "out": t.sum(dim).reshape(-1).tolist()})

# The bias gradient of a Linear layer over a large batch goes through the same sum.
xb = torch.ones(1000000, 2) * 0.1
b = torch.zeros(2, requires_grad=True)
(xb + b).backward(torch.ones(1000000, 2) * 0.1)
bias = b.grad.tolist()

big = 2**53
ints = {
    "argmax": int(torch.tensor([big, big + 1]).argmax(0)),
    "max_values": torch.tensor([[big, big + 1], [big + 3, big + 2]]).max(1).values.tolist(),
    "max_indices": torch.tensor([[big, big + 1], [big + 3, big + 2]]).max(1).indices.tolist(),
    "maxall": int(torch.tensor([big + 1, big]).max()),
    "eq_bcast": (torch.tensor([[big], [big + 1]]) == torch.tensor([big + 1, big])).tolist(),
    "lt_bcast": (torch.tensor([[big], [big + 1]]) < torch.tensor([big + 1])).tolist(),
    "str": str(torch.tensor([9007199254740993])),
    "sum": int(torch.tensor([big, 1, 2]).sum()),
}
try:
    torch.tensor([2, 3]) ** -1
    negpow = None
except RuntimeError as e:
    negpow = str(e)
pows = {
    "negpow_error": negpow,
    "int_pow2": (torch.tensor([3, -4]) ** 2).tolist(),
    "int_pow_half": str(torch.tensor([4, 9]) ** 0.5),
    "int_pow_neg_half": str(torch.tensor([4, 16]) ** -0.5),
    "big_pow": (torch.tensor([3]) ** 39).tolist(),
    "float_pow_neg": str(torch.tensor([2.0, 4.0]) ** -1),
}

with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "numerics.json"), "w") as f:
    json.dump({"torch": torch.__version__, "sums": sums, "bias_grad": bias, "ints": ints, "pows": pows}, f)
