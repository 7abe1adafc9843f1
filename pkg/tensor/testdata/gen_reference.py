#!/usr/bin/python3
"""Generate PyTorch reference values for pkg/tensor's tests.

Run with Debian's python3-torch (1.13):  /usr/bin/python3 gen_reference.py
Writes reference.json next to this script. Each case holds its inputs (flat data, shape,
dtype, requires_grad), the op and its arguments, and PyTorch's results: forward values,
str() rendering, grad_fn name, and the gradients of every input for out.backward(gout).
The Go tests rebuild the inputs, apply the same op and compare.
"""
import json
import math
import os

import torch

from torchref import DT, record

torch.manual_seed(1234)


def enc_vals(t):
    out = []
    for v in t.detach().reshape(-1).tolist():
        if isinstance(v, bool):
            out.append(1.0 if v else 0.0)
        elif isinstance(v, float) and (math.isnan(v) or math.isinf(v)):
            out.append("nan" if math.isnan(v) else ("inf" if v > 0 else "-inf"))
        else:
            out.append(v)
    return out


def enc(t):
    return {"shape": list(t.shape), "dtype": DT[t.dtype], "data": enc_vals(t),
            "requires_grad": bool(t.requires_grad and t.is_leaf)}


cases = []


def case(name, op, inputs, args=None, backward=True):
    """Apply op to inputs (leaf tensors) and record everything PyTorch reports."""
    args = args or {}
    c = {"name": name, "op": op, "args": args, "inputs": [enc(x) for x in inputs]}
    cases.append(record(c, OPS[op](inputs, args), inputs, enc, backward))


OPS = {
    "add": lambda x, a: x[0] + x[1],
    "sub": lambda x, a: x[0] - x[1],
    "mul": lambda x, a: x[0] * x[1],
    "div": lambda x, a: x[0] / x[1],
    "add_scalar": lambda x, a: x[0] + a["v"],
    "sub_scalar": lambda x, a: x[0] - a["v"],
    "rsub_scalar": lambda x, a: a["v"] - x[0],
    "mul_scalar": lambda x, a: x[0] * a["v"],
    "div_scalar": lambda x, a: x[0] / a["v"],
    "pow": lambda x, a: x[0] ** a["p"],
    "neg": lambda x, a: -x[0],
    "exp": lambda x, a: x[0].exp(),
    "log": lambda x, a: x[0].log(),
    "sqrt": lambda x, a: x[0].sqrt(),
    "abs": lambda x, a: x[0].abs(),
    "sigmoid": lambda x, a: x[0].sigmoid(),
    "relu": lambda x, a: x[0].relu(),
    "tanh": lambda x, a: x[0].tanh(),
    "sum": lambda x, a: x[0].sum(),
    "sum_dim": lambda x, a: x[0].sum(a["dim"], keepdim=a["keepdim"]),
    "mean": lambda x, a: x[0].mean(),
    "mean_dim": lambda x, a: x[0].mean(a["dim"], keepdim=a["keepdim"]),
    "max_dim": lambda x, a: torch.max(x[0], a["dim"])[0],
    "max_dim_indices": lambda x, a: torch.max(x[0], a["dim"])[1],
    "argmax": lambda x, a: x[0].argmax(a["dim"]),
    "max_all": lambda x, a: x[0].max(),
    "matmul": lambda x, a: x[0] @ x[1],
    "reshape": lambda x, a: x[0].reshape(*a["shape"]),
    "view": lambda x, a: x[0].view(*a["shape"]),
    "t": lambda x, a: x[0].T,
    "transpose": lambda x, a: x[0].transpose(a["d0"], a["d1"]),
    "unsqueeze": lambda x, a: x[0].unsqueeze(a["dim"]),
    "squeeze": lambda x, a: x[0].squeeze(),
    "squeeze_dim": lambda x, a: x[0].squeeze(a["dim"]),
    "flatten": lambda x, a: x[0].flatten(a["dim"]),
    "cat": lambda x, a: torch.cat(x, a["dim"]),
    "stack": lambda x, a: torch.stack(x, a["dim"]),
    "index": lambda x, a: x[0][a["i"]],
    "slice": lambda x, a: x[0][tuple(slice(s, e) for s, e in a["ranges"])],
    "eq": lambda x, a: x[0] == x[1],
    "lt": lambda x, a: x[0] < x[1],
    "ge_scalar": lambda x, a: x[0] >= a["v"],
    "to": lambda x, a: x[0].to({v: k for k, v in DT.items()}[a["dtype"]]),
    "identity": lambda x, a: x[0],
    "arange": lambda x, a: torch.arange(a["start"], a["end"], a["step"]),
    "arange_int": lambda x, a: torch.arange(a["start"], a["end"]),
    "chain": lambda x, a: ((x[0] @ x[1] + x[2]).sigmoid() - 0.5).pow(2).mean(),
}


