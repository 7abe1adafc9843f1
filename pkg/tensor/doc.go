// Package tensor is Kosaku's n-dimensional array with reverse-mode automatic
// differentiation, written so that the PyTorch code of the lessons reads almost the same
// in Go and prints exactly what PyTorch 1.13 prints.
//
// # Storage
//
// A Tensor is eager, contiguous and row-major, with one typed Go slice as storage:
// Float32 (the default for float data, as in PyTorch), Float64, Int64, Int32 or Bool.
// Raw storage is available without copying through Float32s, Float64s, Int64s, Int32s
// and Bools, or Data[T] in code generic over dtypes; Shape copies the shape, DimSize
// and SameShape read it without copying.
//
// # Views and copies
//
// Where PyTorch returns a view and the result is one contiguous block of the tensor's
// storage, Kosaku returns a view too: a Go subslice of the same storage, so a write through
// either is seen by both, as in PyTorch. Views: Index (x[i]), Rows, Slice and Select when
// only dim 0 is cut (x[1:3], X[1:3][1:3], x[2, 1:3]), Reshape, View, Flatten, Squeeze and
// Unsqueeze. IsView and Base (PyTorch's x._base) tell them apart.
//
// Kosaku differs from PyTorch on purpose for ops whose result would not be contiguous:
// T, Transpose, Permute, and Slice or Select that cut an inner dim (X[1:3, 1:3], x[:, 1])
// return copies, which keeps every tensor contiguous and the kernels simple. So that a
// write into such a copy never silently does nothing, every in-place write into one
// (Fill_, Zero_, CopyFrom, Uniform_, Normal_, SetIndex, SetSlice) panics, naming the op that
// copied and the index assignment to use instead; Clone() gives an independent tensor.
//
// # Index assignment
//
// x[i] = v is x.SetIndex(i, v) and x[1:3, 0] = v is x.SetSlice(v, R(1, 3), I(0)) (the
// value comes first because the indices are variadic). v is a *Tensor or a Go number; it is
// broadcast to the indexed region and cast to x's dtype, as PyTorch does. Under grad mode
// the write is recorded as PyTorch records it: x's grad_fn becomes CopySlices, the
// gradient of the written elements goes to v and the rest to x's previous history, and a
// view written into gets AsStridedBackward0. Writing into a leaf that requires grad, or a
// view of one, panics with PyTorch's message; do it inside NoGrad, as optimisers do.
// Unlike PyTorch, Kosaku keeps no version counters: writing into a tensor that an earlier
// op saved for its backward (y := x.Mul(x), then x.SetIndex(0, v), then y's Backward)
// gives gradients computed from the new values instead of raising an error, and other
// views of the written tensor keep their old grad_fn. Index the rows of a result that
// is being filled in, not tensors already used in the graph.
//
// # Creating tensors
//
// New is torch.tensor: it takes a Go number, bool or nested slices and gives the dtype
// PyTorch gives the same Python literal. Go floats (float64 included) make Float32,
// PyTorch's default dtype, so New([][]float64{{1.95}}) prints tensor([[1.9500]]); Go
// integers make Int64 (int32 makes Int32); bools make Bool. A dtype argument chooses
// another one exactly: New([]float64{0.1}, Float64). This is the one place where Kosaku
// reads a Go float64 as float32 on purpose: a Go reader's float literals are float64,
// where a Python reader's literals are plain floats that torch.tensor makes float32.
// FromSlice (torch.from_numpy) and FromRows keep the Go slice's type, so data that is
// float64 in PyTorch (iris from NumPy) stays Float64.
//
// The other creation functions share one convention: the shape is the trailing ...int
// and the dtype is Float32; each has an ...Of variant taking the dtype first
// (Example_creation runs every line):
//
//	Zeros(2, 3)                ZerosOf(Int64, 2, 3)
//	Ones(2, 3)                 OnesOf(Bool, 2, 3)
//	Empty(2, 3)                EmptyOf(Float64, 2, 3)
//	Full(0.5, 2, 3)            FullOf(Int64, 1, 2, 1)   // torch.full((2, 1), 1)
//	Arange(0, 1, 0.25)         ArangeOf(Float64, 0, 1, 0.25); ArangeInt(1, 21) for torch.arange(1, 21)
//	Linspace(1.9, 2.1, 41)     LinspaceOf(Float64, 1.9, 2.1, 41)
//	Rand(g, 2, 3), Randn(g, 2, 3)   RandOf(Float64, g, 2, 3), RandnOf(Float64, g, 2, 3)
//
// Arange and Linspace compute their values in PyTorch's order (its vectorised CPU fill),
// so they print and compare exactly as torch.arange and torch.linspace do up to 32768
// elements; longer ranges, which PyTorch splits across threads, may differ in the last bit.
//
// # Operations
//
// Arithmetic (Add, Sub, Mul, Div and their Scalar forms) broadcasts like PyTorch and
// promotes dtypes by PyTorch's rules for the dtypes here (a 0-d tensor only decides the
// dtype when it is of a higher category, integer division gives float32). Float32 hot
// paths are typed loops with fast paths for equal shapes, scalars and row/column
// broadcasting. MatMul follows torch.matmul for operands of any number of dims: batch
// dims (all but the last two) broadcast ([2, 1, 3, 4] @ [5, 4, 2] is [2, 5, 3, 2]), a
// 1-D operand is a vector, and grad_fn names are 1.13's (UnsafeViewBackward0 for batched
// products). MatMulT is x @ wᵀ (+ bias) in one product that reads w transposed in
// place, as F.Linear needs. Products run through gonum's BLAS: blas32.Implementation()
// for float32 and blas64 for float64. Integer products use a plain loop.
//
// Importing this package changes gonum's process-wide float32 BLAS: its init calls
// blas32.Use with Kosaku's fastblas (a packed AVX2 Sgemm, with a portable Go fallback,
// that splits large products over GOMAXPROCS goroutines), so every blas32 call in the
// program, not only Kosaku's, goes through it. Its results do not depend on the number
// of goroutines. A program that wants another float32 BLAS calls blas32.Use after
// importing this package.
//
// # Autograd
//
// RequiresGrad marks a leaf; every differentiable op records a grad_fn named as PyTorch
// 1.13 names it (AddBackward0, MmBackward0, SigmoidBackward0, ...). Backward walks the
// graph in topological order, sums gradients of tensors used more than once and
// accumulates into the leaves' Grad in place: the first Backward creates a leaf's
// gradient tensor and later ones add into that same tensor, so g := x.Grad() held by the
// reader sees them, as in PyTorch. ZeroGrad fills an existing gradient with zeros in
// place (x.grad.zero_(), what zero_grad() does in PyTorch 1.13) and SetGrad(nil) drops it
// (set_to_none, PyTorch 2's default). NoGrad and SetGradEnabled switch
// recording off; Detach cuts a tensor from its graph. Other packages add fused ops (a
// convolution, cross-entropy) with Record, and GradCheck tests such an op's backward
// against central differences (see ExampleGradCheck). Unlike PyTorch the graph is not freed
// by Backward, so calling Backward twice on the same graph accumulates twice instead of
// raising an error. Grad mode is a package-level switch: drive autograd from one
// goroutine, as notebooks do. SetDType converts a leaf to float32 or float64 in place,
// what model.double() does to each parameter (nn.Double calls it).
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
// *Tensor is a fmt.Formatter: %v and %s print String(); a number verb on a one-element
// tensor formats the value as Go formats the number (fmt.Printf("%d", correct.Sum())
// prints 108, "%.4f" of a loss prints 0.0691, like Python's "%.4f" % loss), and on a
// larger tensor formats each element inside brackets on one line ([[1.00, 2.00]]). %d on
// a float tensor prints integral values as integers and Go's %!d(float32=0.5) otherwise,
// where Python's "%d" would truncate silently. See Tensor.Format.
//
// # Numerics
//
// Float32 sums over a dimension (SumDim, MeanDim, and so the bias gradients that
// broadcasting reduces) add in float32 in PyTorch 1.13's cascade order, so they are
// PyTorch's values bit for bit: Ones(1000000, 2).MulScalar(0.1).SumDim(0, false) is
// 99999.945 as in PyTorch, not the 100958.34 of a running float32 sum. (Above 32768
// elements PyTorch may split a reduction across threads; the split it makes for a single
// output, Sum of everything, is not reproduced: Sum adds in float64 and rounds once.)
// Int64 values never pass through float64 in printing, Max, ArgMax, MaxAll, Pow or
// comparisons between integer tensors, so values above 2^53 stay exact. An integer
// tensor to a negative integer power panics, as PyTorch raises.
//
// # Errors
//
// Programmer errors (shapes that do not broadcast or multiply, a wrong dtype, Backward
// on a non-scalar without a gradient, an index out of range) panic with a message naming
// the op and the shapes, e.g. "tensor.Add: shapes [2 3] and [4] are not broadcastable".
// Shape mismatches of MatMul and of the ops of other packages panic with a *ShapeError
// (ShapeErrorf builds one), which prints the same way and can be matched with errors.As.
// A shape whose element count overflows panics ("tensor.Zeros: storage size calculation
// overflowed with sizes=[4294967296 4294967296]"), and so does an allocation larger than
// the machine's memory or the container's limit ("tensor.Zeros: not enough memory: you
// tried to allocate 4398046511104 bytes ..."), where PyTorch raises the same complaint —
// instead of Go's unrecoverable "out of memory" crash. Allocations that fit the machine
// but not its free memory are not predicted.
//
// # Random numbers
//
// Uniform_, Normal_, Rand and Randn draw from a Generator (a seeded PCG) or, given none
// or nil, from the global one that ManualSeed reseeds (DefaultGenerator). Sequences are
// reproducible but are not PyTorch's Mersenne Twister sequences. EpochSeed derives the
// seed of an epoch's shuffle from a loader's seed, for pkg/data and pkg/train alike.
package tensor
