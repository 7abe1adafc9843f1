package data

import (
	"slices"
	"testing"

	"github.com/kosaku-dl/kosaku/pkg/internal/testkit"

	"github.com/kosaku-dl/kosaku/pkg/tensor"
)

func TestTrainTestIndicesMatchScikitLearn(t *testing.T) {
	ref := loadReference(t)
	if len(ref.TrainTestSplit) != 12 {
		t.Fatalf("reference holds %d splits, want 12", len(ref.TrainTestSplit))
	}
	for _, c := range ref.TrainTestSplit {
		var opts []SplitOption
		if c.Kwargs.RandomState != nil {
			opts = append(opts, RandomState(*c.Kwargs.RandomState))
		}
		if c.Kwargs.TestSize != nil {
			opts = append(opts, TestSize(*c.Kwargs.TestSize))
		}
		if c.Kwargs.Shuffle != nil {
			opts = append(opts, Shuffle(*c.Kwargs.Shuffle))
		}
		train, test := TrainTestIndices(c.N, opts...)
		if !slices.Equal(train, c.Train) || !slices.Equal(test, c.Test) {
			t.Errorf("n=%d %+v: train %v test %v; scikit-learn gives train %v test %v", c.N, c.Kwargs, train, test, c.Train, c.Test)
		}
	}
}

// rowsTensor is an n x 2 float64 tensor whose row i holds (i, -i), so every row
// says where it came from, and the matching int64 labels i.
func rowsTensor(n int) (x, y *tensor.Tensor) {
	xs := make([]float64, 2*n)
	ys := make([]int64, n)
	for i := range n {
		xs[2*i], xs[2*i+1] = float64(i), -float64(i)
		ys[i] = int64(i)
	}
	return tensor.FromSlice(xs, n, 2), tensor.FromSlice(ys, n)
}

func TestTrainTestSplitIris150(t *testing.T) {
	x, y := rowsTensor(150)
	xTrain, xTest, yTrain, yTest := TrainTestSplit(x, y, RandomState(0))
	if xTrain.Len() != 112 || yTrain.Len() != 112 || xTest.Len() != 38 || yTest.Len() != 38 {
		t.Fatalf("lengths %d %d %d %d, want 112 38 112 38", xTrain.Len(), xTest.Len(), yTrain.Len(), yTest.Len())
	}
	if xTrain.DType() != tensor.Float64 || yTrain.DType() != tensor.Int64 {
		t.Errorf("dtypes %v %v, want float64 int64 kept", xTrain.DType(), yTrain.DType())
	}
	train, test := TrainTestIndices(150, RandomState(0))
	seen := map[int]bool{}
	for part, idx := range map[string][]int{"train": train, "test": test} {
		xp, yp := xTrain, yTrain
		if part == "test" {
			xp, yp = xTest, yTest
		}
		for k, i := range idx {
			if xp.At(k, 0) != float64(i) || xp.At(k, 1) != -float64(i) || yp.At(k) != float64(i) {
				t.Fatalf("%s row %d is (%v, %v) label %v, want row %d", part, k, xp.At(k, 0), xp.At(k, 1), yp.At(k), i)
			}
			if seen[i] {
				t.Fatalf("row %d is in both parts", i)
			}
			seen[i] = true
		}
	}
	if len(seen) != 150 {
		t.Errorf("the parts hold %d distinct rows, want 150", len(seen))
	}
}

func TestTrainTestSplitGlobalSeed(t *testing.T) {
	tensor.ManualSeed(7)
	a, b := TrainTestIndices(150)
	tensor.ManualSeed(7)
	c, d := TrainTestIndices(150)
	if !slices.Equal(a, c) || !slices.Equal(b, d) {
		t.Errorf("the same global seed gave different splits")
	}
	e, _ := TrainTestIndices(150)
	if slices.Equal(a, e) {
		t.Errorf("a second unseeded split repeated the first")
	}
}

func TestTrainTestSplitPanics(t *testing.T) {
	for _, tc := range []struct {
		name string
		f    func()
		want string
	}{
		{"lengths", func() { x, _ := rowsTensor(4); _, y := rowsTensor(5); TrainTestSplit(x, y) }, "data.TrainTestSplit: shapes [4 2] and [5] differ in their first dimension"},
		{"too few", func() { TrainTestIndices(1) }, "data.TrainTestSplit: 1 rows with test size 0.25 leave 0 for training and 1 for testing"},
		{"fraction", func() { TestSize(1.5) }, "data.TestSize: 1.5 is not a fraction between 0 and 1"},
	} {
		t.Run(tc.name, func(t *testing.T) { testkit.ExpectPanicPrefix(t, tc.want, tc.f) })
	}
}

// countDataset has n items; item i is ([i] float32, i int64). It has no Batch method,
// so loaders over it take the stacking path.
type countDataset struct{ n int }

func (d countDataset) Len() int { return d.n }
func (d countDataset) Get(i int) (x, y *tensor.Tensor) {
	checkIndex("countDataset.Get", i, d.n)
	return tensor.FromSlice([]float32{float32(i)}, 1), tensor.New(int64(i))
}

func TestRandomSplit(t *testing.T) {
	ds := countDataset{60000}
	parts := RandomSplit(ds, []int{48000, 12000}, tensor.NewGenerator(1))
	if len(parts) != 2 || parts[0].Len() != 48000 || parts[1].Len() != 12000 {
		t.Fatalf("parts of %d and %d items, want 48000 and 12000", parts[0].Len(), parts[1].Len())
	}
	seen := make([]bool, 60000)
	for _, p := range parts {
		for _, i := range p.Indices {
			if seen[i] {
				t.Fatalf("item %d is in two parts", i)
			}
			seen[i] = true
		}
	}
	if slices.Contains(seen, false) {
		t.Errorf("some item is in no part")
	}
	// Item k of a part is the dataset's item Indices[k].
	x, y := parts[1].Get(5)
	if int(x.At(0)) != parts[1].Indices[5] || int(y.Item()) != parts[1].Indices[5] {
		t.Errorf("parts[1].Get(5) = %v, %v; want item %d", x.At(0), y.Item(), parts[1].Indices[5])
	}
	// The same seed splits the same way; the order is shuffled, not 0, 1, 2, ….
	again := RandomSplit(ds, []int{48000, 12000}, tensor.NewGenerator(1))
	if !slices.Equal(parts[0].Indices, again[0].Indices) {
		t.Errorf("the same generator seed gave different splits")
	}
	if slices.IsSorted(parts[0].Indices) {
		t.Errorf("the training part is in the original order")
	}
	testkit.ExpectPanicPrefix(t, "data.RandomSplit: lengths [48000 11000] sum to 59000, the dataset has 60000 items", func() {
		RandomSplit(ds, []int{48000, 11000}, nil)
	})
}
