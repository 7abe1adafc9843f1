#!/usr/bin/python3
"""PyTorch 1.13 reference for indexing, views and index assignment (views_test.go).

Run with Debian's python3-torch:  /usr/bin/python3 gen_views.py  (writes views.json).
Each case names a Go counterpart in views_test.go (applyView); it records the inputs, the
forward values, str(), grad_fn, and the gradients of the inputs for out.backward(gout).
Error cases record PyTorch's message, which Kosaku's panic must contain.
"""
import json
import os

import torch

from torchref import DT, record

torch.manual_seed(8)


def enc(t):
    return {"shape": list(t.shape), "dtype": DT[t.dtype],
            "data": [float(v) for v in t.detach().reshape(-1).tolist()],
            "requires_grad": bool(t.requires_grad and t.is_leaf)}


cases = []


def case(name, f, inputs, backward=True):
    c = {"name": name, "op": name, "args": {}, "inputs": [enc(x) for x in inputs]}
    cases.append(record(c, f(*inputs), inputs, enc, backward))


errors = []


def error(name, f):
    try:
        f()
    except RuntimeError as e:
        errors.append({"name": name, "message": str(e).split("\n")[0]})
        return
    raise AssertionError(name + " did not raise")


def rn(*shape):
    return torch.randn(*shape).requires_grad_()


# Chapter 3: the first rows of iris as float64, indexed as the chapter does.
iris = torch.tensor([[5.1, 3.5, 1.4, 0.2], [4.9, 3.0, 1.4, 0.2], [4.7, 3.2, 1.3, 0.2],
                     [4.6, 3.1, 1.5, 0.2], [5.0, 3.6, 1.4, 0.2]], dtype=torch.float64)
case("ch3_X0", lambda X: X[0], [iris])
case("ch3_X00", lambda X: X[0][0], [iris])
case("ch3_X13", lambda X: X[1:3], [iris])
case("ch3_X13_13", lambda X: X[1:3, 1:3], [iris])
case("ch3_X13_then_13", lambda X: X[1:3][1:3], [iris])
case("ch3_Xcol1", lambda X: X[:, 1], [iris])

# Indexing with gradients.
case("index0", lambda x: x[0], [rn(3, 4)])
case("index_neg", lambda x: x[-1], [rn(3, 4)])
case("slice_rows", lambda x: x[1:3], [rn(3, 4)])
case("slice_2d", lambda x: x[1:3, 1:3], [rn(3, 4)])
case("slice_slice", lambda x: x[1:3][1:3], [rn(3, 4)])
case("select_col", lambda x: x[:, 1], [rn(3, 4)])
case("select_1_2", lambda x: x.select(1, 2), [rn(3, 4)])
case("select_0_neg", lambda x: x.select(0, -1), [rn(3, 4)])
case("select_3d_last", lambda x: x.select(2, 1), [rn(2, 3, 4)])
case("row_then_slice", lambda x: x[1, 1:3], [rn(3, 4)])
case("slice_then_int", lambda x: x[1:3, 1], [rn(3, 4)])
case("all_all", lambda x: x[:, :], [rn(3, 4)])
case("int_int", lambda x: x[2, 3], [rn(3, 4)])


# Index assignment.
def ch6_loop(w, b, x):
    result = torch.zeros(len(x), len(w))
    for idx, item in enumerate(x):
        result[idx] = w @ item + b
    return result


w = torch.arange(1., 21.).reshape(5, 4).requires_grad_()
b = torch.arange(1., 6.).requires_grad_()
xs = torch.tensor([[1., 2., 3., 4.], [5., 6., 7., 8.]])
case("ch6_loop", ch6_loop, [w, b, xs])


def set_bcast(v):
    z = torch.zeros(2, 3)
    z[0] = 5
    z[:, 1] = v
    return z


case("set_bcast", set_bcast, [torch.tensor([7., 8.]).requires_grad_()])


def set_nonleaf(a, v):
    h = a * 2
    h[1:3] = v
    return h


case("set_nonleaf", set_nonleaf, [rn(4, 3), rn(2, 3)])


def set_bcast_cols(a, v):
    h = a * 1
    h[:, 1:3] = v
    return h


case("set_bcast_cols", set_bcast_cols, [rn(3, 4), rn(2)])


def set_float64_value(v):
    z = torch.zeros(2, 3)
    z[1] = v
    return z


case("set_cast_f64", set_float64_value, [torch.randn(3, dtype=torch.float64).requires_grad_()])


def set_int_target(v):
    z = torch.zeros(2, 3, dtype=torch.int64)
    z[1] = v
    return z


case("set_int_target", set_int_target, [torch.tensor([1.7, -2.7, 3.5])])


def set_scalar(a):
    h = a + 0
    h[1, 2] = 9.5
    return h


case("set_scalar", set_scalar, [rn(2, 3)])


def set_through_row(v):
    """Assign v to row[1:3] of row = r[1]; return r and row, which both see it."""
    r = torch.zeros(2, 5)
    row = r[1]
    row[1:3] = v
    return r, row


case("set_through_view", lambda v: set_through_row(v)[0], [rn(2)])
case("set_view_row", lambda v: set_through_row(v)[1], [rn(2)])


def fill_view(a):
    h = a * 1
    h[1].fill_(7)
    return h


case("fill_view", fill_view, [rn(2, 3)])


def reshape_write(a):
    h = a * 1
    h.reshape(6)[2:4] = torch.tensor([10., 20.])
    return h


case("reshape_write", reshape_write, [rn(2, 3)])

error("set_leaf", lambda: torch.zeros(3, requires_grad=True).fill_(1))
error("set_view_of_leaf", lambda: torch.zeros(2, 3, requires_grad=True).__setitem__(0, 1.0))

with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "views.json"), "w") as f:
    json.dump({"torch_version": torch.__version__, "cases": cases, "errors": errors}, f, indent=None, separators=(",", ":"))
    f.write("\n")
