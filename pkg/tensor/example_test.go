package tensor_test

import (
	"fmt"

	"github.com/kosaku-dl/kosaku/pkg/tensor"
)

// Chapter 5: one weight w = 1.95, input x = 1, label t = 2. The loss is 0.0025, the
// gradient is nil before backward and -0.1 after; a manual SGD step with lr 0.3 moves w
// to 1.98, the next gradient is -0.04 and w becomes 1.992.
func Example_chapter5() {
	w := tensor.New([][]float32{{1.95}}).RequiresGrad()
	t := tensor.New([][]float32{{2.0}})
	x := tensor.New([]float32{1.0})
	f := func(x *tensor.Tensor) *tensor.Tensor { return w.MatMul(x) }
	mse := func(y, t *tensor.Tensor) *tensor.Tensor { return y.Sub(t).Pow(2).Mean() }
	step := func(lr float64) { // what torch.optim.SGD's step does
		tensor.NoGrad(func() { w.CopyFrom(w.Sub(w.Grad().MulScalar(lr))) })
	}

	y := f(x)
	fmt.Println(y)
	loss := mse(y, t)
	fmt.Println(loss.Detach())
	fmt.Println("before w.grad:", w.Grad())
	loss.Backward()
	fmt.Println("after w.grad:", w.Grad())
	fmt.Println(w)
	step(0.3)
	fmt.Println(w)

	w.ZeroGrad()
	fmt.Println(w.Grad())
	y = f(x)
	fmt.Println(y)
	mse(y, t).Backward()
	fmt.Println("updated w.grad:", w.Grad())
	step(0.3)
	fmt.Println("updated w:", w)
	// Output:
	// tensor([1.9500], grad_fn=<MvBackward0>)
	// tensor(0.0025)
	// before w.grad: <nil>
	// after w.grad: tensor([[-0.1000]])
	// tensor([[1.9500]], requires_grad=True)
	// tensor([[1.9800]], requires_grad=True)
	// tensor([[0.]])
	// tensor([1.9800], grad_fn=<MvBackward0>)
	// updated w.grad: tensor([[-0.0400]])
	// updated w: tensor([[1.9920]], requires_grad=True)
}

// Chapter 6: the integer walk-through of a linear layer, w @ x + b, a matrix product,
// x @ w.T + b for a batch, and the bias folded into the weights.
func Example_chapter6() {
	w := tensor.ArangeInt(1, 21).Reshape(5, 4)
	b := tensor.New([]int{1, 2, 3, 4, 5})
	x := tensor.New([]int{1, 2, 3, 4})
	fmt.Println(w.MatMul(x).Add(b))

	foo := tensor.New([][]int{{1, 2, 3}, {4, 5, 6}})
	bar := tensor.New([][]int{{1, 4}, {2, 5}, {3, 6}})
	fmt.Println(foo.MatMul(bar))

	X := tensor.New([][]int{{1, 2, 3, 4}, {1, 2, 3, 4}})
	out := X.MatMul(w.T()).Add(b)
	fmt.Println(out)

	w2 := tensor.Cat([]*tensor.Tensor{b.Unsqueeze(0), w.T()}, 0)
	ones := tensor.FullOf(tensor.Int64, 1, X.Len(), 1)
	fmt.Println("w2:", w2)
	fmt.Println("ones:", ones)
	x2 := tensor.Cat([]*tensor.Tensor{ones, X}, 1)
	fmt.Println("x2:", x2)
	folded := x2.MatMul(w2)
	fmt.Println(folded)
	fmt.Println(folded.Eq(out).Sum().Item() == float64(out.Numel()))
	// Output:
	// tensor([ 31,  72, 113, 154, 195])
	// tensor([[14, 32],
	//         [32, 77]])
	// tensor([[ 31,  72, 113, 154, 195],
	//         [ 31,  72, 113, 154, 195]])
	// w2: tensor([[ 1,  2,  3,  4,  5],
	//         [ 1,  5,  9, 13, 17],
	//         [ 2,  6, 10, 14, 18],
	//         [ 3,  7, 11, 15, 19],
	//         [ 4,  8, 12, 16, 20]])
	// ones: tensor([[1],
	//         [1]])
	// x2: tensor([[1, 1, 2, 3, 4],
	//         [1, 1, 2, 3, 4]])
	// tensor([[ 31,  72, 113, 154, 195],
	//         [ 31,  72, 113, 154, 195]])
	// true
}

