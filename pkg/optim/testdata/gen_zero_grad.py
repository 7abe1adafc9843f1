#!/usr/bin/python3
"""Reference trajectories of PyTorch 1.13's optimizer.zero_grad() for pkg/optim.

Run with Debian's python3 and python3-torch:

    /usr/bin/python3 pkg/optim/testdata/gen_zero_grad.py > pkg/optim/testdata/zero_grad.json

In 1.13, zero_grad() (set_to_none=False) fills every existing .grad with zeros in
place and leaves a parameter that never had a gradient at None. So a parameter that
is not used by the loss of some step still holds a zero gradient at that step, and
SGD with momentum (or Adam) updates it anyway: the momentum keeps moving it. With
set_to_none=True it would be skipped. Each case records, for every step, the
gradients right after zero_grad() (None or the values), the gradients after
backward() and the parameters after step().

Parameters: w [2, 3] and b [2] fitted by the mean squared error of x @ w.T + b
against y; b is left out of the loss on the steps in SKIP_B; c [2] is never used
(its .grad stays None and it never moves).
"""
import json
import sys

import torch

from optimref import chapter5 as chapter5_problem, flat, mse, problem

X, Y, W0, B0 = problem(1)
C0 = torch.randn(2)
STEPS = 6
SKIP_B = {1, 3, 4}

CASES = [
    ("SGD", dict(lr=0.1, momentum=0.9)),
    ("SGD", dict(lr=0.1)),
    ("Adam", dict(lr=0.1)),
]


def grads(params):
    return [None if p.grad is None else flat(p.grad) for p in params]


def run(name, kwargs, set_to_none):
    w = W0.clone().requires_grad_(True)
    b = B0.clone().requires_grad_(True)
    c = C0.clone().requires_grad_(True)
    params = [w, b, c]
    opt = getattr(torch.optim, name)(params, **kwargs)
    steps = []
    for i in range(STEPS):
        opt.zero_grad(set_to_none=set_to_none)
        zeroed = grads(params)
        loss = mse(X, Y, w, None if i in SKIP_B else b)
        loss.backward()
        after = grads(params)
        opt.step()
        steps.append(dict(zeroed=zeroed, grads=after, params=[flat(p) for p in params]))
    return steps


def chapter5():
    # Chapter 5 prints w.grad after optimizer.zero_grad().
    w, t, x, opt, crit = chapter5_problem()
    before = str(w.grad)
    loss = crit(w * x, t)
    loss.backward()
    grad = str(w.grad)
    opt.step()
    opt.zero_grad()
    return dict(before=before, grad=grad, zeroed=str(w.grad))


json.dump(dict(
    torch_version=torch.__version__,
    x=flat(X), y=flat(Y), shapes=[[2, 3], [2], [2]], initial=[flat(W0), flat(B0), flat(C0)],
    skip_b=sorted(SKIP_B),
    cases=[dict(optimizer=n, options=kw, set_to_none=s, steps=run(n, kw, s))
           for n, kw in CASES for s in (False, True)],
    chapter5=chapter5(),
), sys.stdout, separators=(",", ":"))
sys.stdout.write("\n")
