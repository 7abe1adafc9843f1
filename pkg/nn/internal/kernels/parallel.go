package kernels

import "github.com/kosaku-dl/kosaku/pkg/internal/parallel"

// ParallelFor calls fn on contiguous ranges [lo, hi) covering [0, n) on up to
// GOMAXPROCS goroutines, each with at least grain items (parallel.For).
func ParallelFor(n, grain int, fn func(lo, hi int)) { parallel.For(n, grain, fn) }
