package kernels

import (
	"math/bits"
	"sync"
)

// A free list of scratch slices by power-of-two size class. Unlike sync.Pool it is
// not emptied by the garbage collector: a training loop allocates many small tensors,
// so the collector runs every few batches, and a sync.Pool would hand back nothing
// just when the column buffers are needed again. Each class keeps at most maxFree
// slices, which bounds what the list can hold on to.
const maxFree = 4

var (
	poolMu      sync.Mutex
	floatFree   [64][][]float32
	float64Free [64][][]float64
	int32sFree  [64][][]int32
)

func sizeClass(n int) int {
	if n <= 1 {
		return 0
	}
	return bits.Len(uint(n - 1))
}

// Floats returns a float32 slice of length n from the free list (Get[float32]).
func Floats(n int) []float32 { return Get[float32](n) }

// PutFloats gives b back to the free list (Put[float32]).
func PutFloats(b []float32) { Put(b) }

// Get returns a slice of length n from the free list of its element type, or a new
// one. Its contents are whatever the previous user left: callers overwrite it
// entirely.
func Get[T Float](n int) []T {
	if is64[T]() {
		return as[T](get(&float64Free, n))
	}
	return as[T](get(&floatFree, n))
}

// Put gives b back to the free list of its element type. b must not be used
// afterwards.
func Put[T Float](b []T) {
	if is64[T]() {
		put(&float64Free, as[float64](b))
		return
	}
	put(&floatFree, as[float32](b))
}

// get and put are the free list of one element type.
func get[E float32 | float64 | int32](free *[64][][]E, n int) []E {
	c := sizeClass(n)
	poolMu.Lock()
	if l := len(free[c]); l > 0 {
		b := free[c][l-1]
		free[c][l-1] = nil
		free[c] = free[c][:l-1]
		poolMu.Unlock()
		return b[:n]
	}
	poolMu.Unlock()
	return make([]E, n, 1<<c)
}

func put[E float32 | float64 | int32](free *[64][][]E, b []E) {
	if cap(b) == 0 || cap(b)&(cap(b)-1) != 0 {
		return // not one of ours: only power-of-two capacities are kept
	}
	c := sizeClass(cap(b))
	poolMu.Lock()
	if len(free[c]) < maxFree {
		free[c] = append(free[c], b[:cap(b)])
	}
	poolMu.Unlock()
}

// Int32s is Get for index buffers (max pooling's argmax).
func Int32s(n int) []int32 { return get(&int32sFree, n) }

// PutInt32s gives b back to the free list. b must not be used afterwards.
func PutInt32s(b []int32) { put(&int32sFree, b) }
