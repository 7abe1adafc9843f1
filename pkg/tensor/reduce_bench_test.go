package tensor

import (
	"fmt"
	"testing"
)

// BenchmarkSumDim times float32 sums over one dim at the shapes of a bias gradient
// (batch x features over dim 0), a tall two-column tensor and a row sum.
func BenchmarkSumDim(b *testing.B) {
	for _, c := range []struct {
		shape []int
		dim   int
	}{{[]int{100, 64}, 0}, {[]int{1000000, 2}, 0}, {[]int{256, 1024}, 0}, {[]int{1024, 256}, 1}} {
		x := Randn(NewGenerator(1), c.shape...)
		b.Run(fmt.Sprintf("%v/dim%d", c.shape, c.dim), func(b *testing.B) {
			b.SetBytes(int64(4 * x.Numel()))
			for i := 0; i < b.N; i++ {
				x.sumDimRaw(c.dim, false)
			}
		})
	}
}