// Indexing and slicing as chapter 3 does with the iris data.
func ExampleTensor_Slice() {
	X := tensor.FromRows([][]float64{{5.1, 3.5, 1.4, 0.2}, {4.9, 3.0, 1.4, 0.2}, {4.7, 3.2, 1.3, 0.2}})
	fmt.Println(X.Shape(), X.Len(), X.Dim(), X.DType())
	fmt.Println(X.Index(0).Index(0))
	fmt.Println(X.Slice(tensor.R(1, 3), tensor.R(1, 3)))
	// X[1:3][1:3] slices rows twice: only one row is left.
	fmt.Println(X.Slice(tensor.R(1, 3)).Slice(tensor.R(1, 3)))
	// Output:
	// torch.Size([3, 4]) 3 2 torch.float64
	// tensor(5.1000, dtype=torch.float64)
	// tensor([[3.0000, 1.4000],
	//         [3.2000, 1.3000]], dtype=torch.float64)
	// tensor([[4.7000, 3.2000, 1.3000, 0.2000]], dtype=torch.float64)
}

// String prints what PyTorch's str(tensor) prints: fixed or scientific notation chosen
// from the values, integer-valued floats with a trailing dot, dtype suffixes for
// non-default dtypes and "..." for tensors above 1000 elements.
func ExampleTensor_String() {
	fmt.Println(tensor.New([]float32{1, 3}).DivScalar(3))
	fmt.Println(tensor.New(float32(1)).DivScalar(75000))
	fmt.Println(tensor.New([]float32{1, 2000}))
	fmt.Println(tensor.New([]float32{-1, 0, 2}))
	fmt.Println(tensor.New([]int32{7, -12}))
	fmt.Println(tensor.New([]bool{true, false}))
	fmt.Println(tensor.ArangeInt(0, 1500))
	fmt.Println(tensor.Zeros(1, 2).RequiresGrad().Sigmoid())
	// Output:
	// tensor([0.3333, 1.0000])
	// tensor(1.3333e-05)
	// tensor([1.0000e+00, 2.0000e+03])
	// tensor([-1.,  0.,  2.])
	// tensor([  7, -12], dtype=torch.int32)
	// tensor([ True, False])
	// tensor([   0,    1,    2,  ..., 1497, 1498, 1499])
	// tensor([[0.5000, 0.5000]], grad_fn=<SigmoidBackward0>)
}

// torch.max(outputs, 1) and counting correct predictions.
func ExampleTensor_Max() {
	outputs := tensor.New([][]float32{{0.1, 2.5, -1}, {3, 0.2, 0.1}, {0, 0, 4}})
	labels := tensor.New([]int{1, 0, 1})
	_, predicted := outputs.Max(1)
	fmt.Println(predicted)
	fmt.Println(predicted.Eq(labels).Sum())
	// Output:
	// tensor([1, 0, 2])
	// tensor(2)
}

// Record adds a fused op with its own backward, as pkg/nn does for addmm.
func ExampleRecord() {
	x := tensor.New([][]float32{{1, 2}}).RequiresGrad()
	w := tensor.New([][]float32{{0.5, -1}}).RequiresGrad()
	var raw *tensor.Tensor
	tensor.NoGrad(func() { raw = x.MatMul(w.T()) })
	y := tensor.Record("MmBackward0", raw, []*tensor.Tensor{x, w}, func(g *tensor.Tensor) []*tensor.Tensor {
		return []*tensor.Tensor{g.MatMul(w), g.T().MatMul(x)}
	})
	fmt.Println(y)
	y.Sum().Backward()
	fmt.Println(x.Grad(), w.Grad())
	// Output:
	// tensor([[-1.5000]], grad_fn=<MmBackward0>)
	// tensor([[ 0.5000, -1.0000]]) tensor([[1., 2.]])
}

// Chapter 3 counts correct predictions and prints the loss with Python's % formatting;
// Go's fmt verbs do the same on one-element tensors.
func Example_fmtVerbs() {
	outputs := tensor.New([][]float64{{0.1, 0.9}, {0.8, 0.2}, {0.3, 0.7}})
	labels := tensor.New([]int{1, 0, 0})
	_, predicted := outputs.Max(1)
	correct := predicted.Eq(labels).Sum()
	loss := tensor.New(0.0691015)
	fmt.Printf("correct: %d / %d\n", correct, labels.Len())
	fmt.Printf("loss: %.4f\n", loss)
	fmt.Println(correct)
	fmt.Printf("%.2f\n", outputs)
	// Output:
	// correct: 2 / 3
	// loss: 0.0691
	// tensor(2)
	// [[0.10, 0.90], [0.80, 0.20], [0.30, 0.70]]
}
