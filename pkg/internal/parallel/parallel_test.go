package parallel

import (
	"runtime"
	"sync/atomic"
	"testing"
)

// Every item is covered exactly once, for sizes around the grain and worker counts.
func TestForCoversEachItemOnce(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	for _, n := range []int{0, 1, 5, 15, 16, 17, 64, 1000} {
		for _, grain := range []int{0, 1, 8, 16} {
			hits := make([]atomic.Int32, n)
			For(n, grain, func(lo, hi int) {
				for i := lo; i < hi; i++ {
					hits[i].Add(1)
				}
			})
			for i := range hits {
				if h := hits[i].Load(); h != 1 {
					t.Fatalf("n %d grain %d: item %d handled %d times", n, grain, i, h)
				}
			}
		}
	}
}