def rn(*shape, rg=True, dtype=torch.float32):
    t = torch.randn(shape, dtype=dtype)
    return t.requires_grad_(rg)


def pos(*shape, dtype=torch.float32):
    return (torch.rand(shape, dtype=dtype) + 0.5).requires_grad_(True)


# Arithmetic with broadcasting, float32 and float64.
for dt in (torch.float32, torch.float64):
    s = DT[dt]
    for op in ("add", "sub", "mul", "div"):
        case(f"{op}_same_{s}", op, [rn(2, 3, dtype=dt), pos(2, 3, dtype=dt)])
        case(f"{op}_row_{s}", op, [rn(4, 3, dtype=dt), pos(3, dtype=dt)])
        case(f"{op}_col_{s}", op, [rn(4, 1, dtype=dt), pos(1, 3, dtype=dt)])
        case(f"{op}_scalar0d_{s}", op, [rn(2, 3, dtype=dt), pos(dtype=dt)])
        case(f"{op}_3d_{s}", op, [rn(2, 1, 4, dtype=dt), pos(3, 1, dtype=dt)])
    for op, v in (("add_scalar", 0.5), ("sub_scalar", 2.0), ("rsub_scalar", 1.0),
                  ("mul_scalar", -3.0), ("div_scalar", 4.0)):
        case(f"{op}_{s}", op, [rn(2, 3, dtype=dt)], {"v": v})
    for p in (2.0, 3.0, 0.5, -1.0):
        case(f"pow_{p}_{s}", "pow", [pos(2, 3, dtype=dt)], {"p": p})
    for op in ("neg", "exp", "tanh", "sigmoid", "relu", "abs"):
        case(f"{op}_{s}", op, [rn(3, 4, dtype=dt)])
    for op in ("log", "sqrt"):
        case(f"{op}_{s}", op, [pos(3, 4, dtype=dt)])
    case(f"sum_{s}", "sum", [rn(3, 4, dtype=dt)])
    case(f"mean_{s}", "mean", [rn(3, 4, dtype=dt)])
    for d in (0, 1, -1):
        for k in (False, True):
            case(f"sum_dim{d}_k{k}_{s}", "sum_dim", [rn(3, 4, 2, dtype=dt)], {"dim": d, "keepdim": k})
            case(f"mean_dim{d}_k{k}_{s}", "mean_dim", [rn(3, 4, dtype=dt)], {"dim": d, "keepdim": k})
    case(f"max_dim1_{s}", "max_dim", [rn(4, 5, dtype=dt)], {"dim": 1})
    case(f"max_dim0_{s}", "max_dim", [rn(4, 5, dtype=dt)], {"dim": 0})
    case(f"max_all_{s}", "max_all", [rn(4, 5, dtype=dt)])
    case(f"matmul_mm_{s}", "matmul", [rn(3, 4, dtype=dt), rn(4, 5, dtype=dt)])
    case(f"matmul_mv_{s}", "matmul", [rn(3, 4, dtype=dt), rn(4, dtype=dt)])
    case(f"matmul_vm_{s}", "matmul", [rn(4, dtype=dt), rn(4, 5, dtype=dt)])
    case(f"matmul_dot_{s}", "matmul", [rn(4, dtype=dt), rn(4, dtype=dt)])
    case(f"matmul_bmm_{s}", "matmul", [rn(2, 3, 4, dtype=dt), rn(2, 4, 5, dtype=dt)])
    case(f"matmul_3d2d_{s}", "matmul", [rn(2, 3, 4, dtype=dt), rn(4, 5, dtype=dt)])
    case(f"matmul_2d3d_{s}", "matmul", [rn(3, 4, dtype=dt), rn(2, 4, 5, dtype=dt)])
    case(f"matmul_3d1d_{s}", "matmul", [rn(2, 3, 4, dtype=dt), rn(4, dtype=dt)])

