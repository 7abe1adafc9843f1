// Package fastblas is a float32 BLAS for gonum's blas32 with a fast Sgemm,
// the matrix product behind Linear layers and im2col convolutions.
//
// Implementation embeds gonum's pure-Go gonum.Implementation for every
// routine and overrides Sgemm. Use installs it with blas32.Use; pkg/tensor
// calls Use in its init, so every float32 MatMul goes through it.
//
// # How Sgemm works
//
// The general path is the GotoBLAS/BLIS scheme: op(B) is packed into
// 16-column panels and alpha*op(A) into 6-row panels (so all four transpose
// cases become one contiguous layout), blocked kc=256, mc=72, nc=4096 for
// the caches, and a 6x16 micro-kernel in Go assembly (AVX2 + FMA, twelve
// YMM accumulators) forms each tile of C. Edge tiles are computed in a
// scratch tile and only their valid part is added. Products A·Bᵀ with a
// small C (m+n <= 64) and a long inner dimension — the weight gradients
// of the lessons' convolutions — skip packing and read both operands in
// place through a 2x4 dot-product kernel. From 2*m*n*k >= 2^17 flops the
// work is split over two goroutines along the larger of m and n, in whole
// micro-tiles. Packing buffers come from a sync.Pool, so training loops do
// not allocate.
//
// On CPUs without AVX2 or FMA (checked with golang.org/x/sys/cpu) the same
// blocking runs portable Go kernels; the tests run both kernels against a
// float64 reference for every transpose, stride, alpha/beta combination,
// odd and zero sizes. Invalid arguments panic with gonum's own messages.
//
// # Why this and not vek or OpenBLAS
//
// Measured on the project machine (2-core AMD EPYC, AVX2/FMA); the table
// at the end of this comment has the figures. gonum's Sgemm has no SIMD
// kernel for float32 GEMM and spends its time in axpy-style loops; vek32's
// MatMul (AVX2) has no transposes, strides, alpha or beta, so every lesson
// product would need copies around it. A packed micro-kernel handles all
// of these in one pass and reaches several times gonum's speed at every
// lesson shape. OpenBLAS would need cgo, which the notebooks must not
// require.
//
// # Measurements
//
// go test -bench Sgemm -count 5 -benchtime 100ms, best of 5, GFLOP/s on
// two cores, taken while other jobs kept the load average near 10 (absolute
// figures are low; the two columns were measured interleaved):
//
//	shape (m x n x k, op)              gonum   fastblas
//	fc1 fwd   20x64x784    A·Bᵀ         6.7     12.5
//	fc1 dW    64x784x20    Aᵀ·B         5.3     36.3
//	fc1 dX    20x784x64    A·B          9.7     17.8
//	conv1 fwd 6x11520x25   A·B          7.1     17.6
//	conv1 dW  6x25x11520   A·Bᵀ        14.3     17.3
//	conv1 dX  25x11520x6   Aᵀ·B         1.7      5.6
//	conv2 fwd 16x1280x150  A·B          2.8     33.0
//	conv2 dW  16x150x1280  A·Bᵀ         7.4     21.2
//	conv2 dX  150x1280x16  Aᵀ·B         8.2     41.9
//	256^3                  A·B          3.5     19.6
//	iris      112x5x4      A·Bᵀ         0.32     0.75
package fastblas
