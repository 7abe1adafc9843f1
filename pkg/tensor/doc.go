// Package tensor is Kosaku's n-dimensional array with reverse-mode automatic
// differentiation, written so that the PyTorch code of the lessons reads almost the same
// in Go and prints exactly what PyTorch 1.13 prints.
//
// # Storage
//
// A Tensor is eager, contiguous and row-major, with one typed Go slice as storage:
// Float32 (the default for float data, as in PyTorch), Float64, Int64, Int32 or Bool.
// There are no strided views: Slice, Index, T, Reshape and the other shape ops return new
// tensors, which keeps autograd simple. Raw storage is available without copying through
// Float32s, Float64s, Int64s, Int32s and Bools.
//
// # Operations
//
// Arithmetic (Add, Sub, Mul, Div and their Scalar forms) broadcasts like PyTorch and
// promotes dtypes by PyTorch's rules for the dtypes here (a 0-d tensor only decides the
// dtype when it is of a higher category, integer division gives float32). Float32 hot
// paths are typed loops with fast paths for equal shapes, scalars and row/column
// broadcasting. MatMul follows torch.matmul for 1-D, 2-D and 3-D operands and runs
// through gonum's BLAS: blas32.Implementation() for float32 and blas64 for float64, so a
// faster Sgemm can be installed with blas32.Use. Integer products use a plain loop.
//
// # Autograd
//
// RequiresGrad marks a leaf; every differentiable op records a grad_fn named as PyTorch
// 1.13 names it (AddBackward0, MmBackward0, SigmoidBackward0, ...). Backward walks the
// graph in topological order, sums gradients of tensors used more than once and
// accumulates into the leaves' Grad until ZeroGrad. NoGrad and SetGradEnabled switch
// recording off; Detach cuts a tensor from its graph. Other packages add fused ops (a
// convolution, cross-entropy, addmm) with Record. Unlike PyTorch the graph is not freed
// by Backward, so calling Backward twice on the same graph accumulates twice instead of
// raising an error. Grad mode is a package-level switch: drive autograd from one
// goroutine, as notebooks do.
//
// # Printing
//
// String reproduces str(tensor) of PyTorch 1.13 exactly: four digits of precision,
// integer / fixed / scientific mode chosen from the values (1.3333e-05), the dtype suffix
// for non-default dtypes, grad_fn=<...> or requires_grad=True, summarisation with "..."
// above 1000 elements, line wrapping at 80 columns and "Parameter containing:" for
// tensors marked with MarkParameter. testdata/gen_reference.py records PyTorch's output
// for the tests.
//
// # Errors
//
// Programmer errors (shapes that do not broadcast or multiply, a wrong dtype, Backward
// on a non-scalar without a gradient, an index out of range) panic with a message naming
// the op and the shapes, e.g. "tensor.Add: shapes [2 3] and [4] are not broadcastable".
//
// # Random numbers
//
// Uniform_, Normal_, Rand and Randn draw from a Generator (a seeded PCG) or, given nil,
// from the global one that ManualSeed reseeds. Sequences are reproducible but are not
// PyTorch's Mersenne Twister sequences.
package tensor