case("max_dim_indices", "max_dim_indices", [rn(4, 5)], {"dim": 1})
case("argmax", "argmax", [rn(4, 5)], {"dim": 0})
ties = [[1.0, 3.0, 3.0], [2.0, 2.0, 1.0]]
case("max_ties_indices", "max_dim_indices", [torch.tensor(ties)], {"dim": 1})
case("argmax_ties", "argmax", [torch.tensor(ties)], {"dim": 1})
case("max_ties_grad", "max_dim", [torch.tensor(ties, requires_grad=True)], {"dim": 1})
case("max_all_ties_grad", "max_all", [torch.tensor(ties, requires_grad=True)])
case("relu_at_zero_grad", "relu", [torch.tensor([-1.0, 0.0, 2.0], requires_grad=True)])
case("abs_at_zero_grad", "abs", [torch.tensor([-1.0, 0.0, 2.0], requires_grad=True)])
case("pow_at_zero_grad", "pow", [torch.tensor([0.0, 1.0, 2.0], requires_grad=True)], {"p": 2.0})
case("sqrt_of_zero", "sqrt", [torch.tensor([0.0, 4.0])])
case("log_of_zero", "log", [torch.tensor([0.0, 1.0])])
case("reshape", "reshape", [rn(2, 6)], {"shape": [3, -1]})
case("view", "view", [rn(2, 6)], {"shape": [4, 3]})
case("t", "t", [rn(2, 3)])
case("transpose", "transpose", [rn(2, 3, 4)], {"d0": 0, "d1": 2})
case("unsqueeze", "unsqueeze", [rn(2, 3)], {"dim": 1})
case("unsqueeze_neg", "unsqueeze", [rn(2, 3)], {"dim": -1})
case("squeeze", "squeeze", [rn(1, 3, 1)])
case("squeeze_dim", "squeeze_dim", [rn(1, 3, 1)], {"dim": 2})
case("flatten", "flatten", [rn(2, 3, 4)], {"dim": 1})
case("cat0", "cat", [rn(2, 3), rn(1, 3)], {"dim": 0})
case("cat1", "cat", [rn(2, 3), rn(2, 2)], {"dim": 1})
case("cat_neg", "cat", [rn(2, 2, 3), rn(2, 2, 1)], {"dim": -1})
case("stack0", "stack", [rn(2, 3), rn(2, 3)], {"dim": 0})
case("stack1", "stack", [rn(2, 3), rn(2, 3), rn(2, 3)], {"dim": 1})
case("index", "index", [rn(3, 4)], {"i": 1})
case("index_neg", "index", [rn(3, 4)], {"i": -1})
case("slice_rows", "slice", [rn(5, 4)], {"ranges": [[1, 3]]})
case("slice_2d", "slice", [rn(5, 4)], {"ranges": [[1, 3], [1, 3]]})
case("slice_clamp", "slice", [rn(5, 4)], {"ranges": [[3, 100], [-2, 4]]})
case("to_double", "to", [rn(2, 3)], {"dtype": "float64"})
case("to_float", "to", [rn(2, 3, dtype=torch.float64)], {"dtype": "float32"})
case("to_int_trunc", "to", [torch.tensor([1.7, -1.7, 2.5, -0.2])], {"dtype": "int32"})
case("to_long", "to", [torch.tensor([[0.9, 3.99], [-2.5, 7.0]])], {"dtype": "int64"})
case("to_bool", "to", [torch.tensor([0.0, 2.0, -1.0])], {"dtype": "bool"})
case("chain_linear", "chain", [rn(5, 3), rn(3, 2), rn(2)])
case("eq", "eq", [torch.tensor([1, 2, 3, 4]), torch.tensor([1, 0, 3, 0])])
case("lt_bcast", "lt", [torch.tensor([[1.0], [2.0]]), torch.tensor([0.5, 1.5, 2.5])])
case("ge_scalar", "ge_scalar", [torch.tensor([0.2, 0.5, 0.7])], {"v": 0.5})
case("int_matmul", "matmul", [torch.tensor([[1, 2, 3], [4, 5, 6]]), torch.tensor([[1, 4], [2, 5], [3, 6]])])
case("int_add", "add", [torch.tensor([1, 2, 3]), torch.tensor([10, 20, 30])])
case("int32_sum", "sum", [torch.tensor([1, 2, 3], dtype=torch.int32)])
case("bool_sum", "sum", [torch.tensor([True, False, True])])
case("int_div", "div", [torch.tensor([1, 2, 3]), torch.tensor([2, 2, 2])])
case("int_add_scalar", "add_scalar", [torch.tensor([1, 2, 3])], {"v": 1})
case("int_add_halfscalar", "add_scalar", [torch.tensor([1, 2, 3])], {"v": 0.5})
case("int32_float_add", "add", [torch.tensor([1, 2], dtype=torch.int32), torch.tensor([0.5, 0.25])])
case("int_float64_0d", "add", [torch.tensor([1, 2]), torch.tensor(1.5, dtype=torch.float64)])
case("f32_f64_0d", "add", [torch.tensor([1.0, 2.0]), torch.tensor(1.5, dtype=torch.float64)])
case("f32_f64", "add", [torch.tensor([1.0, 2.0]), torch.tensor([1.5, 2], dtype=torch.float64)])

