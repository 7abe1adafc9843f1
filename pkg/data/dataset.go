package data

import (
	"fmt"

	"github.com/kosaku-dl/kosaku/pkg/tensor"
)

// Dataset is a numbered collection of examples, PyTorch's torch.utils.data.Dataset:
// Len is len(dataset) and Get(i) is dataset[i], one input and its label.
//
//	image, label := trainset.Get(0) // image, label = trainset[0]
type Dataset interface {
	Len() int
	Get(i int) (x, y *tensor.Tensor)
}

// Batcher is a Dataset that can build a whole batch at once. Batch(indices) must give
// what stacking Get(i) for each index along a new first dimension gives (PyTorch's
// default collation), only faster: the MNIST dataset writes a batch of images straight
// into one float32 buffer. DataLoader uses Batch whenever a dataset provides it.
type Batcher interface {
	Dataset
	Batch(indices []int) (x, y *tensor.Tensor)
}

// batch builds the batch of the items at indices, through Batch when ds has it and by
// stacking single items otherwise.
func batch(ds Dataset, indices []int) (x, y *tensor.Tensor) {
	if b, ok := ds.(Batcher); ok {
		return b.Batch(indices)
	}
	xs := make([]*tensor.Tensor, len(indices))
	ys := make([]*tensor.Tensor, len(indices))
	for k, i := range indices {
		xs[k], ys[k] = ds.Get(i)
	}
	return tensor.Stack(xs, 0), tensor.Stack(ys, 0)
}

// TensorDataset pairs the rows of two tensors, torch.utils.data.TensorDataset(X, y):
// item i is (X[i], Y[i]).
type TensorDataset struct {
	X, Y *tensor.Tensor
}

// NewTensorDataset pairs the rows of x and y, which must have the same length.
func NewTensorDataset(x, y *tensor.Tensor) *TensorDataset {
	if x.Dim() == 0 || y.Dim() == 0 || x.Len() != y.Len() {
		panic(tensor.ShapeErrorf("data.NewTensorDataset", "shapes %v and %v differ in their first dimension", x.Shape(), y.Shape()))
	}
	return &TensorDataset{X: x, Y: y}
}

// Len is the number of rows.
func (d *TensorDataset) Len() int { return d.X.Len() }

// Get is row i of X and row i of Y.
func (d *TensorDataset) Get(i int) (x, y *tensor.Tensor) {
	checkIndex("TensorDataset.Get", i, d.Len())
	return d.X.Index(i), d.Y.Index(i)
}

// Batch gathers the rows at indices of X and of Y into two new tensors.
func (d *TensorDataset) Batch(indices []int) (x, y *tensor.Tensor) {
	for _, i := range indices {
		checkIndex("TensorDataset.Batch", i, d.Len())
	}
	return gatherRows(d.X, indices), gatherRows(d.Y, indices)
}

// gatherRows copies rows indices of t (along dimension 0) into a new tensor of t's
// dtype, shape [len(indices), t.Shape()[1:]...].
func gatherRows(t *tensor.Tensor, indices []int) *tensor.Tensor {
	shape := t.Shape()
	out := append([]int{len(indices)}, shape[1:]...)
	row := 1
	for _, d := range shape[1:] {
		row *= d
	}
	switch t.DType() {
	case tensor.Float32:
		return tensor.FromSlice(gather(t.Float32s(), row, indices), out...)
	case tensor.Float64:
		return tensor.FromSlice(gather(t.Float64s(), row, indices), out...)
	case tensor.Int64:
		return tensor.FromSlice(gather(t.Int64s(), row, indices), out...)
	case tensor.Int32:
		return tensor.FromSlice(gather(t.Int32s(), row, indices), out...)
	case tensor.Bool:
		return tensor.FromSlice(gather(t.Bools(), row, indices), out...)
	}
	panic(fmt.Sprintf("data.gatherRows: dtype %v is not supported", t.DType()))
}

func gather[T any](src []T, row int, indices []int) []T {
	dst := make([]T, 0, row*len(indices))
	for _, i := range indices {
		dst = append(dst, src[i*row:(i+1)*row]...)
	}
	return dst
}

// Subset is the part of a dataset at the given indices, what RandomSplit returns
// (torch.utils.data.Subset): item i is Dataset's item Indices[i].
type Subset struct {
	Dataset Dataset
	Indices []int
}

// Len is the number of indices.
func (s *Subset) Len() int { return len(s.Indices) }

// Get is item Indices[i] of the underlying dataset.
func (s *Subset) Get(i int) (x, y *tensor.Tensor) {
	checkIndex("Subset.Get", i, len(s.Indices))
	return s.Dataset.Get(s.Indices[i])
}

// Batch translates the indices and lets the underlying dataset build the batch, so a
// subset of MNIST keeps MNIST's fast batching.
func (s *Subset) Batch(indices []int) (x, y *tensor.Tensor) {
	inner := make([]int, len(indices))
	for k, i := range indices {
		checkIndex("Subset.Batch", i, len(s.Indices))
		inner[k] = s.Indices[i]
	}
	return batch(s.Dataset, inner)
}

func checkIndex(op string, i, n int) {
	if i < 0 || i >= n {
		panic(fmt.Sprintf("data.%s: index %d is out of range for %d items", op, i, n))
	}
}
