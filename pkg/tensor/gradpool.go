package tensor

import (
	"sync"
	"unsafe"
)

// Gradient buffers. A training step allocates the same gradient tensors every time
// (the input gradient of each layer, the weight gradients), and each is dead as soon as
// Backward has handed it on: nothing outside the engine ever sees the gradient of a
// non-leaf tensor. Drawing them from a free list instead of the heap keeps a step's
// memory in cache and spares the garbage collector most of its work; with fresh heap
// memory, the first write into every buffer costs more than the arithmetic done on it
// (measured in PERF-NOTES / the kernels' package doc).
//
// Only tensors made by EmptyGrad are ever returned to the list, and only by Backward,
// once the tensor has been consumed and no tensor that outlives it shares its storage.

// gradPoolMaxBytes bounds what the free lists hold, so a large one-off gradient does
// not stay resident for the life of the process.
const gradPoolMaxBytes = 64 << 20

type gradPool struct {
	mu    sync.Mutex
	f32   map[int][][]float32
	f64   map[int][][]float64
	bytes int
}

var grads = gradPool{f32: map[int][][]float32{}, f64: map[int][][]float64{}}

// EmptyGrad returns a zeroed float32 or float64 tensor for a backward function given to
// Record to return as a gradient. Its storage comes from a free list to which Backward
// returns it once the gradient has been used, so the backward function must not keep the
// tensor or a view of it anywhere after returning it (returning it, or a view of it, is
// fine: Backward sees views). Any other dtype panics.
func EmptyGrad(dt DType, shape ...int) *Tensor {
	n := checkedNumel("tensor.EmptyGrad", dt, shape)
	t := &Tensor{shape: append([]int{}, shape...), dtype: dt, scratch: true}
	grads.mu.Lock()
	switch dt {
	case Float32:
		t.f32 = popBuf(grads.f32, n, &grads.bytes, 4)
	case Float64:
		t.f64 = popBuf(grads.f64, n, &grads.bytes, 8)
	default:
		grads.mu.Unlock()
		panic("tensor.EmptyGrad: gradients are float32 or float64, got " + dt.String())
	}
	grads.mu.Unlock()
	if t.f32 == nil && t.f64 == nil {
		switch dt {
		case Float32:
			t.f32 = make([]float32, n)
		case Float64:
			t.f64 = make([]float64, n)
		}
	}
	return t
}

// newGrad is EmptyGrad for float dtypes and newTensor for the others, with
// newTensor's signature, for the backward functions of this package.
func newGrad(dt DType, shape []int) *Tensor {
	if dt == Float32 || dt == Float64 {
		return EmptyGrad(dt, shape...)
	}
	return newTensor(dt, shape)
}

// popBuf takes the most recently returned buffer of n elements (the one most likely
// still in cache), cleared, or nil if there is none.
func popBuf[T float32 | float64](free map[int][][]T, n int, bytes *int, size int) []T {
	list := free[n]
	if len(list) == 0 {
		return nil
	}
	b := list[len(list)-1]
	free[n] = list[:len(list)-1]
	*bytes -= n * size
	clear(b)
	return b
}

// releaseGrad returns t's storage to the free list and leaves t without storage, so
// that a use after release panics instead of reading another gradient's values.
func releaseGrad(t *Tensor) {
	if !t.scratch {
		return
	}
	t.scratch = false
	grads.mu.Lock()
	defer grads.mu.Unlock()
	switch {
	case t.f32 != nil && grads.bytes+4*len(t.f32) <= gradPoolMaxBytes:
		grads.f32[len(t.f32)] = append(grads.f32[len(t.f32)], t.f32)
		grads.bytes += 4 * len(t.f32)
	case t.f64 != nil && grads.bytes+8*len(t.f64) <= gradPoolMaxBytes:
		grads.f64[len(t.f64)] = append(grads.f64[len(t.f64)], t.f64)
		grads.bytes += 8 * len(t.f64)
	}
	t.f32, t.f64 = nil, nil
}

// sharesStorage reports whether a and b use overlapping memory.
func sharesStorage(a, b *Tensor) bool {
	lo1, hi1 := storageRange(a)
	lo2, hi2 := storageRange(b)
	return lo1 < hi2 && lo2 < hi1
}

// storageRange is the [lo, hi) address range of t's storage (empty for no storage).
func storageRange(t *Tensor) (lo, hi uintptr) {
	var p unsafe.Pointer
	var n uintptr
	switch {
	case cap(t.f32) > 0:
		p, n = unsafe.Pointer(unsafe.SliceData(t.f32)), uintptr(cap(t.f32))*4
	case cap(t.f64) > 0:
		p, n = unsafe.Pointer(unsafe.SliceData(t.f64)), uintptr(cap(t.f64))*8
	case cap(t.i64) > 0:
		p, n = unsafe.Pointer(unsafe.SliceData(t.i64)), uintptr(cap(t.i64))*8
	case cap(t.i32) > 0:
		p, n = unsafe.Pointer(unsafe.SliceData(t.i32)), uintptr(cap(t.i32))*4
	case cap(t.b) > 0:
		p, n = unsafe.Pointer(unsafe.SliceData(t.b)), uintptr(cap(t.b))
	default:
		return 0, 0
	}
	return uintptr(p), uintptr(p) + n
}
