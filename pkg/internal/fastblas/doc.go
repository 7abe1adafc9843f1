// Package fastblas is a float32 BLAS for gonum's blas32 with a fast Sgemm,
// the matrix product behind Linear layers and im2col convolutions.
//
// Implementation embeds gonum's pure-Go gonum.Implementation for every
// routine and overrides Sgemm. Use installs it with blas32.Use; pkg/tensor
// calls Use in its init, so every float32 MatMul goes through it.
//
// # How Sgemm works
//
// The general path is the GotoBLAS/BLIS scheme: alpha*op(A) is packed into
// 6-row panels and op(B) into 16-column panels (so all four transpose cases
// become one contiguous layout), blocked kc=256, mc=72, nc=4096 for the
// caches, and a 6x16 micro-kernel in Go assembly (AVX2 + FMA, twelve YMM
// accumulators) forms each tile of C. Edge tiles are computed in a scratch
// tile and only their valid part is written. Two shortcuts skip packing
// where it would cost as much as the arithmetic:
//
//   - a non-transposed B is read in place when m <= 24 (the convolutions'
//     forward products, 6 or 16 output channels: each B element is used
//     once or twice);
//   - A·Bᵀ with m+n <= 256 and k >= 512 (fc1's forward, the convolutions'
//     weight gradients) reads both operands' rows in place through a 2x4
//     dot-product kernel (eight FMA chains).
//
// With beta == 0 the first k block stores its tiles, so C is neither cleared
// nor read. From 2*m*n*k >= 2^17 flops the product is cut in two halves
// along the larger of m and n, in whole tiles, each half on the path its
// size chooses, and the halves are shared out in whole tiles over up to
// GOMAXPROCS goroutines, one per parallel.MinFlops of work (workers.go): a
// smaller share costs more to hand over than it saves. Each element is computed by the same
// kernel in the same order whatever the number of goroutines, so results
// are the same bits on every machine with the same kernel. Packing buffers
// come from a sync.Pool, so training loops do not allocate.
//
// On CPUs without AVX2 or FMA (golang.org/x/sys/cpu) the same code runs
// portable Go kernels. The tests run both kernels, serial and split,
// against a float64 reference for all transposes, strides, alpha/beta
// (including beta == 0 over NaN), odd and zero sizes, and check that
// padding columns of C are untouched; invalid arguments panic with gonum's
// own messages.
//
// # Why this and not vek or OpenBLAS
//
// gonum's Sgemm has no SIMD micro-kernel for float32 (its blocks run
// axpy/dot loops), and reaches 3-15 GFLOP/s at the lessons' shapes here.
// vek32.MatMul (AVX2) has no transposes, strides, alpha or beta, so every
// backward product would need transposing copies around it, and it does
// no cache blocking. A packed micro-kernel handles all of these in one
// pass. OpenBLAS would need cgo, which the notebooks must not require.
//
// # Measurements
//
// go test -bench Sgemm -count 3 -benchtime 150ms ./pkg/internal/fastblas,
// best of 3, wall-clock GFLOP/s with both cores available (2-core AMD EPYC,
// load average about 2 from other jobs; the columns were measured
// interleaved in one run):
//
//	product                 m x n x k        op      gonum  fastblas
//	fc1 forward             20x64x784        A·Bᵀ     15.2    22.4
//	fc1 weight gradient     64x784x20        Aᵀ·B      3.2    23.4
//	fc1 input gradient      20x784x64        A·B       5.8    31.0
//	conv1 forward           6x11520x25       A·B       4.7    37.8
//	conv1 weight gradient   6x25x11520       A·Bᵀ     14.8    20.4
//	conv1 column gradient   25x11520x6       Aᵀ·B      3.6    22.8
//	conv2 forward           16x1280x150      A·B       5.7    39.4
//	conv2 weight gradient   16x150x1280      A·Bᵀ     14.5    20.9
//	conv2 column gradient   150x1280x16      Aᵀ·B      4.0    33.4
//	square                  256x256x256      A·B       6.9    49.0
//	iris layer              112x5x4          A·Bᵀ      0.6     1.9
package fastblas
