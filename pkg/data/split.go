package data

import (
	"fmt"
	"math"

	"github.com/kosaku-dl/kosaku/pkg/tensor"
)

// RandomSplit shuffles the items of ds and cuts them into consecutive parts of the given
// lengths, torch.utils.data.random_split. Chapter 10 splits MNIST's 60,000 training
// images into 48,000 for training and 12,000 for validation:
//
//	parts := data.RandomSplit(trainset, []int{48000, 12000}, tensor.NewGenerator(1))
//	trainSet, validSet := parts[0], parts[1]
//
// The parts share no item and together hold every item. g nil uses the global generator.
func RandomSplit(ds Dataset, lengths []int, g *tensor.Generator) []*Subset {
	total := 0
	for _, n := range lengths {
		if n < 0 {
			panic(fmt.Sprintf("data.RandomSplit: negative length in %v", lengths))
		}
		total += n
	}
	if total != ds.Len() {
		panic(fmt.Sprintf("data.RandomSplit: lengths %v sum to %d, the dataset has %d items", lengths, total, ds.Len()))
	}
	if g == nil {
		g = tensor.NewGenerator(globalSeed())
	}
	perm := g.Perm(total)
	parts := make([]*Subset, len(lengths))
	at := 0
	for k, n := range lengths {
		parts[k] = &Subset{Dataset: ds, Indices: perm[at : at+n : at+n]}
		at += n
	}
	return parts
}

// SplitOption is a keyword argument of TrainTestSplit, named after scikit-learn's:
// TestSize, RandomState and Shuffle.
type SplitOption struct {
	name  string
	apply func(*splitConfig)
}

type splitConfig struct {
	testSize    float64
	shuffle     bool
	seeded      bool
	randomState uint32
}

// TestSize sets the fraction of rows that go to the test part (scikit-learn's
// test_size, default 0.25). The test part gets ceil(fraction * rows) rows.
func TestSize(fraction float64) SplitOption {
	if !(fraction > 0 && fraction < 1) {
		panic(fmt.Sprintf("data.TestSize: %v is not a fraction between 0 and 1", fraction))
	}
	return SplitOption{"TestSize", func(c *splitConfig) { c.testSize = fraction }}
}

// RandomState fixes the shuffle, scikit-learn's random_state: TrainTestSplit with
// RandomState(seed) picks exactly the rows that train_test_split(…, random_state=seed)
// picks, because it shuffles with the same generator (numpy's Mersenne Twister).
func RandomState(seed uint32) SplitOption {
	return SplitOption{"RandomState", func(c *splitConfig) { c.seeded, c.randomState = true, seed }}
}

// Shuffle turns the shuffle off (false) or on (true, the default), scikit-learn's
// shuffle. Without shuffling, the first rows are the training part, the rest the test part.
func Shuffle(on bool) SplitOption {
	return SplitOption{"Shuffle", func(c *splitConfig) { c.shuffle = on }}
}

// TrainTestSplit splits the rows of x and y (tensors of any dtype with the same number
// of rows) into a training and a test part, scikit-learn's train_test_split with the
// same defaults: shuffled, 25 % for testing, so iris's 150 rows become 112 and 38.
//
//	xTrain, xTest, yTrain, yTest := data.TrainTestSplit(iris.Data, iris.Target, data.RandomState(0))
//
// Without RandomState the shuffle seed is drawn from the global generator, so
// tensor.ManualSeed at the top of a program makes the split reproducible.
func TrainTestSplit(x, y *tensor.Tensor, opts ...SplitOption) (xTrain, xTest, yTrain, yTest *tensor.Tensor) {
	if x.Dim() == 0 || y.Dim() == 0 || x.Len() != y.Len() {
		panic(tensor.ShapeErrorf("data.TrainTestSplit", "shapes %v and %v differ in their first dimension", x.Shape(), y.Shape()))
	}
	train, test := TrainTestIndices(x.Len(), opts...)
	return gatherRows(x, train), gatherRows(x, test), gatherRows(y, train), gatherRows(y, test)
}

// TrainTestIndices is TrainTestSplit's choice of rows for n rows: the indices of the
// training rows and of the test rows, in the order the parts list them.
func TrainTestIndices(n int, opts ...SplitOption) (train, test []int) {
	c := splitConfig{testSize: 0.25, shuffle: true}
	for _, o := range opts {
		o.apply(&c)
	}
	nTest := int(math.Ceil(c.testSize * float64(n)))
	nTrain := n - nTest
	if nTrain <= 0 || nTest <= 0 {
		panic(fmt.Sprintf("data.TrainTestSplit: %d rows with test size %v leave %d for training and %d for testing; both must be at least 1", n, c.testSize, nTrain, nTest))
	}
	if !c.shuffle {
		order := make([]int, n)
		for i := range order {
			order[i] = i
		}
		return order[:nTrain:nTrain], order[nTrain:]
	}
	if !c.seeded {
		c.randomState = uint32(globalSeed())
	}
	// scikit-learn's ShuffleSplit: the first nTest of the permutation are the test rows.
	perm := newMT19937(c.randomState).permutation(n)
	return perm[nTest:], perm[:nTest:nTest]
}
