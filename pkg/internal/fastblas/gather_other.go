//go:build !amd64

package fastblas

// Off amd64 there are no gathering kernels (HasGather is false); callers check.

func gatherTile(k int, a, b []float32, offs []int, hi int, c []float32, ldc int) {
	panic("fastblas: no gathering kernel on this architecture")
}

func gatherDot(k8 int, a0, a1, b []float32, chunks []int, offs *[4]int, out *[64]float32) {
	panic("fastblas: no gathering kernel on this architecture")
}

func tile(k int, a, b []float32, ldb int, c []float32, ldc int) {
	panic("fastblas: no assembly micro-kernel on this architecture")
}
