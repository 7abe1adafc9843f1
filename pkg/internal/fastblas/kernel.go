package fastblas

// Micro-tile size: mr rows of op(A) by nr columns of op(B). 6x16 uses 12 of
// the 16 YMM registers for accumulators (two 8-float vectors per row), the
// standard AVX2 shape.
const (
	mr = 6
	nr = 16
)

// microKernel forms the product of one packed mr-row panel of A (k steps of
// mr values) and k rows of nr values of B, ldb apart (nr for a packed
// panel), and adds it to the mr x nr tile of c with row stride ldc, or
// stores it there when add is false. It is the assembly kernel on CPUs with
// AVX2 and FMA and goKernel elsewhere.
var microKernel = goKernel

// goKernel is the portable micro-kernel: the same contract as the assembly,
// written so the compiler keeps one row of accumulators in registers.
func goKernel(k int, a, b []float32, ldb int, c []float32, ldc int, add bool) {
	var acc [mr][nr]float32
	for p := 0; p < k; p++ {
		bp := (*[nr]float32)(b[p*ldb : p*ldb+nr])
		ap := (*[mr]float32)(a[p*mr : p*mr+mr])
		for i := 0; i < mr; i++ {
			ai := ap[i]
			row := &acc[i]
			for j := 0; j < nr; j++ {
				row[j] += ai * bp[j]
			}
		}
	}
	for i := 0; i < mr; i++ {
		ci := c[i*ldc : i*ldc+nr]
		if !add {
			copy(ci, acc[i][:])
			continue
		}
		for j := range ci {
			ci[j] += acc[i][j]
		}
	}
}
