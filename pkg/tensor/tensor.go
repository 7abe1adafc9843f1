package tensor

import "fmt"

// Tensor is an n-dimensional, contiguous, row-major array of one dtype, with autograd.
// Exactly one of the storage slices is in use, chosen by dtype.
type Tensor struct {
	shape []int
	dtype DType

	f32 []float32
	f64 []float64
	i64 []int64
	i32 []int32
	b   []bool

	requiresGrad bool
	isParam      bool
	scratch      bool // storage from the gradient free list (EmptyGrad), owned by Backward
	grad         *Tensor
	fn           *node     // nil for leaves
	view         *viewInfo // storage shared with / copied from another tensor (view.go)
}

// newTensor allocates zeroed storage of the given dtype and shape.
func newTensor(dt DType, shape []int) *Tensor {
	for _, d := range shape {
		if d < 0 {
			panic(fmt.Sprintf("tensor: negative dimension in shape %v", shape))
		}
	}
	n := checkedNumel("", dt, shape) // panics on overflow or more bytes than the machine has
	t := &Tensor{shape: append([]int{}, shape...), dtype: dt}
	switch dt {
	case Float32:
		t.f32 = make([]float32, n)
	case Float64:
		t.f64 = make([]float64, n)
	case Int64:
		t.i64 = make([]int64, n)
	case Int32:
		t.i32 = make([]int32, n)
	case Bool:
		t.b = make([]bool, n)
	default:
		panic(fmt.Sprintf("tensor: unknown dtype %d", dt))
	}
	return t
}

// Shape returns a copy of the tensor's shape.
func (t *Tensor) Shape() Size { return append(Size{}, t.shape...) }

// Size is the same as Shape (PyTorch's t.size()).
func (t *Tensor) Size() Size { return t.Shape() }

// Dim is the number of dimensions.
func (t *Tensor) Dim() int { return len(t.shape) }

// Numel is the number of elements.
func (t *Tensor) Numel() int { return numelOf(t.shape) }

// DType is the element type.
func (t *Tensor) DType() DType { return t.dtype }

// Len is the size of the first dimension, like Python's len(t).
func (t *Tensor) Len() int {
	if len(t.shape) == 0 {
		panic("tensor.Len: len() of a 0-d tensor")
	}
	return t.shape[0]
}

// Float32s returns the float32 storage without copying; panics unless dtype is Float32.
func (t *Tensor) Float32s() []float32 { return storage[float32](t, "Float32s") }

// Float64s returns the float64 storage without copying; panics unless dtype is Float64.
func (t *Tensor) Float64s() []float64 { return storage[float64](t, "Float64s") }

// Int64s returns the int64 storage without copying; panics unless dtype is Int64.
func (t *Tensor) Int64s() []int64 { return storage[int64](t, "Int64s") }

// Int32s returns the int32 storage without copying; panics unless dtype is Int32.
func (t *Tensor) Int32s() []int32 { return storage[int32](t, "Int32s") }

// Bools returns the bool storage without copying; panics unless dtype is Bool.
func (t *Tensor) Bools() []bool { return storage[bool](t, "Bools") }

// ToFloat64s copies the values of any dtype into a new []float64 (for plotting).
func (t *Tensor) ToFloat64s() []float64 {
	out := make([]float64, t.Numel())
	switch t.dtype {
	case Float32:
		for i, v := range t.f32 {
			out[i] = float64(v)
		}
	case Float64:
		copy(out, t.f64)
	case Int64:
		for i, v := range t.i64 {
			out[i] = float64(v)
		}
	case Int32:
		for i, v := range t.i32 {
			out[i] = float64(v)
		}
	case Bool:
		for i, v := range t.b {
			if v {
				out[i] = 1
			}
		}
	}
	return out
}

// at reads flat element i as float64.
func (t *Tensor) at(i int) float64 {
	switch t.dtype {
	case Float32:
		return float64(t.f32[i])
	case Float64:
		return t.f64[i]
	case Int64:
		return float64(t.i64[i])
	case Int32:
		return float64(t.i32[i])
	default:
		if t.b[i] {
			return 1
		}
		return 0
	}
}

// set writes flat element i from a float64 (truncating toward zero for ints).
func (t *Tensor) set(i int, v float64) {
	switch t.dtype {
	case Float32:
		t.f32[i] = float32(v)
	case Float64:
		t.f64[i] = v
	case Int64:
		t.i64[i] = int64(v)
	case Int32:
		t.i32[i] = int32(v)
	default:
		t.b[i] = v != 0
	}
}

// Item returns the only element as float64; panics unless Numel is 1.
func (t *Tensor) Item() float64 {
	if t.Numel() != 1 {
		panic(fmt.Sprintf("tensor.Item: a tensor with %d elements (shape %v) cannot be converted to a scalar", t.Numel(), t.shape))
	}
	return t.at(0)
}

// At reads one element by its full index (negative indices count from the end).
func (t *Tensor) At(idx ...int) float64 {
	if len(idx) != len(t.shape) {
		panic(fmt.Sprintf("tensor.At: %d indices for a tensor of shape %v", len(idx), t.shape))
	}
	off := 0
	for d, i := range idx {
		n := t.shape[d]
		if i < -n || i >= n {
			panic(fmt.Sprintf("tensor.At: index %d is out of bounds for dimension %d with size %d (shape %v)", i, d, n, t.shape))
		}
		if i < 0 {
			i += n
		}
		off = off*n + i
	}
	return t.at(off)
}

// CopyFrom copies src's values into t in place, outside autograd (for optimisers and loading).
// Like PyTorch's copy_, a source of another dtype is converted to t's (a float64
// literal into a float32 weight); the shapes must be equal.
func (t *Tensor) CopyFrom(src *Tensor) {
	t.checkWritable("CopyFrom")
	if src == nil {
		panic(fmt.Sprintf("tensor.CopyFrom: source is nil (destination %v %v)", t.shape, t.dtype))
	}
	if !sameShape(t.shape, src.shape) {
		panic(fmt.Sprintf("tensor.CopyFrom: destination %v %v and source %v %v differ", t.shape, t.dtype, src.shape, src.dtype))
	}
	src = src.castRaw(t.dtype)
	switch t.dtype {
	case Float32:
		copy(t.f32, src.f32)
	case Float64:
		copy(t.f64, src.f64)
	case Int64:
		copy(t.i64, src.i64)
	case Int32:
		copy(t.i32, src.i32)
	case Bool:
		copy(t.b, src.b)
	}
}

// clone copies values and shape, without graph.
func (t *Tensor) clone() *Tensor {
	o := newTensor(t.dtype, t.shape)
	o.CopyFrom(t)
	return o
}

// Clone returns a copy of t's values (differentiable: CloneBackward0).
func (t *Tensor) Clone() *Tensor {
	out := t.clone()
	return Record("CloneBackward0", out, []*Tensor{t}, func(g *Tensor) []*Tensor { return []*Tensor{g} })
}

// withShape returns a tensor sharing t's storage with another shape (internal; no graph).
func (t *Tensor) withShape(shape []int) *Tensor {
	return &Tensor{shape: append([]int{}, shape...), dtype: t.dtype, f32: t.f32, f64: t.f64, i64: t.i64, i32: t.i32, b: t.b}
}
