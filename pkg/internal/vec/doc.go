// Package vec holds the float32 loops of a training step that are pure memory
// traffic: ReLU forward and backward and SGD's momentum update. On amd64 with AVX2
// they run eight lanes at a time in assembly; elsewhere, and for the tail of a slice,
// the Go loops in this package run.
//
// Every function gives the same bits as its Go loop, for every input: each lane
// performs the same IEEE operations in the same order (no fused multiply-add), and
// the sign-of-zero and NaN cases are handled as Go's own max and comparisons
// handle them. The tests check this on random and special values (NaN, ±0, ±Inf,
// subnormals) at every length and alignment.
//
// Measured on chapter 8's CNN step (pkg/nn BenchmarkCNNTrainStep, pprof): the scalar
// ReLU took about 9 % of the step's CPU (Go's max(v, 0) is a dozen scalar
// instructions per element), its gradient 3 %, and the momentum update 4 %.
package vec
