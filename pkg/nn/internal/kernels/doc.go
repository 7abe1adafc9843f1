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
// 1.7-1.9 CPU-ms. What remains is mostly the products themselves (the gathering
// kernels, about a fifth of the samples), runtime preemption and memory zeroing around
// the forward outputs (which the reader may keep, so they are not pooled), pooling and
// ReLU. Next steps that would change rounding, and so the committed notebooks'
// figures (make notebooks re-runs them): fusing bias and ReLU into the convolution,
// and a first layer with one input channel computed without the GEMM's chains.
package kernels
