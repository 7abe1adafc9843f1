package fastblas

// gather6x16AVX2 is the gathering micro-kernel of gather_amd64.s.
//
//go:noescape
func gather6x16AVX2(k int, a, b *float32, offs *int, hi int, c *float32, ldc int)

// gatherDot2x4AVX2 is the gathering dot-product kernel of gather_amd64.s.
//
//go:noescape
func gatherDot2x4AVX2(n int, a0, a1, b *float32, chunks *int, offs *[4]int, out *[64]float32)

// Direct calls, not function values: a call through a function value makes its
// pointer arguments escape, which cost two heap allocations per dot block.

func gatherTile(k int, a, b []float32, offs []int, hi int, c []float32, ldc int) {
	gather6x16AVX2(k, &a[0], &b[0], &offs[0], hi*4, &c[0], ldc)
}

func gatherDot(k8 int, a0, a1, b []float32, chunks []int, offs *[4]int, out *[64]float32) {
	gatherDot2x4AVX2(k8, &a0[0], &a1[0], &b[0], &chunks[0], offs, out)
}

func tile(k int, a, b []float32, ldb int, c []float32, ldc int) {
	asmKernel(k, a, b, ldb, c, ldc, false)
}
