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

// ForFlops and ForBytes split only when each goroutine gets its minimum of work, and
// Workers stays between 1 and GOMAXPROCS.
func TestWorkSizedSplits(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	calls := func(split func(n, per int, fn func(lo, hi int)), n, per int) int {
		var c atomic.Int32
		split(n, per, func(lo, hi int) { c.Add(1) })
		return int(c.Load())
	}
	for _, tc := range []struct {
		name      string
		split     func(n, per int, fn func(lo, hi int))
		n, per    int
		wantCalls int
	}{
		{"flops: a batch-20 convolution stays whole", ForFlops, 20, 300_000, 1},
		{"flops: two minimums make two", ForFlops, 2, MinFlops, 2},
		{"flops: plenty is capped by GOMAXPROCS", ForFlops, 1000, MinFlops, 4},
		{"bytes: 69,120 floats stay whole", ForBytes, 69120, 8, 1},
		{"bytes: 3 minimums make 3", ForBytes, 3, MinBytes, 3},
		{"bytes: a zero size counts as 1", ForBytes, 10, 0, 1},
	} {
		if got := calls(tc.split, tc.n, tc.per); got != tc.wantCalls {
			t.Errorf("%s: %d calls, want %d", tc.name, got, tc.wantCalls)
		}
	}
	for _, tc := range []struct{ work, least, want int }{
		{0, MinFlops, 1}, {MinFlops - 1, MinFlops, 1}, {2 * MinFlops, MinFlops, 2}, {100 * MinFlops, MinFlops, 4},
	} {
		if got := Workers(tc.work, tc.least); got != tc.want {
			t.Errorf("Workers(%d, %d) = %d, want %d", tc.work, tc.least, got, tc.want)
		}
	}
}

// The small ranges pkg/nn's kernels split (moved here with the kernels' old wrapper).
func TestForSmallRanges(t *testing.T) {
	for _, n := range []int{0, 1, 2, 3, 7, 100} {
		for _, grain := range []int{1, 2, 50} {
			hits := make([]int32, n)
			For(n, grain, func(lo, hi int) {
				for i := lo; i < hi; i++ {
					hits[i]++
				}
			})
			for i, h := range hits {
				if h != 1 {
					t.Fatalf("n=%d grain=%d: index %d visited %d times", n, grain, i, h)
				}
			}
		}
	}
}
