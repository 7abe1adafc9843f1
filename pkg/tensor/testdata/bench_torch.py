#!/usr/bin/python3
"""PyTorch CPU timings for the shapes of bench_test.go, to state Go/PyTorch ratios.

Run right before `go test -run XXX -bench . ./pkg/tensor` on the same machine:
    /usr/bin/python3 pkg/tensor/testdata/bench_torch.py
"""
import timeit

import torch

torch.set_num_threads(2)
for m, k, n in [(112, 4, 5), (20, 784, 64), (20, 256, 64)]:
    a, b = torch.randn(m, k), torch.randn(k, n)
    num = 2000 if k < 300 else 500
    t = min(timeit.repeat(lambda: a @ b, number=num, repeat=3)) / num
    print(f"MatMul {m}x{k}@{k}x{n}: {t * 1e6:.1f} us/op  {2 * m * n * k / t / 1e9:.2f} GFLOP/s")
x, h, r, c = torch.randn(20, 784), torch.randn(20, 64), torch.randn(64), torch.randn(20, 1)
for name, f, nel in [
    ("Add_same_20x784", lambda: x + x, 20 * 784),
    ("Add_row_20x64+64", lambda: h + r, 20 * 64),
    ("Mul_col_20x64*20x1", lambda: h * c, 20 * 64),
    ("Sub_outer_20x1-64", lambda: c - r, 20 * 64),
    ("MulScalar_20x784", lambda: x * 0.5, 20 * 784),
    ("Sigmoid_20x64", lambda: h.sigmoid(), 20 * 64),
    ("ReLU_20x784", lambda: x.relu(), 20 * 784),
    ("SumDim0_20x784", lambda: x.sum(0), 20 * 784),
    ("SumDim1_20x784", lambda: x.sum(1), 20 * 784),
]:
    t = min(timeit.repeat(f, number=5000, repeat=3)) / 5000
    print(f"{name}: {t * 1e6:.2f} us/op  {nel / t / 1e9:.3f} GFLOP/s")
