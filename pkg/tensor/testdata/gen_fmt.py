"""Reference strings for Python's % formatting of one-element tensors (fmt.json), which
the Go fmt verbs on *Tensor mirror. Run with Debian's PyTorch 1.13:
    /usr/bin/python3 pkg/tensor/testdata/gen_fmt.py
"""
import json
import os

import torch

cases = []


def add(name, spec, t):
    cases.append({"name": name, "spec": spec, "out": spec % t, "str": str(t)})


correct = (torch.tensor([1, 2, 0, 1]) == torch.tensor([1, 2, 1, 1])).sum()  # int64 0-d
add("sum_d", "%d", torch.tensor(108))
add("eq_sum_d", "%d", correct)
add("loss_4f", "%.4f", torch.tensor(0.0691015, dtype=torch.float32))
add("loss_e", "%.3e", torch.tensor(1.3333e-05))
add("item_f", "%f", torch.tensor([[2.5]]))
add("width_d", "%5d", torch.tensor([7]))
add("left_d", "%-5d|", torch.tensor([7]))
add("hex", "%x", torch.tensor(255))
add("int_f", "%.2f", torch.tensor(3))
add("int32_d", "%d", torch.tensor(-12, dtype=torch.int32))
add("f64_6f", "%.6f", torch.tensor(0.1, dtype=torch.float64))
add("float_integral_d", "%d", torch.tensor(2.0))
add("big_int_d", "%d", torch.tensor(9007199254740993))
add("plus_f", "%+.1f", torch.tensor(1.25))
add("s", "%s", torch.tensor([[1.95]]))

with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "fmt.json"), "w") as f:
    json.dump({"torch": torch.__version__, "cases": cases}, f, indent=1)
