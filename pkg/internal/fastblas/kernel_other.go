//go:build !amd64

package fastblas

// hasAVX2FMA is false off amd64: the portable goKernel runs.
const hasAVX2FMA = false
