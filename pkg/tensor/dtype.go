package tensor

import (
	"fmt"
	"strconv"
	"strings"
)

// DType names the element type of a tensor's storage.
type DType uint8

// The dtypes the lessons use. Float32 is the default for float data, as in PyTorch.
const (
	Float32 DType = iota
	Float64
	Int64
	Int32
	Bool
)

// dtypeNames holds each dtype's PyTorch name and the Go expression for it.
var dtypeNames = [...]struct{ torch, goName string }{
	Float32: {"torch.float32", "tensor.Float32"},
	Float64: {"torch.float64", "tensor.Float64"},
	Int64:   {"torch.int64", "tensor.Int64"},
	Int32:   {"torch.int32", "tensor.Int32"},
	Bool:    {"torch.bool", "tensor.Bool"},
}

// String gives PyTorch's name for the dtype, e.g. "torch.float32".
func (d DType) String() string {
	if int(d) < len(dtypeNames) {
		return dtypeNames[d].torch
	}
	return "torch.dtype(" + strconv.Itoa(int(d)) + ")"
}

// IsFloat reports whether d is a floating-point dtype (the only ones autograd supports).
func (d DType) IsFloat() bool { return d == Float32 || d == Float64 }

// Size is a tensor shape; it prints like PyTorch's torch.Size.
type Size []int

// String prints "torch.Size([150, 4])".
func (s Size) String() string {
	parts := make([]string, len(s))
	for i, v := range s {
		parts[i] = strconv.Itoa(v)
	}
	return "torch.Size([" + strings.Join(parts, ", ") + "])"
}

// Numel is the product of the dimensions (1 for a 0-d shape).
func (s Size) Numel() int {
	n := 1
	for _, v := range s {
		n *= v
	}
	return n
}

// shapeStr formats a shape for panic messages: "[2 3]".
func shapeStr(s []int) string { return fmt.Sprint(s) }

func sameShape(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func numelOf(shape []int) int {
	n := 1
	for _, v := range shape {
		n *= v
	}
	return n
}

// normDim turns a possibly negative dim into an index in [0, rank), panicking for op otherwise.
func normDim(op string, dim, rank int) int {
	r := rank
	if r == 0 {
		r = 1 // PyTorch accepts dim 0 / -1 on 0-d tensors
	}
	if dim < -r || dim >= r {
		panic(fmt.Sprintf("tensor.%s: dim %d out of range for a %d-d tensor", op, dim, rank))
	}
	if dim < 0 {
		dim += r
	}
	return dim
}

// goName is the Go expression for d, for messages that tell the reader what to write.
func (d DType) goName() string {
	if int(d) < len(dtypeNames) {
		return dtypeNames[d].goName
	}
	return "tensor.DType(" + strconv.Itoa(int(d)) + ")"
}
