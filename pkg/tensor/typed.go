package tensor

import "fmt"

// Elem is the Go element type of a dtype's storage: float32, float64, int64, int32
// or bool.
type Elem interface {
	float32 | float64 | int64 | int32 | bool
}

// Float is the element type of the float dtypes, for code generic over Float32 and
// Float64 (optimisers, losses, transforms).
type Float interface {
	float32 | float64
}

// Data returns t's storage as a []T without copying, for code generic over dtypes:
// Data[float32](t) is t.Float32s(). It panics unless T is t's element type, so a
// generic kernel instantiated for the wrong dtype fails at once, naming both.
func Data[T Elem](t *Tensor) []T { return storage[T](t, "Data") }

// storage is t's storage as []T, or a panic naming op and both dtypes.
func storage[T Elem](t *Tensor, op string) []T {
	var s any
	switch t.dtype {
	case Float32:
		s = t.f32
	case Float64:
		s = t.f64
	case Int64:
		s = t.i64
	case Int32:
		s = t.i32
	case Bool:
		s = t.b
	}
	if d, ok := s.([]T); ok {
		return d
	}
	var z T
	panic(fmt.Sprintf("tensor.%s: tensor has dtype %v, not %v (shape %v)", op, t.dtype, dtypeOf(z), t.shape))
}

// dtypeOf is the dtype whose storage holds values like v.
func dtypeOf(v any) DType {
	switch v.(type) {
	case float32:
		return Float32
	case float64:
		return Float64
	case int64:
		return Int64
	case int32:
		return Int32
	}
	return Bool
}

// DimSize is the size of dimension d (PyTorch's t.size(d) or t.shape[d]); a negative
// d counts from the end. Unlike Shape, it does not copy the shape.
func (t *Tensor) DimSize(d int) int {
	if d < 0 {
		d += len(t.shape)
	}
	if d < 0 || d >= len(t.shape) {
		panic(fmt.Sprintf("tensor.DimSize: dimension %d is out of range for shape %v", d, t.shape))
	}
	return t.shape[d]
}

// SameShape reports whether a and b have the same shape, without copying either.
func SameShape(a, b *Tensor) bool { return sameShape(a.shape, b.shape) }
