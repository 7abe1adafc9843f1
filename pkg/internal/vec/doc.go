// Package vec holds the float32 loops of a training step that do little arithmetic
// per byte they move: ReLU forward and backward, SGD's momentum update, the row
// additions of a convolution's input gradient and 2x2 max pooling. On amd64 with AVX2
// they run eight lanes at a time in assembly; elsewhere, and for the tail of a slice,
// the Go loops in this package (or the caller's, for MaxPool8) run.
//
// Every function gives the same bits as its Go loop, for every input: each lane
// performs the same IEEE operations in the same order (no fused multiply-add), and
// the sign-of-zero and NaN cases are handled as Go's own max, comparisons and
// additions handle them (with two NaN operands, the first one's payload wins). The
// tests check this on random and special values (NaNs of every sign and payload, ±0,
// ±Inf, subnormals) at every length and alignment.
//
// Measured on chapter 8's CNN step (pkg/nn BenchmarkCNNTrainStep, pprof, December
// 2026): the scalar ReLU took about 9 % of the step's CPU (Go's max(v, 0) is a dozen
// scalar instructions per element), the input gradient's row additions 5 %, 2x2
// pooling 4-6 %, the momentum update and the ReLU gradient 3-4 % each.
package vec
