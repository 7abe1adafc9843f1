// Package kernels holds the raw loops behind pkg/nn's fused layers, generic over
// float32 and float64 (Float): im2col and col2im for Conv2d (with strides, padding
// and dilation per dim), max pooling with argmax indices, and the fused log-softmax +
// negative log-likelihood of CrossEntropyLoss. It works on plain slices in row-major
// NCHW order and knows nothing of tensors or autograd, so each kernel can be tested
// against a naive reference on its own.
//
// Matrix products go through gonum's blas32 (blas32.Implementation()) for float32 and
// blas64 for float64, so a faster Sgemm plugged in with blas32.Use speeds every layer
// up without changes here.
// Large scratch buffers (the column matrix of a convolution) come from a free list
// and go back to it when the backward pass is done, so a training loop does not
// allocate them once per batch.
//
// # Where a CNN training step spends its time
//
// Measured with pprof (go test -bench CNNTrainStep -cpuprofile, pkg/nn) on the
// 2-core development machine, chapter 8's CNN at batch 20, December 2026. Before the
// changes below the step took about 3.3 CPU-ms and allocated 1.59 MB; the arithmetic
// (≈27 MFLOP, bench/cnn_step) was a fifth of the CPU samples. The rest was memory and
// branches, not arithmetic:
//
//   - Fresh heap memory. Every new tensor of a step was first touched by the kernel
//     writing it (page faults, cache misses, zeroing), so the loops that write large
//     outputs looked slow. Gradients now come from pkg/tensor's free list (EmptyGrad),
//     refilled by Backward: 0.79 MB per step remain, the forward outputs, which the
//     reader may keep. A larger GOGC made the step slower, not faster: reusing warm
//     memory is what counts, not collecting less often.
//
//   - Mispredicted branches. With random signs, the ReLU gradient's `if y > 0` and the
//     2x2 pooling's comparisons were wrong half the time: the gradient now masks bits
//     (7x faster alone), pooling takes max plus conditional moves (3x).
//
//   - Call overhead in im2col/col2im: 36,000 row copies of 8 or 24 values per step.
//     Plain convolutions (stride 1, no padding) take a path without per-row clipping,
//     and rows of up to 16 values move in a loop (20-33 % less CPU).
//
//   - The column matrix itself. im2col wrote 1.9 MB per step that the products then
//     read back. Plain float32 convolutions (the lessons') now read their input in
//     place (conv_direct.go): the forward product and the weight gradient through
//     fastblas' gathering kernels, the input gradient six taps at a time through the
//     GEMM's own micro-kernel. Each is the same chain of fused multiply-adds as the
//     product it replaces, so the results are the same bits (tests compare them).
//
// In one A/B run on the loaded machine (load average 18) the step went from 3.5 to
// 1.7-1.9 CPU-ms.
//
//   - Scalar loops over every element (second round). Go's max(v, 0) compiles to a
//     dozen scalar instructions per element, so ReLU alone took 9 % of the step; the
//     input gradient's row additions took 5 %, 2x2 pooling 4-6 %, the ReLU gradient
//     and SGD's momentum update 3-4 % each. pkg/internal/vec does each eight lanes at a
//     time in AVX2 with the same IEEE operations in the same order, so the bits are
//     the same (its tests compare them on NaNs, signed zeros, infinities and
//     subnormals). Five interleaved A/B rounds (load average 3-4): 2.06 -> 1.60
//     CPU-ms per step, 22 % less.
//
// # Why the forward outputs are still allocated every step
//
// A step allocates 0.78 MB in about 240 allocations: every byte of it is a forward
// output (the convolutions', ReLUs' and poolings' results); gradients, optimiser state
// and the kernels' scratch come from free lists, and the rest are small graph nodes.
// The outputs cannot be recycled safely: the reader's code holds them (outputs,
// loss) and may keep them across steps, and Go, unlike PyTorch's reference counts,
// learns that a tensor is unreachable only when the garbage collector runs. A pool fed
// by runtime.AddCleanup would get buffers back only once per GC cycle, and since the
// pool itself counts as live heap, the pacer would let about as many new buffers be
// allocated before the next cycle: at best half the allocations go away. What does
// matter is that the memory is warm: with GOGC=off (every output in fresh memory) the
// step took 5.2 CPU-ms instead of 1.9, and with a 220 MB live heap beside the model
// (GC cycles rarer, outputs spread over more memory) 2.2 instead of 1.9. The
// lessons' live heap is the 55 MB of MNIST's bytes (datasets keeps pixels as bytes
// for this reason too). What remains of the step is mostly the products (the
// gathering kernels, about a third of the samples), memory zeroing and GC around
// the forward outputs, and runtime scheduling.
//
// Next steps that would change rounding, and so the committed notebooks' figures
// (make notebooks re-runs them): fusing bias and ReLU into the convolution, and a
// first layer with one input channel computed without the GEMM's chains.
package kernels
