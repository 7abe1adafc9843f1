package data

import (
	"fmt"
	"iter"

	"github.com/kosaku-dl/kosaku/pkg/tensor"
)

// DataLoader hands out a dataset in batches, torch.utils.data.DataLoader. It is set up
// with the names of PyTorch's keyword arguments,
//
//	trainloader := &data.DataLoader{Dataset: trainset, BatchSize: 20, Shuffle: true}
//
// and iterated with a Go range-over-func loop, one batch of inputs and labels at a time:
//
//	for inputs, labels := range trainloader.All() { … }
//
// Each call of All is one epoch. With Shuffle, every epoch visits the items in a new
// order; the order of epoch e depends only on the shuffle seed and e, so a program run
// twice, or a notebook cell run again, sees the same batches.
type DataLoader struct {
	Dataset   Dataset
	BatchSize int  // items per batch; 0 means 1, as in PyTorch
	Shuffle   bool // a new random order every epoch (PyTorch: shuffle=True)
	DropLast  bool // leave out a last batch smaller than BatchSize

	// ShuffleSeed fixes the shuffle order. 0 means a seed is drawn once from the global
	// generator (tensor.ManualSeed makes that reproducible too) when first needed.
	ShuffleSeed uint64

	epochs int // epochs All has started
}

// Len is the number of batches in one epoch, len(dataloader) in PyTorch. The number of
// items is l.Dataset.Len(), what len(dataloader.dataset) gives.
func (l *DataLoader) Len() int {
	b := l.batchSize()
	n := l.Dataset.Len()
	if l.DropLast {
		return n / b
	}
	return (n + b - 1) / b
}

// All yields the batches of the next epoch: inputs stacked along a new first dimension
// (for MNIST [20, 1, 28, 28] float32) and their labels ([20] int64).
func (l *DataLoader) All() iter.Seq2[*tensor.Tensor, *tensor.Tensor] {
	l.epochs++
	return l.EpochBatches(l.epochs, 0)
}

// EpochBatches yields the batches of epoch number epoch (1 for the first), starting at
// batch number start (0-based); the batches before start are skipped without being
// built. This is what a training session uses to resume in the middle of an epoch in a
// fresh process: the order depends on the seed and epoch only.
func (l *DataLoader) EpochBatches(epoch, start int) iter.Seq2[*tensor.Tensor, *tensor.Tensor] {
	if epoch < 1 {
		panic(fmt.Sprintf("data.DataLoader.EpochBatches: epoch %d; epochs count from 1", epoch))
	}
	order := l.Order(epoch)
	b, nb := l.batchSize(), l.Len()
	return func(yield func(*tensor.Tensor, *tensor.Tensor) bool) {
		for k := max(start, 0); k < nb; k++ {
			x, y := batch(l.Dataset, order[k*b:min((k+1)*b, len(order))])
			if !yield(x, y) {
				return
			}
		}
	}
}

// Order is the order in which epoch number epoch visits the items: 0, 1, 2, … without
// Shuffle, a permutation from the generator seeded by (seed, epoch) with it.
func (l *DataLoader) Order(epoch int) []int {
	l.batchSize() // checks the configuration
	n := l.Dataset.Len()
	if !l.Shuffle {
		order := make([]int, n)
		for i := range order {
			order[i] = i
		}
		return order
	}
	return tensor.NewGenerator(tensor.EpochSeed(l.Seed(), epoch)).Perm(n)
}

// Seed is the shuffle seed: ShuffleSeed, or the one drawn from the global generator
// the first time it was needed. A loader without Shuffle draws none and reports 0.
func (l *DataLoader) Seed() uint64 {
	if l.ShuffleSeed == 0 && l.Shuffle {
		l.ShuffleSeed = globalSeed()
	}
	return l.ShuffleSeed
}

func (l *DataLoader) batchSize() int {
	if l.Dataset == nil {
		panic("data.DataLoader: no Dataset set (write &data.DataLoader{Dataset: trainset, BatchSize: 20})")
	}
	if l.BatchSize < 0 {
		panic(fmt.Sprintf("data.DataLoader: BatchSize %d is negative", l.BatchSize))
	}
	return max(l.BatchSize, 1)
}

// EpochSeed is tensor.EpochSeed, the one derivation of an epoch's shuffle seed that
// loaders and training sessions share.
//
// Deprecated: use tensor.EpochSeed.
func EpochSeed(seed uint64, epoch int) uint64 { return tensor.EpochSeed(seed, epoch) }
