package functional

import (
	"fmt"

	"github.com/kosaku-dl/kosaku/pkg/nn/internal/kernels"
	"github.com/kosaku-dl/kosaku/pkg/tensor"
)

// IntOrPair is a size PyTorch takes as an int or an (h, w) tuple: the kernel size,
// stride, padding and dilation of Conv2d and MaxPool2d. Pass 3 for (3, 3), or
// [2]int{3, 5} for 3 rows by 5 columns.
type IntOrPair interface{ int | [2]int }

// pair returns v as (h, w).
func pair[V IntOrPair](v V) [2]int {
	switch v := any(v).(type) {
	case int:
		return [2]int{v, v}
	case [2]int:
		return v
	}
	panic("unreachable")
}

// dilationPair reads the optional dilation argument: none is (1, 1), one value is
// used for both dims, two are (h, w).
func dilationPair(op string, d []int) [2]int {
	switch len(d) {
	case 0:
		return [2]int{1, 1}
	case 1:
		return [2]int{d[0], d[0]}
	case 2:
		return [2]int{d[0], d[1]}
	}
	panic(fmt.Sprintf("%s: dilation takes one value or two (height, width), got %v", op, d))
}

// floatData returns t's elements as []T (T is t's dtype, checked by the caller).
func floatData[T tensor.Float](t *tensor.Tensor) []T {
	if kernels.Is64[T]() {
		return kernels.As[T](t.Float64s())
	}
	return kernels.As[T](t.Float32s())
}

// gradOf is emptyOf for a gradient a backward function returns: zeroed storage from
// the gradient free list, which Backward reuses once the gradient is consumed.
func gradOf[T tensor.Float](shape ...int) *tensor.Tensor {
	if kernels.Is64[T]() {
		return tensor.EmptyGrad(tensor.Float64, shape...)
	}
	return tensor.EmptyGrad(tensor.Float32, shape...)
}

// emptyOf returns an uninitialised tensor of element type T.
func emptyOf[T tensor.Float](shape ...int) *tensor.Tensor {
	if kernels.Is64[T]() {
		return tensor.EmptyOf(tensor.Float64, shape...)
	}
	return tensor.Empty(shape...)
}
