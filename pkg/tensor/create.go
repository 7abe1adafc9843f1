package tensor

import (
	"fmt"
	"math"
	"reflect"
)

// New builds a tensor from a Go scalar or nested slices of any rank. The Go element type
// decides the dtype: float32 -> Float32, float64 -> Float64, int/int64 -> Int64,
// int32 -> Int32, bool -> Bool.
func New(data any) *Tensor {
	v := reflect.ValueOf(data)
	var shape []int
	cur := v
	for cur.Kind() == reflect.Slice || cur.Kind() == reflect.Array {
		shape = append(shape, cur.Len())
		if cur.Len() == 0 {
			// Element type decides the remaining rank; an empty level ends the shape.
			et := cur.Type().Elem()
			for et.Kind() == reflect.Slice {
				shape = append(shape, 0)
				et = et.Elem()
			}
			break
		}
		cur = cur.Index(0)
	}
	et := v.Type()
	for et.Kind() == reflect.Slice || et.Kind() == reflect.Array {
		et = et.Elem()
	}
	var dt DType
	switch et.Kind() {
	case reflect.Float32:
		dt = Float32
	case reflect.Float64:
		dt = Float64
	case reflect.Int, reflect.Int64, reflect.Int8, reflect.Int16, reflect.Uint8, reflect.Uint16, reflect.Uint32:
		dt = Int64
	case reflect.Int32:
		dt = Int32
	case reflect.Bool:
		dt = Bool
	default:
		panic(fmt.Sprintf("tensor.New: unsupported element type %v", et))
	}
	t := newTensor(dt, shape)
	pos := 0
	var walk func(v reflect.Value, d int)
	walk = func(v reflect.Value, d int) {
		if d == len(shape) {
			switch dt {
			case Float32:
				t.f32[pos] = float32(v.Float())
			case Float64:
				t.f64[pos] = v.Float()
			case Int64:
				if v.CanInt() {
					t.i64[pos] = v.Int()
				} else {
					t.i64[pos] = int64(v.Uint())
				}
			case Int32:
				t.i32[pos] = int32(v.Int())
			case Bool:
				t.b[pos] = v.Bool()
			}
			pos++
			return
		}
		if v.Len() != shape[d] {
			panic(fmt.Sprintf("tensor.New: ragged nested slice: expected length %d at dim %d, got %d", shape[d], d, v.Len()))
		}
		for i := 0; i < v.Len(); i++ {
			walk(v.Index(i), d+1)
		}
	}
	walk(v, 0)
	return t
}

// resolveShape fills in one -1 from n elements, panicking for op on a mismatch.
func resolveShape(op string, n int, shape []int, from []int) []int {
	out := append([]int{}, shape...)
	neg := -1
	prod := 1
	for i, d := range out {
		switch {
		case d == -1:
			if neg >= 0 {
				panic(fmt.Sprintf("tensor.%s: only one dimension can be inferred in shape %v", op, shape))
			}
			neg = i
		case d < 0:
			panic(fmt.Sprintf("tensor.%s: invalid shape dimension %d in %v", op, d, shape))
		default:
			prod *= d
		}
	}
	if neg >= 0 {
		if prod == 0 || n%prod != 0 {
			panic(fmt.Sprintf("tensor.%s: shape %v is invalid for input of size %d (shape %v)", op, shape, n, from))
		}
		out[neg] = n / prod
	} else if prod != n {
		panic(fmt.Sprintf("tensor.%s: shape %v is invalid for input of size %d (shape %v)", op, shape, n, from))
	}
	return out
}

// FromSlice copies flat data into a tensor of the given shape (one -1 allowed; no shape
// means 1-D). int becomes Int64.
func FromSlice[T float32 | float64 | int64 | int32 | int | bool](data []T, shape ...int) *Tensor {
	if len(shape) == 0 {
		shape = []int{len(data)}
	}
	shape = resolveShape("FromSlice", len(data), shape, []int{len(data)})
	var t *Tensor
	switch d := any(data).(type) {
	case []float32:
		t = newTensor(Float32, shape)
		copy(t.f32, d)
	case []float64:
		t = newTensor(Float64, shape)
		copy(t.f64, d)
	case []int64:
		t = newTensor(Int64, shape)
		copy(t.i64, d)
	case []int32:
		t = newTensor(Int32, shape)
		copy(t.i32, d)
	case []int:
		t = newTensor(Int64, shape)
		for i, v := range d {
			t.i64[i] = int64(v)
		}
	case []bool:
		t = newTensor(Bool, shape)
		copy(t.b, d)
	}
	return t
}

// FromRows builds a Float64 [len(rows), len(rows[0])] tensor, like torch.tensor(iris.data).
func FromRows(rows [][]float64) *Tensor {
	if len(rows) == 0 {
		return newTensor(Float64, []int{0})
	}
	m := len(rows[0])
	t := newTensor(Float64, []int{len(rows), m})
	for i, r := range rows {
		if len(r) != m {
			panic(fmt.Sprintf("tensor.FromRows: row %d has %d values, row 0 has %d", i, len(r), m))
		}
		copy(t.f64[i*m:], r)
	}
	return t
}

// Zeros is a Float32 tensor of zeros.
func Zeros(shape ...int) *Tensor { return newTensor(Float32, shape) }

// Empty is a Float32 tensor; its storage is zeroed (Go allocates zeroed memory).
func Empty(shape ...int) *Tensor { return newTensor(Float32, shape) }

// Ones is a Float32 tensor of ones.
func Ones(shape ...int) *Tensor { return Full(shape, 1) }

// ZerosLike is zeros of t's shape and dtype.
func ZerosLike(t *Tensor) *Tensor { return newTensor(t.dtype, t.shape) }

// OnesLike is ones of t's shape and dtype.
func OnesLike(t *Tensor) *Tensor {
	o := newTensor(t.dtype, t.shape)
	o.fill(1)
	return o
}

// Full is a Float32 tensor filled with v.
func Full(shape []int, v float64) *Tensor {
	t := newTensor(Float32, shape)
	t.fill(v)
	return t
}

// FullInt is an Int64 tensor filled with v, like torch.full((2, 1), 1).
func FullInt(shape []int, v int64) *Tensor {
	t := newTensor(Int64, shape)
	for i := range t.i64 {
		t.i64[i] = v
	}
	return t
}

func (t *Tensor) fill(v float64) {
	switch t.dtype {
	case Float32:
		f := float32(v)
		for i := range t.f32 {
			t.f32[i] = f
		}
	case Float64:
		for i := range t.f64 {
			t.f64[i] = v
		}
	default:
		for i := 0; i < t.Numel(); i++ {
			t.set(i, v)
		}
	}
}

// Arange is a Float32 tensor start, start+step, ... below end (torch.arange with floats).
func Arange(start, end, step float64) *Tensor {
	if step == 0 || (end-start)/step < 0 {
		panic(fmt.Sprintf("tensor.Arange: invalid range start %v end %v step %v", start, end, step))
	}
	n := int(math.Ceil((end - start) / step))
	t := newTensor(Float32, []int{n})
	for i := range t.f32 {
		t.f32[i] = float32(start + float64(i)*step)
	}
	return t
}

// ArangeInt is an Int64 tensor start..end-1, like torch.arange(1, 21).
func ArangeInt(start, end int64) *Tensor {
	if end < start {
		panic(fmt.Sprintf("tensor.ArangeInt: end %d is below start %d", end, start))
	}
	t := newTensor(Int64, []int{int(end - start)})
	for i := range t.i64 {
		t.i64[i] = start + int64(i)
	}
	return t
}
