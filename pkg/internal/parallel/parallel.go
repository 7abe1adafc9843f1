// Package parallel splits a loop over the cores: the one helper pkg/tensor's
// elementwise loops, pkg/nn's kernels and fastblas share.
//
// A loop is split only when each goroutine gets enough work to pay for handing it
// over (MinFlops, MinBytes). Measured on the 2-vCPU development VM, December 2026:
// splitting chapter 8's batch-20 convolutions (70-150 µs of work each) over the two
// vCPUs made them slower, not faster, and the whole training step took 1.4-1.6 ms
// with every loop split against 0.85-1.0 ms with none; a convolution of 80 images
// (300-400 µs a half) broke even. Waking a second thread for a short job costs tens
// of microseconds on a virtual machine whose other vCPU the host shares, which is
// where the lessons run (CI, Binder, hosted Jupyter).
package parallel

import (
	"runtime"
	"sync"
)

// The least work a goroutine of its own must get: MinFlops floating-point operations
// for loops bound by arithmetic (about 0.4 ms on one core of the development VM), or
// MinBytes of memory read and written for loops that mostly move data.
const (
	MinFlops = 8 << 20
	MinBytes = 4 << 20
)

// ForFlops is For with a grain giving each goroutine at least MinFlops, for n items of
// flopsPerItem operations each.
func ForFlops(n, flopsPerItem int, fn func(lo, hi int)) { For(n, grain(MinFlops, flopsPerItem), fn) }

// ForBytes is For with a grain giving each goroutine at least MinBytes of memory
// traffic, for n items that read and write bytesPerItem bytes each.
func ForBytes(n, bytesPerItem int, fn func(lo, hi int)) { For(n, grain(MinBytes, bytesPerItem), fn) }

// grain is how many items of perItem each make least.
func grain(least, perItem int) int {
	if perItem < 1 {
		perItem = 1
	}
	return (least + perItem - 1) / perItem
}

// Workers is how many goroutines a job of work units should use, each getting at
// least least of them: between 1 and GOMAXPROCS.
func Workers(work, least int) int {
	return max(1, min(runtime.GOMAXPROCS(0), work/least))
}

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
