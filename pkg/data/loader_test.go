package data

import (
	"slices"
	"testing"

	"github.com/kosaku-dl/kosaku/pkg/internal/testkit"

	"github.com/kosaku-dl/kosaku/pkg/tensor"
)

// tenRows is a TensorDataset of 10 rows: x[i] = (10i, 10i+1, 10i+2) float32, y[i] = i.
func tenRows() *TensorDataset {
	xs := make([]float32, 30)
	for i := range xs {
		xs[i] = float32(10*(i/3) + i%3)
	}
	return NewTensorDataset(tensor.FromSlice(xs, 10, 3), tensor.ArangeInt(0, 10))
}

// collect runs one epoch and returns the shapes of the batches and the label order.
func collect(seq func(func(*tensor.Tensor, *tensor.Tensor) bool)) (shapes [][]int, labels []int) {
	for x, y := range seq {
		shapes = append(shapes, []int(x.Shape()))
		for k := range y.Len() {
			labels = append(labels, int(y.At(k)))
			if x.At(k, 0) != 10*y.At(k) || x.At(k, 2) != 10*y.At(k)+2 {
				panic("an input row does not belong to its label")
			}
		}
	}
	return shapes, labels
}

func TestDataLoaderBatches(t *testing.T) {
	ds := tenRows()
	l := &DataLoader{Dataset: ds, BatchSize: 4}
	if l.Len() != 3 {
		t.Errorf("Len = %d, want 3", l.Len())
	}
	shapes, labels := collect(l.All())
	if !slices.EqualFunc(shapes, [][]int{{4, 3}, {4, 3}, {2, 3}}, slices.Equal) {
		t.Errorf("batch shapes %v, want [4 3] [4 3] [2 3]", shapes)
	}
	if !slices.Equal(labels, []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}) {
		t.Errorf("unshuffled order %v", labels)
	}

	l = &DataLoader{Dataset: ds, BatchSize: 4, DropLast: true}
	shapes, labels = collect(l.All())
	if l.Len() != 2 || len(shapes) != 2 || len(labels) != 8 {
		t.Errorf("DropLast: Len %d, %d batches, %d items; want 2, 2, 8", l.Len(), len(shapes), len(labels))
	}

	// BatchSize 0 is PyTorch's default of 1; y batches of 0-d items are 1-d.
	l = &DataLoader{Dataset: ds}
	shapes, _ = collect(l.All())
	if len(shapes) != 10 || !slices.Equal(shapes[0], []int{1, 3}) {
		t.Errorf("default batch size: %d batches of %v", len(shapes), shapes[0])
	}
}

func TestDataLoaderShuffle(t *testing.T) {
	ds := tenRows()
	l := &DataLoader{Dataset: ds, BatchSize: 3, Shuffle: true, ShuffleSeed: 42}
	_, e1 := collect(l.All())
	_, e2 := collect(l.All())
	sorted := slices.Sorted(slices.Values(e1))
	if !slices.Equal(sorted, []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}) {
		t.Fatalf("epoch 1 visited %v, not each item once", e1)
	}
	if slices.Equal(e1, e2) {
		t.Errorf("epochs 1 and 2 have the same order %v", e1)
	}
	if slices.IsSorted(e1) {
		t.Errorf("a shuffled epoch came out in order")
	}
	// A second loader with the same seed repeats the sequence of epochs.
	m := &DataLoader{Dataset: ds, BatchSize: 3, Shuffle: true, ShuffleSeed: 42}
	_, f1 := collect(m.All())
	_, f2 := collect(m.All())
	if !slices.Equal(e1, f1) || !slices.Equal(e2, f2) {
		t.Errorf("same seed, different orders: %v %v vs %v %v", e1, e2, f1, f2)
	}
	// EpochBatches(2, 1) is epoch 2 without its first batch, in a fresh loader.
	fresh := &DataLoader{Dataset: ds, BatchSize: 3, Shuffle: true, ShuffleSeed: 42}
	_, resumed := collect(fresh.EpochBatches(2, 1))
	if !slices.Equal(resumed, e2[3:]) {
		t.Errorf("EpochBatches(2, 1) = %v, want %v", resumed, e2[3:])
	}
	if l.Seed() != 42 {
		t.Errorf("Seed = %d, want 42", l.Seed())
	}
	// Without a seed, one is drawn from the global generator: ManualSeed repeats it.
	tensor.ManualSeed(3)
	a := &DataLoader{Dataset: ds, Shuffle: true}
	_, ga := collect(a.All())
	tensor.ManualSeed(3)
	b := &DataLoader{Dataset: ds, Shuffle: true}
	_, gb := collect(b.All())
	if !slices.Equal(ga, gb) || a.Seed() == 0 {
		t.Errorf("global seed 3 gave orders %v and %v (seed %d)", ga, gb, a.Seed())
	}
}

