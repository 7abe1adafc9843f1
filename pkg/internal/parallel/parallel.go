// Package parallel splits a loop over the cores: the one helper pkg/tensor's
// elementwise loops and pkg/nn's kernels share.
package parallel

import (
	"runtime"
	"sync"
)

// For calls fn on contiguous ranges [lo, hi) covering [0, n), on up to GOMAXPROCS
// goroutines, giving each at least grain items so that small jobs stay on the calling
// goroutine (starting a goroutine costs about a microsecond). The last range runs on
// the caller. Each item is handled by exactly one call, so a loop whose items are
// independent gives the same results however it is split.
func For(n, grain int, fn func(lo, hi int)) {
	if n <= 0 {
		return
	}
	workers := runtime.GOMAXPROCS(0)
	if grain < 1 {
		grain = 1
	}
	if w := n / grain; w < workers {
		workers = w
	}
	if workers <= 1 {
		fn(0, n)
		return
	}
	var wg sync.WaitGroup
	chunk := (n + workers - 1) / workers
	lo := 0
	for ; lo+chunk < n; lo += chunk {
		wg.Add(1)
		go func(lo, hi int) {
			defer wg.Done()
			fn(lo, hi)
		}(lo, lo+chunk)
	}
	fn(lo, n)
	wg.Wait()
}
