#!/usr/bin/python3
"""PyTorch 1.13 references for torch.matmul with broadcast batch dims (operands of
more than 3 dims, 1-D operands against N-d ones) for pkg/tensor's MatMul tests.

    /usr/bin/python3 pkg/tensor/testdata/gen_matmul.py > pkg/tensor/testdata/matmul.json

Each case: the operands, the product, an upstream gradient, both operands'
gradients and str(y.grad_fn)'s class name, all in float64 (and a float32 case or
two, stored exactly as float64 numbers).
"""
import json

import torch

torch.manual_seed(88)


def T(t):
    t = t.detach()
    return {"shape": list(t.shape), "data": [float(v) for v in t.double().reshape(-1).tolist()]}


cases = []
for sa, sb, dtype in [
    ((2, 1, 3, 4), (5, 4, 2), torch.float64),
    ((2, 1, 3, 4), (1, 5, 4, 2), torch.float64),
    ((2, 3, 4), (3, 1, 4, 5), torch.float64),
    ((2, 2, 3, 4), (2, 2, 4, 5), torch.float64),
    ((2, 3, 3, 4), (4, 2), torch.float64),  # b one matrix: folded
    ((2, 3, 3, 4), (4,), torch.float64),
    ((4,), (2, 1, 4, 5), torch.float64),
    ((3, 4), (2, 1, 4, 5), torch.float64),
    ((1, 3, 4), (2, 2, 4, 5), torch.float64),
    ((2, 1, 2, 3, 4), (3, 1, 4, 2), torch.float64),
    ((4,), (2, 4, 5), torch.float64),  # 3-D path
    ((3, 4), (2, 4, 5), torch.float64),
    ((2, 1, 3, 4), (5, 4, 2), torch.float32),
    ((2, 3, 3, 4), (4, 2), torch.float32),
]:
    a = torch.randn(sa, dtype=dtype, requires_grad=True)
    b = torch.randn(sb, dtype=dtype, requires_grad=True)
    y = a @ b
    gy = torch.randn(y.shape, dtype=dtype)
    y.backward(gy)
    cases.append({
        "dtype": str(dtype).replace("torch.", ""),
        "a": T(a), "b": T(b), "out": T(y), "gy": T(gy),
        "ga": T(a.grad), "gb": T(b.grad),
        "grad_fn": type(y.grad_fn).__name__,
    })

errors = []
for sa, sb in [((2, 3, 4), (3, 4, 5)), ((2, 2, 3, 4), (3, 4, 5)), ((2, 1, 3, 4), (5, 3, 2))]:
    try:
        torch.zeros(sa) @ torch.zeros(sb)
    except RuntimeError as e:
        errors.append({"a": list(sa), "b": list(sb), "torch": str(e)})

print(json.dumps({"cases": cases, "errors": errors}))
