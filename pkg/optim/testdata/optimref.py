"""What the optimiser reference generators of pkg/optim share (reference.py,
gen_zero_grad.py): the fitting problem, flattening, and chapter 5's setup."""
import torch


def problem(seed):
    """x [4, 3], y [4, 2] and the starting w [2, 3] and b [2], drawn in that order
    after torch.manual_seed(seed): the fit of x @ w.T + b to y by mean squared error."""
    torch.manual_seed(seed)
    return torch.randn(4, 3), torch.randn(4, 2), torch.randn(2, 3), torch.randn(2)


def mse(x, y, w, b=None):
    """The problem's loss; without b when b is None (b then gets no gradient)."""
    out = x @ w.T if b is None else x @ w.T + b
    return ((out - y) ** 2).mean()


def flat(t):
    return [float(v) for v in t.detach().reshape(-1).tolist()]


def chapter5():
    """Chapter 5's one-weight problem: w = [[1.95]], t = [[2.0]], x = [1.0], an
    MSELoss and SGD(lr=0.3). Returns w, t, x, the optimiser and the criterion."""
    w = torch.tensor([[1.95]], requires_grad=True)
    t = torch.tensor([[2.0]])
    x = torch.tensor([1.0])
    return w, t, x, torch.optim.SGD([w], lr=0.3), torch.nn.MSELoss()
