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
	poolMu     sync.Mutex
	floatFree  [64][][]float32
	int32sFree [64][][]int32
)

func sizeClass(n int) int {
	if n <= 1 {
		return 0
	}
	return bits.Len(uint(n - 1))
}

// Floats returns a slice of length n from the free list, or a new one. Its contents
// are whatever the previous user left: callers overwrite it entirely.
func Floats(n int) []float32 {
	c := sizeClass(n)
	poolMu.Lock()
	if l := len(floatFree[c]); l > 0 {
		b := floatFree[c][l-1]
		floatFree[c][l-1] = nil
		floatFree[c] = floatFree[c][:l-1]
		poolMu.Unlock()
		return b[:n]
	}
	poolMu.Unlock()
	return make([]float32, n, 1<<c)
}

// PutFloats gives b back to the free list. b must not be used afterwards.
func PutFloats(b []float32) {
	if cap(b) == 0 || cap(b)&(cap(b)-1) != 0 {
		return // not one of ours: only power-of-two capacities are kept
	}
	c := sizeClass(cap(b))
	poolMu.Lock()
	if len(floatFree[c]) < maxFree {
		floatFree[c] = append(floatFree[c], b[:cap(b)])
	}
	poolMu.Unlock()
}

// Int32s is Floats for index buffers (max pooling's argmax).
func Int32s(n int) []int32 {
	c := sizeClass(n)
	poolMu.Lock()
	if l := len(int32sFree[c]); l > 0 {
		b := int32sFree[c][l-1]
		int32sFree[c][l-1] = nil
		int32sFree[c] = int32sFree[c][:l-1]
		poolMu.Unlock()
		return b[:n]
	}
	poolMu.Unlock()
	return make([]int32, n, 1<<c)
}

// PutInt32s gives b back to the free list. b must not be used afterwards.
func PutInt32s(b []int32) {
	if cap(b) == 0 || cap(b)&(cap(b)-1) != 0 {
		return
	}
	c := sizeClass(cap(b))
	poolMu.Lock()
	if len(int32sFree[c]) < maxFree {
		int32sFree[c] = append(int32sFree[c], b[:cap(b)])
	}
	poolMu.Unlock()
}
