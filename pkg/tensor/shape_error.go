package tensor

import (
	"fmt"
	"slices"
)

// ShapeError is what an op panics with when its operands' shapes do not fit: a
// programmer error, as gonum/mat's ErrShape, that names the op and the shapes. It
// prints as "op: message", so a notebook shows the same line as for a string panic;
// code that recovers can match it with errors.As.
type ShapeError struct {
	Op  string // the op that panicked: "F.Linear", "tensor.MatMul"
	Msg string // what did not fit, naming the shapes as [2 3]
}

func (e *ShapeError) Error() string { return e.Op + ": " + e.Msg }

// ShapeErrorf returns a *ShapeError for op with the message fmt.Sprintf(format,
// args...), where Size arguments (what Shape returns) print as plain lists, [2 3],
// as shapes do in every panic of the package, rather than as torch.Size([2, 3]).
// Ops in other packages panic with it:
//
//	if !tensor.SameShape(x, y) {
//		panic(tensor.ShapeErrorf("F.MyOp", "shapes %v and %v differ", x.Shape(), y.Shape()))
//	}
func ShapeErrorf(op, format string, args ...any) *ShapeError {
	args = slices.Clone(args)
	for i, a := range args {
		if s, ok := a.(Size); ok {
			args[i] = []int(s)
		}
	}
	return &ShapeError{Op: op, Msg: fmt.Sprintf(format, args...)}
}
