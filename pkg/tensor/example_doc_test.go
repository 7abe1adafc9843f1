package tensor_test

import (
	"errors"
	"fmt"

	"github.com/kosaku-dl/kosaku/pkg/tensor"
)

// The package doc's table of creation functions, each line run: the shape is the
// trailing ...int, the dtype Float32 unless an ...Of variant names it.
func Example_creation() {
	g := tensor.NewGenerator(1)
	for _, x := range []*tensor.Tensor{
		tensor.Zeros(2, 3), tensor.ZerosOf(tensor.Int64, 2, 3),
		tensor.Ones(2, 3), tensor.OnesOf(tensor.Bool, 2, 3),
		tensor.Empty(2, 3), tensor.EmptyOf(tensor.Float64, 2, 3),
		tensor.Full(0.5, 2, 3), tensor.FullOf(tensor.Int64, 1, 2, 1),
		tensor.Arange(0, 1, 0.25), tensor.ArangeOf(tensor.Float64, 0, 1, 0.25), tensor.ArangeInt(1, 21),
		tensor.Linspace(1.9, 2.1, 41), tensor.LinspaceOf(tensor.Float64, 1.9, 2.1, 41),
		tensor.Rand(g, 2, 3), tensor.Randn(g, 2, 3), tensor.RandOf(tensor.Float64, g, 2, 3), tensor.RandnOf(tensor.Float64, g, 2, 3),
	} {
		fmt.Println(x.DType(), x.Shape())
	}
	fmt.Println(tensor.FullOf(tensor.Int64, 1, 2, 1)) // torch.full((2, 1), 1)
	// Output:
	// torch.float32 torch.Size([2, 3])
	// torch.int64 torch.Size([2, 3])
	// torch.float32 torch.Size([2, 3])
	// torch.bool torch.Size([2, 3])
	// torch.float32 torch.Size([2, 3])
	// torch.float64 torch.Size([2, 3])
	// torch.float32 torch.Size([2, 3])
	// torch.int64 torch.Size([2, 1])
	// torch.float32 torch.Size([4])
	// torch.float64 torch.Size([4])
	// torch.int64 torch.Size([20])
	// torch.float32 torch.Size([41])
	// torch.float64 torch.Size([41])
	// torch.float32 torch.Size([2, 3])
	// torch.float32 torch.Size([2, 3])
	// torch.float64 torch.Size([2, 3])
	// torch.float64 torch.Size([2, 3])
	// tensor([[1],
	//         [1]])
}

// Graph's doc line: the chain of grad_fns behind a loss, root first, each with the
// IDs of the nodes it passes gradients to.
func ExampleGraph() {
	w := tensor.New([][]float64{{1.95}}).RequiresGrad()
	loss := w.MatMul(tensor.New([]float64{1})).Sub(tensor.New([]float64{2})).Pow(2).Mean()
	for _, n := range tensor.Graph(loss) {
		fmt.Println(n.Name, n.Inputs)
	}
	// Output:
	// MeanBackward0 [1]
	// PowBackward0 [2]
	// SubBackward0 [3]
	// MvBackward0 [4]
	// AccumulateGrad []
}

// An op of one's own panics with a *ShapeError when its operands do not fit; the
// message prints shapes as [2 3], and a caller that recovers can match the type.
func ExampleShapeErrorf() {
	myOp := func(x, y *tensor.Tensor) *tensor.Tensor {
		if !tensor.SameShape(x, y) {
			panic(tensor.ShapeErrorf("F.MyOp", "shapes %v and %v differ", x.Shape(), y.Shape()))
		}
		return x.Add(y)
	}
	defer func() {
		err, _ := recover().(error)
		var se *tensor.ShapeError
		fmt.Println(err, errors.As(err, &se))
	}()
	myOp(tensor.Zeros(2, 3), tensor.Zeros(3, 2))
	// Output:
	// F.MyOp: shapes [2 3] and [3 2] differ true
}
