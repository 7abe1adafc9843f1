"""What the case generators gen_reference.py and gen_views.py share: PyTorch's dtype
names and the record of one case's results."""
import torch

DT = {torch.float32: "float32", torch.float64: "float64", torch.int64: "int64",
      torch.int32: "int32", torch.bool: "bool"}


def record(c, out, inputs, enc, backward=True):
    """Add to case c what PyTorch reports for out computed from the leaf tensors
    inputs: its values (encoded by enc), str(), grad_fn, and, with backward, a random
    gout and the gradients of the inputs for out.backward(gout)."""
    c["out"] = enc(out)
    c["str"] = str(out)
    # CopySlices is a C++ node named torch::autograd::CopySlices; str() prints CopySlices.
    c["grad_fn"] = out.grad_fn.name().replace("torch::autograd::", "") if out.grad_fn is not None else ""
    if backward and out.grad_fn is not None:
        gout = torch.randn(out.shape, dtype=out.dtype)
        out.backward(gout)
        c["gout"] = enc(gout)
        c["grads"] = [enc(x.grad) if x.grad is not None else None for x in inputs]
    return c
