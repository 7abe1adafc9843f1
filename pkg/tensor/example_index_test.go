package tensor_test

import (
	"fmt"

	"github.com/kosaku-dl/kosaku/pkg/datasets"
	"github.com/kosaku-dl/kosaku/pkg/tensor"
)

// Chapter 3: accessing the iris tensor's elements. X[0] is Index(0), X[1:3] is
// Slice(R(1, 3)), X[1:3, 1:3] is Slice(R(1, 3), R(1, 3)), and X[1:3][1:3] slices the
// two-row result again, which keeps only its second row.
func Example_chapter3Indexing() {
	X := datasets.Iris().Data

	fmt.Println(X.Size())
	fmt.Println(X.Len())
	fmt.Println(X.Dim())
	fmt.Println(X.DType())

	fmt.Println(X.Index(0))                              // 先頭行
	fmt.Println(X.Index(0).Index(0))                     // 先頭行の先頭要素
	fmt.Println(X.Slice(tensor.R(1, 3)))                 // 第 1 行と第 2 行
	fmt.Println(X.Slice(tensor.R(1, 3), tensor.R(1, 3))) // 第 1 行と第 2 行の 1 列目と 2 列目の要素
	fmt.Println(X.Slice(tensor.R(1, 3)).Slice(tensor.R(1, 3)))
	// Output:
	// torch.Size([150, 4])
	// 150
	// 2
	// torch.float64
	// tensor([5.1000, 3.5000, 1.4000, 0.2000], dtype=torch.float64)
	// tensor(5.1000, dtype=torch.float64)
	// tensor([[4.9000, 3.0000, 1.4000, 0.2000],
	//         [4.7000, 3.2000, 1.3000, 0.2000]], dtype=torch.float64)
	// tensor([[3.0000, 1.4000],
	//         [3.2000, 1.3000]], dtype=torch.float64)
	// tensor([[4.7000, 3.2000, 1.3000, 0.2000]], dtype=torch.float64)
}

// Integer indexing on another dim: PyTorch's x[:, 1] is Slice(Colon(), I(1)), the same as
// torch.select(x, 1, 1); x[:, 1] = v is SetSlice(v, Colon(), I(1)).
func Example_selectColumn() {
	x := tensor.FromSlice([]float32{1, 2, 3, 4, 5, 6}, 2, 3).RequiresGrad()
	fmt.Println(x.Slice(tensor.Colon(), tensor.I(1)))
	fmt.Println(x.Select(1, -1))

	y := tensor.Zeros(2, 3)
	y.SetSlice(tensor.FromSlice([]float32{7, 8}), tensor.Colon(), tensor.I(1))
	y.SetIndex(0, 5.0) // y[0] = 5
	fmt.Println(y)
	// Output:
	// tensor([2., 5.], grad_fn=<SelectBackward0>)
	// tensor([3., 6.], grad_fn=<SelectBackward0>)
	// tensor([[5., 5., 5.],
	//         [0., 8., 0.]])
}

// Chapter 6: computing the output row by row. Python's
//
//	result = torch.zeros(len(x), len(w))
//	idx = 0
//	for item in x:
//	    result[idx] = w @ item + b
//	    idx += 1
//
// becomes a range over x.Rows() and SetIndex. The integer products are cast to result's
// float32, as PyTorch's index assignment does.
func Example_chapter6RowLoop() {
	w := tensor.New([][]int{{1, 2, 3, 4}, {5, 6, 7, 8}, {9, 10, 11, 12}, {13, 14, 15, 16}, {17, 18, 19, 20}})
	b := tensor.New([]int{1, 2, 3, 4, 5})
	x := tensor.New([][]int{{1, 2, 3, 4}, {1, 2, 3, 4}}) // 入力値 x は 2 行 4 列の行列

	result := tensor.Zeros(x.Len(), w.Len()) // 2 行 5 列で 0 を要素とする行列
	for idx, item := range x.Rows() {
		result.SetIndex(idx, w.MatMul(item).Add(b))
	}
	fmt.Println(result)
	// Output:
	// tensor([[ 31.,  72., 113., 154., 195.],
	//         [ 31.,  72., 113., 154., 195.]])
}

// With parameters that require grad (chapter 6's commented-out forward), the loop is
// recorded: result's grad_fn is CopySlices and the gradient reaches w and b.
func Example_chapter6RowLoopGrad() {
	w := tensor.Arange(1, 21, 1).Reshape(5, 4).Detach().RequiresGrad()
	b := tensor.Arange(1, 6, 1).RequiresGrad()
	x := tensor.FromSlice([]float32{1, 2, 3, 4, 5, 6, 7, 8}, 2, 4)

	result := tensor.Zeros(x.Len(), w.Len())
	for idx, item := range x.Rows() {
		result.SetIndex(idx, w.MatMul(item).Add(b))
	}
	fmt.Println(result)
	result.Sum().Backward()
	fmt.Println(b.Grad())
	// Output:
	// tensor([[ 31.,  72., 113., 154., 195.],
	//         [ 71., 176., 281., 386., 491.]], grad_fn=<CopySlices>)
	// tensor([2., 2., 2., 2., 2.])
}