func TestDataLoaderStackingPathMatchesBatch(t *testing.T) {
	// countDataset has no Batch method: the loader stacks its items.
	l := &DataLoader{Dataset: countDataset{7}, BatchSize: 3, Shuffle: true, ShuffleSeed: 9}
	var got []int
	for x, y := range l.All() {
		if x.Dim() != 2 || x.Shape()[1] != 1 || y.Dim() != 1 || y.DType() != tensor.Int64 {
			t.Fatalf("stacked batch shapes %v %v", x.Shape(), y.Shape())
		}
		for k := range y.Len() {
			if x.At(k, 0) != y.At(k) {
				t.Fatalf("row %d: input %v, label %v", k, x.At(k, 0), y.At(k))
			}
			got = append(got, int(y.At(k)))
		}
	}
	if want := l.Order(1); !slices.Equal(got, want) {
		t.Errorf("visited %v, Order(1) says %v", got, want)
	}
	// A TensorDataset's Batch gives what stacking its items gives.
	ds := tenRows()
	bx, by := ds.Batch([]int{7, 2, 9})
	x7, y7 := ds.Get(7)
	x2, y2 := ds.Get(2)
	x9, y9 := ds.Get(9)
	sx, sy := tensor.Stack([]*tensor.Tensor{x7, x2, x9}, 0), tensor.Stack([]*tensor.Tensor{y7, y2, y9}, 0)
	if bx.String() != sx.String() || by.String() != sy.String() {
		t.Errorf("Batch gave\n%v %v\nstacking gives\n%v %v", bx, by, sx, sy)
	}
}

func TestDataLoaderEarlyBreakAndSubset(t *testing.T) {
	ds := tenRows()
	parts := RandomSplit(ds, []int{6, 4}, tensor.NewGenerator(5))
	l := &DataLoader{Dataset: parts[1], BatchSize: 3}
	n := 0
	for x, y := range l.All() {
		n++
		if y.At(0) != float64(parts[1].Indices[0]) || x.At(0, 0) != 10*float64(parts[1].Indices[0]) {
			t.Errorf("first batch starts with label %v, want %d", y.At(0), parts[1].Indices[0])
		}
		break
	}
	if n != 1 {
		t.Errorf("break did not stop the loop")
	}
	_, labels := collect(l.All())
	if !slices.Equal(labels, parts[1].Indices) {
		t.Errorf("subset loader visited %v, want %v", labels, parts[1].Indices)
	}
}

func TestDataLoaderPanics(t *testing.T) {
	testkit.ExpectPanicPrefix(t, "data.DataLoader: no Dataset set", func() { (&DataLoader{BatchSize: 20}).All() })
	testkit.ExpectPanicPrefix(t, "data.DataLoader: BatchSize -1 is negative", func() { (&DataLoader{Dataset: tenRows(), BatchSize: -1}).Len() })
	testkit.ExpectPanicPrefix(t, "data.DataLoader.EpochBatches: epoch 0; epochs count from 1", func() { (&DataLoader{Dataset: tenRows()}).EpochBatches(0, 0) })
	testkit.ExpectPanicPrefix(t, "data.TensorDataset.Get: index 10 is out of range for 10 items", func() { tenRows().Get(10) })
	testkit.ExpectPanicPrefix(t, "data.NewTensorDataset: shapes [10 3] and [9] differ in their first dimension", func() {
		NewTensorDataset(tenRows().X, tensor.ArangeInt(0, 9))
	})
}
