package tensor

import (
	"fmt"
	"reflect"
)

// New builds a tensor from a Go scalar or nested slices of any rank, like torch.tensor.
// The dtype is PyTorch's for the equivalent Python literal: Go floats (float64 or float32)
// give Float32, PyTorch's default dtype, because a Go float literal is what a reader writes
// for Python's 1.95; Go integers give Int64 (int32 gives Int32); bools give Bool. Pass a
// dtype to choose another one, as torch.tensor(x, dtype=...) does:
// New([]float64{0.1}, Float64) keeps the float64 values exactly. FromSlice keeps the Go
// slice's own type instead (torch.from_numpy).
func New(data any, dt ...DType) *Tensor {
	if len(dt) > 1 {
		panic(fmt.Sprintf("tensor.New: at most one dtype, got %d (%v)", len(dt), dt))
	}
	v := reflect.ValueOf(data)
	if !v.IsValid() {
		panic("tensor.New: data is nil; pass a Go number, bool or a (nested) slice of them")
	}
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
	var natural DType
	switch et.Kind() {
	case reflect.Float32, reflect.Float64:
		natural = Float32
	case reflect.Int, reflect.Int64, reflect.Int8, reflect.Int16, reflect.Uint8, reflect.Uint16, reflect.Uint32:
		natural = Int64
	case reflect.Int32:
		natural = Int32
	case reflect.Bool:
		natural = Bool
	default:
		panic(fmt.Sprintf("tensor.New: unsupported element type %v; use float64, float32, int, int64, int32 or bool", et))
	}
	target := natural
	if len(dt) == 1 {
		target = dt[0]
	}
	t := newTensor(target, shape)
	pos := 0
	var walk func(v reflect.Value, d int)
	walk = func(v reflect.Value, d int) {
		if d == len(shape) {
			switch {
			case v.Kind() == reflect.Bool:
				if v.Bool() {
					t.set(pos, 1)
				}
			case v.CanFloat():
				t.set(pos, v.Float())
			case v.CanInt():
				t.setInt(pos, v.Int())
			default:
				t.setInt(pos, int64(v.Uint()))
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

// setInt writes flat element i from an int64 without passing integers through float64
// (int64 values above 2^53 stay exact).
func (t *Tensor) setInt(i int, v int64) {
	switch t.dtype {
	case Int64:
		t.i64[i] = v
	case Int32:
		t.i32[i] = int32(v)
	default:
		t.set(i, float64(v))
	}
}

// resolveShape fills in one -1 from n elements, panicking for op on a mismatch.
func resolveShape(op string, n int, shape []int, from []int) []int {
	checkCount("tensor."+op, shape)
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

// Creation functions follow one convention: the shape is always the trailing ...int, the
// dtype is Float32 (PyTorch's default), and each has an ...Of variant that takes the dtype
// first: Zeros(2, 3), ZerosOf(Int64, 2, 3), Full(0.5, 2, 3), FullOf(Int64, 1, 2, 1).

// Zeros is a Float32 tensor of zeros (torch.zeros).
func Zeros(shape ...int) *Tensor { return newTensor(Float32, shape) }

// ZerosOf is a tensor of zeros of dtype dt (torch.zeros(..., dtype=dt)).
func ZerosOf(dt DType, shape ...int) *Tensor { return newTensor(checkDType("ZerosOf", dt), shape) }

// Empty is a Float32 tensor (torch.empty); its storage is zeroed, since Go allocates
// zeroed memory, where PyTorch leaves whatever the memory held.
func Empty(shape ...int) *Tensor { return newTensor(Float32, shape) }

// EmptyOf is Empty of dtype dt.
func EmptyOf(dt DType, shape ...int) *Tensor { return newTensor(checkDType("EmptyOf", dt), shape) }

// Ones is a Float32 tensor of ones (torch.ones).
func Ones(shape ...int) *Tensor { return Full(1, shape...) }

// OnesOf is a tensor of ones of dtype dt.
func OnesOf(dt DType, shape ...int) *Tensor { return FullOf(dt, 1, shape...) }

// Full is a Float32 tensor filled with v (torch.full(shape, v) with a float v).
func Full(v float64, shape ...int) *Tensor { return FullOf(Float32, v, shape...) }

// FullOf is a tensor of dtype dt filled with v, e.g. FullOf(Int64, 1, 2, 1) is
// torch.full((2, 1), 1). v converts as a cast does (ints truncate, bool is v != 0).
func FullOf(dt DType, v float64, shape ...int) *Tensor {
	t := newTensor(checkDType("FullOf", dt), shape)
	t.fill(v)
	return t
}

// ZerosLike is zeros of t's shape and dtype.
func ZerosLike(t *Tensor) *Tensor { return newTensor(t.dtype, t.shape) }

// OnesLike is ones of t's shape and dtype.
func OnesLike(t *Tensor) *Tensor {
	o := newTensor(t.dtype, t.shape)
	o.fill(1)
	return o
}

// checkDType panics for op on a value that is not one of the package's dtypes (a
// DType converted from a stray integer).
func checkDType(op string, dt DType) DType {
	if dt > Bool {
		panic(fmt.Sprintf("tensor.%s: unknown dtype %v; use Float32, Float64, Int64, Int32 or Bool", op, dt))
	}
	return dt
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
