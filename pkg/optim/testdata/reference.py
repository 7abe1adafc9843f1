#!/usr/bin/python3
"""Reference trajectories of torch.optim.SGD and torch.optim.Adam (PyTorch 1.13).

Run with Debian's python3 and python3-torch:

    /usr/bin/python3 pkg/optim/testdata/reference.py > pkg/optim/testdata/reference.json

Problem: two float32 parameters, w [2, 3] and b [2], fitted by the mean squared error
of x @ w.T + b against y for fixed x [4, 3] and y [4, 2]. Each case runs several
optimiser steps and records, for every step, the gradients the optimiser saw and the
parameters after the step. The Go tests feed the recorded gradients to pkg/optim and
compare the parameters, so they test the optimiser alone, not autograd.

In some cases b gets no gradient on some steps (its .grad is None): PyTorch then skips
b entirely (no update, no momentum-buffer change, no Adam step count change).
"""
import json
import sys

import torch

from optimref import chapter5 as chapter5_problem, flat, mse, problem

X, Y, W0, B0 = problem(0)
STEPS = 6

SGD_CASES = [
    dict(lr=0.1),
    dict(lr=0.1, momentum=0.9),
    dict(lr=0.1, momentum=0.9, dampening=0.5),
    dict(lr=0.1, momentum=0.9, nesterov=True),
    dict(lr=0.1, weight_decay=0.01),
    dict(lr=0.05, momentum=0.9, weight_decay=0.01, nesterov=True),
    dict(lr=0.2, momentum=0.5, dampening=0.1, weight_decay=0.1),
    dict(lr=0.3),  # chapter 5's learning rate
]
ADAM_CASES = [
    dict(),  # defaults: lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0
    dict(lr=0.1, betas=(0.8, 0.9), eps=1e-6),
    dict(lr=0.01, weight_decay=0.1),
    dict(lr=0.05, betas=(0.5, 0.6), eps=1e-3, weight_decay=0.01),
    dict(lr=0.01, amsgrad=True),
    dict(lr=0.05, betas=(0.9, 0.99), weight_decay=0.05, amsgrad=True),
]
# Steps (0-based) on which b gets no gradient, for the "skip" variants.
SKIP_B = {2, 3}


def run(opt_cls, kwargs, skip):
    w = W0.clone().requires_grad_(True)
    b = B0.clone().requires_grad_(True)
    opt = opt_cls([w, b], **kwargs)
    steps = []
    for i in range(STEPS):
        opt.zero_grad(set_to_none=True)
        loss = mse(X, Y, w, None if skip and i in SKIP_B else b)
        loss.backward()
        grads = [None if p.grad is None else flat(p.grad) for p in (w, b)]
        opt.step()
        steps.append(dict(grads=grads, params=[flat(w), flat(b)]))
    return steps


def cases(name, opt_cls, table):
    out = []
    for kwargs in table:
        for skip in (False, True):
            out.append(dict(optimizer=name, options=kwargs, skip_b=skip,
                            steps=run(opt_cls, kwargs, skip)))
    return out


def chapter5():
    # Chapter 5: w = [[1.95]], t = [[2.0]], x = [1.0], MSE, SGD(lr=0.3), two steps.
    w, t, x, opt, crit = chapter5_problem()
    rec = []
    for _ in range(2):
        opt.zero_grad()
        loss = crit(w * x, t)
        loss.backward()
        g = float(w.grad.item())
        opt.step()
        rec.append(dict(grad=g, w=float(w.item())))
    return rec


json.dump(dict(
    torch_version=torch.__version__,
    shapes=[[2, 3], [2]],
    initial=[flat(W0), flat(B0)],
    cases=cases("SGD", torch.optim.SGD, SGD_CASES) + cases("Adam", torch.optim.Adam, ADAM_CASES),
    chapter5=chapter5(),
), sys.stdout, separators=(",", ":"))
sys.stdout.write("\n")