# Printing: values chosen to hit every formatter branch.
P = [
    torch.tensor(0.0025), torch.tensor(108), torch.tensor(2.0), torch.tensor(1.3333e-05),
    torch.tensor([[0.5395], [0.5385]]), torch.tensor([1.0, 2.0, 3.0]),
    torch.tensor([1.0, 2000.0]), torch.tensor([1.0, 1e9]), torch.tensor([0.5, 1e-5]),
    torch.tensor([1.5, 1e5]), torch.tensor([123456.75, -0.5]), torch.tensor([0.0, 0.0]),
    torch.tensor([0.0, 1.5, -2.25]), torch.tensor([-1.0, 0.0, 1.0]),
    torch.tensor([float("nan"), 1.0]), torch.tensor([float("inf"), -float("inf"), 0.5]),
    torch.tensor([float("nan"), 1.5, 1e-7]), torch.tensor([1.0, 2.0], dtype=torch.float64),
    torch.tensor([[1, 2], [3, -40]]), torch.tensor([1, 2], dtype=torch.int32),
    torch.tensor([True, False]), torch.tensor([[True], [False]]),
    torch.tensor([31, 72, 113, 154, 195]), torch.tensor([[14, 32], [32, 77]]),
    torch.zeros(0), torch.zeros(0, 3), torch.zeros(0, dtype=torch.int64),
    torch.zeros(0, dtype=torch.float64),
    torch.arange(1, 21), torch.arange(0, 30, dtype=torch.float32) / 7,
    torch.arange(1001), torch.arange(2000.0).reshape(40, 50) / 3,
    torch.arange(24.0).reshape(2, 3, 4), torch.arange(120).reshape(2, 3, 4, 5),
    torch.arange(3000).reshape(10, 10, 30), torch.randn(8, 200),
    torch.randn(4, 7), torch.randn(3, 30), torch.randn(2, 2, dtype=torch.float64) * 1e-6,
    torch.tensor(1.95, requires_grad=True), torch.tensor([[1.95]], requires_grad=True),
    torch.randn(20, requires_grad=True), torch.tensor([1, 2, 3], dtype=torch.int32).reshape(3, 1),
    torch.tensor([1e-4, 1.0]), torch.tensor([9.99995e-5, 1.0]), torch.tensor([1e8, 1.0]),
    torch.tensor([100000000.0, 2.0]), torch.tensor([1000.0, 1.0]), torch.tensor([1001.0, 1.0]),
    torch.tensor([2.5, 3.5, -0.5]), torch.tensor([0.00005, 0.5]), torch.tensor(-0.0),
    torch.full((2, 1), 1), torch.tensor([1.0, 2.0], dtype=torch.float64, requires_grad=True),
]
for i, t in enumerate(P):
    case(f"print_{i}", "identity", [t], backward=False)

