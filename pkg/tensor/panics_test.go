package tensor

import (
	"testing"

	"github.com/kosaku-dl/kosaku/pkg/internal/testkit"
)

func TestBadInputPanics(t *testing.T) {
	a23 := Zeros(2, 3)
	cases := []struct {
		name string
		f    func()
		want string
	}{
		{"add", func() { a23.Add(Zeros(4)) }, "tensor.Add: shapes [2 3] and [4] are not broadcastable"},
		{"mul", func() { Zeros(2, 3).Mul(Zeros(3, 2)) }, "tensor.Mul: shapes [2 3] and [3 2] are not broadcastable"},
		{"eq", func() { Zeros(2).Eq(Zeros(3)) }, "tensor.Eq: shapes [2] and [3] are not broadcastable"},
		{"matmul", func() { Zeros(2, 3).MatMul(Zeros(4, 5)) }, "tensor.MatMul: shapes [2 3] and [4 5] cannot be multiplied (3 != 4)"},
		{"matmul bool", func() { Zeros(2, 3).Bool().MatMul(Zeros(3, 2).Bool()) }, "tensor.MatMul: torch.bool tensors cannot be multiplied (shapes [2 3] and [3 2]); cast them first with .Long() or .Float()"},
		{"matmul dtype", func() { Zeros(2, 3).MatMul(Zeros(3, 2).Double()) },
			"tensor.MatMul: expected both operands to have the same dtype, got torch.float32 (shape [2 3]) and torch.float64 (shape [3 2])"},
		{"matmul 0-d", func() { Zeros().MatMul(Zeros(2)) }, "tensor.MatMul: both arguments need at least 1 dimension, got shapes [] and [2]"},
		{"matmul batch", func() { Zeros(2, 3, 4).MatMul(Zeros(3, 4, 5)) }, "tensor.MatMul: batch dims of shapes [2 3 4] and [3 4 5] are not broadcastable"},
		{"cat", func() { Cat([]*Tensor{Zeros(2, 3), Zeros(2, 4)}, 0) },
			"tensor.Cat: sizes of tensors must match except in dimension 0: got shapes [2 3] and [2 4] (tensor 1)"},
		{"cat rank", func() { Cat([]*Tensor{Zeros(2, 3), Zeros(3)}, 0) },
			"tensor.Cat: tensors must have the same number of dimensions: got shapes [2 3] and [3] (tensor 1)"},
		{"stack", func() { Stack([]*Tensor{Zeros(2, 3), Zeros(3, 2)}, 0) },
			"tensor.Stack: stack expects each tensor to be equal size, but got [2 3] at entry 0 and [3 2] at entry 1"},
		{"reshape", func() { a23.Reshape(4, 2) }, "tensor.Reshape: shape [4 2] is invalid for input of size 6 (shape [2 3])"},
		{"reshape -1", func() { a23.Reshape(4, -1) }, "tensor.Reshape: shape [4 -1] is invalid for input of size 6 (shape [2 3])"},
		{"reshape two -1", func() { a23.Reshape(-1, -1) }, "tensor.Reshape: only one dimension can be inferred in shape [-1 -1]"},
		{"dtype", func() { a23.Float64s() }, "tensor.Float64s: tensor has dtype torch.float32, not torch.float64 (shape [2 3])"},
		{"dtype int", func() { a23.Int64s() }, "tensor.Int64s: tensor has dtype torch.float32, not torch.int64 (shape [2 3])"},
		{"requires grad int", func() { ArangeInt(0, 3).RequiresGrad() },
			"tensor.SetRequiresGrad: only floating point tensors can require gradients, got torch.int64 (shape [3])"},
		{"mean int", func() { ArangeInt(0, 3).Mean() },
			"tensor.Mean: could not infer output dtype; input dtype torch.int64 (shape [3]) must be a floating point type"},
		{"backward non-scalar", func() { Zeros(2, 3).RequiresGrad().MulScalar(2).Backward() },
			"tensor.Backward: grad can be implicitly created only for scalar outputs, got shape [2 3]"},
		{"backward grad shape", func() { Zeros(2, 3).RequiresGrad().MulScalar(2).Backward(Zeros(3)) },
			"tensor.Backward: gradient shape [3] does not match tensor shape [2 3]"},
		{"backward no grad", func() { Zeros(1).Sum().Backward() },
			"tensor.Backward: element 0 of tensors does not require grad and does not have a grad_fn (shape [])"},
		{"index", func() { a23.Index(2) }, "tensor.Index: index 2 is out of bounds for dimension 0 with size 2 (shape [2 3])"},
		{"index neg", func() { a23.Index(-3) }, "tensor.Index: index -3 is out of bounds for dimension 0 with size 2 (shape [2 3])"},
		{"at", func() { a23.At(0, 3) }, "tensor.At: index 3 is out of bounds for dimension 1 with size 3 (shape [2 3])"},
		{"at rank", func() { a23.At(0) }, "tensor.At: 1 indices for a tensor of shape [2 3]"},
		{"slice", func() { a23.Slice(Colon(), Colon(), Colon()) }, "tensor.Slice: too many indices (3) for a tensor of shape [2 3]"},
		{"item", func() { a23.Item() }, "tensor.Item: a tensor with 6 elements (shape [2 3]) cannot be converted to a scalar"},
		{"len", func() { Zeros().Len() }, "tensor.Len: len() of a 0-d tensor"},
		{"dim", func() { a23.SumDim(2, false) }, "tensor.SumDim: dim 2 out of range for a 2-d tensor"},
		{"transpose", func() { a23.Transpose(0, -3) }, "tensor.Transpose: dim -3 out of range for a 2-d tensor"},
		{"T", func() { Zeros(2, 3, 4).T() }, "tensor.T: expects a tensor with <= 2 dimensions, got shape [2 3 4]"},
		{"copy", func() { a23.CopyFrom(Zeros(3, 2)) }, "tensor.CopyFrom: destination [2 3] torch.float32 and source [3 2] torch.float32 differ"},
		{"new ragged", func() { New([][]float32{{1, 2}, {3}}) }, "tensor.New: ragged nested slice: expected length 2 at dim 1, got 1"},
		{"fromslice", func() { FromSlice([]float32{1, 2, 3}, 2, 2) }, "tensor.FromSlice: shape [2 2] is invalid for input of size 3 (shape [3])"},
		{"uniform int", func() { ArangeInt(0, 3).Uniform_(0, 1, nil) }, "tensor.Uniform_: needs a float tensor, got torch.int64 (shape [3])"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := testkit.MustPanic(t, c.f); got != c.want {
				t.Errorf("panic message\n got: %s\nwant: %s", got, c.want)
			}
		})
	}
}
