package fastblas

import "golang.org/x/sys/cpu"

// kern6x16AVX2 is the AVX2+FMA micro-kernel of kernel_amd64.s.
//
//go:noescape
func kern6x16AVX2(k int, a, b *float32, ldb int, c *float32, ldc int, add bool)

// hasAVX2FMA reports whether the assembly micro-kernel may run here.
var hasAVX2FMA = cpu.X86.HasAVX2 && cpu.X86.HasFMA

// dot2x4AVX2 is the AVX2+FMA dot-product kernel of dot_amd64.s.
//
//go:noescape
func dot2x4AVX2(n int, a0, a1, b0, b1, b2, b3 *float32, out *[64]float32)

// asmDot2x4 checks the bounds the assembly relies on and runs it over the
// first k8*8 elements of each row.
func asmDot2x4(k8 int, a0, a1, b0, b1, b2, b3 []float32, out *[64]float32) {
	if k8 == 0 {
		clear(out[:])
		return
	}
	n := k8 * 8
	_, _, _, _, _, _ = a0[n-1], a1[n-1], b0[n-1], b1[n-1], b2[n-1], b3[n-1]
	dot2x4AVX2(k8, &a0[0], &a1[0], &b0[0], &b1[0], &b2[0], &b3[0], out)
}

func asmKernel(k int, a, b []float32, ldb int, c []float32, ldc int, add bool) {
	// The bounds the assembly relies on, checked once per call (cheap next
	// to the k*192 flops it does).
	_ = c[(mr-1)*ldc+nr-1]
	if k == 0 {
		if !add {
			for i := 0; i < mr; i++ {
				clear(c[i*ldc : i*ldc+nr])
			}
		}
		return
	}
	_ = a[k*mr-1]
	_ = b[(k-1)*ldb+nr-1]
	kern6x16AVX2(k, &a[0], &b[0], ldb, &c[0], ldc, add)
}

func init() {
	if hasAVX2FMA {
		microKernel = asmKernel
		dotKernel = asmDot2x4
	}
}