# Randomised printing cases: ranks 0-4, sizes around the summarisation threshold, scales
# from 1e-9 to 1e10, integral floats, zeros, non-finite values and every dtype.
g = torch.Generator().manual_seed(99)


def ri(lo, hi):
    return int(torch.randint(lo, hi, (1,), generator=g))


for i in range(150):
    rank = ri(0, 5)
    shape = [ri(1, 8) for _ in range(rank)]
    if ri(0, 6) == 0 and rank > 0:
        shape[0] = ri(30, 60)
    if ri(0, 8) == 0 and rank >= 2:
        shape[-1] = ri(100, 300)
    kind = ri(0, 7)
    if kind <= 3:
        scale = 10.0 ** (ri(-90, 100) / 10)
        t = torch.randn(shape, generator=g) * scale
        if kind == 1:
            t = t.round()
        if kind == 2 and t.numel() > 2:
            t.view(-1)[ri(0, t.numel())] = 0.0
        if kind == 3 and t.numel() > 2:
            t.view(-1)[ri(0, t.numel())] = [float("nan"), float("inf"), -float("inf")][ri(0, 3)]
        if ri(0, 3) == 0:
            t = t.double()
        if ri(0, 4) == 0:
            t.requires_grad_(True)
    elif kind == 4:
        t = torch.randint(-10 ** ri(0, 7), 10 ** ri(0, 7) + 1, shape, generator=g)
    elif kind == 5:
        t = torch.randint(-100, 100, shape, generator=g).int()
    else:
        t = torch.randint(0, 2, shape, generator=g).bool()
    case(f"print_random_{i}", "identity", [t], backward=False)

for start, end, step in ((1.9, 2.1, 0.005), (0.0, 1.0, 0.1), (0.0, 0.3, 0.1), (-1.0, 1.0, 0.25), (5.0, 0.0, -0.5)):
    case(f"arange_{start}_{end}_{step}", "arange", [], {"start": start, "end": end, "step": step})
case("arange_int", "arange_int", [], {"start": 1, "end": 21})

# Suffix wrapping: dtype=, grad_fn= and requires_grad= move to a new line when the last
# line would pass 80 columns.
for cols in range(1, 10):
    case(f"print_wrap_f64_{cols}", "identity", [torch.randn(2, cols, dtype=torch.float64, generator=g).requires_grad_(True)], backward=False)
    case(f"print_wrap_grad_fn_{cols}", "mul_scalar", [torch.randn(2, cols, generator=g).requires_grad_(True)], {"v": 2.0}, backward=False)
    case(f"print_wrap_i32_{cols}", "identity", [torch.randint(-10**6, 10**6, (2, cols), generator=g).int()], backward=False)

params = [torch.nn.Parameter(torch.tensor([[0.25, -0.5]])),
          torch.nn.Parameter(torch.randn(3, 2)),
          torch.nn.Parameter(torch.tensor([1.0, 2.0], dtype=torch.float64))]
for i, p in enumerate(params):
    cases.append({"name": f"param_{i}", "op": "parameter", "args": {},
                  "inputs": [enc(p.detach())], "out": enc(p.detach()), "str": str(p),
                  "grad_fn": ""})

path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "reference.json")
with open(path, "w") as f:
    json.dump({"torch_version": torch.__version__, "cases": cases}, f, separators=(",", ":"))
print(f"wrote {len(cases)} cases to {path}")
