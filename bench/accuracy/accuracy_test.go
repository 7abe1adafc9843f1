// Package accuracy checks that the chapters' workloads, with the chapters'
// hyperparameters and fixed seeds, reach the floors of LESSONS.md. The
// models and loops are the bench programs' (bench/internal/benchkit), so what
// is timed against PyTorch is what is checked here. Chapter 9's BCE net and
// its exact conv/pool values are checked in pkg/nn.
package accuracy

import (
	"fmt"
	"testing"

	"github.com/kosaku-dl/kosaku/bench/internal/benchkit"
	"github.com/kosaku-dl/kosaku/pkg/nn"
	"github.com/kosaku-dl/kosaku/pkg/tensor"
)

// trainIris trains chapter 2 or 3's net on the seeded split (benchkit.TrainIris) and
// checks the split is 112 / 38 rows.
func trainIris(t *testing.T, seed uint64, out int, lr float64, criterion nn.Loss, target func(y *tensor.Tensor) *tensor.Tensor) (net *benchkit.MLP, xTrain, xTest, yTrain, yTest *tensor.Tensor) {
	t.Helper()
	r := benchkit.TrainIris(seed, out, lr, criterion, target)
	if r.XTrain.Len() != 112 || r.XTest.Len() != 38 {
		t.Fatalf("split %d / %d, want 112 / 38", r.XTrain.Len(), r.XTest.Len())
	}
	return r.Net, r.XTrain, r.XTest, r.YTrain, r.YTest
}

// irisSeeds is how many seeds the iris tests train. Random initialisation
// decides whether 2000 small steps converge: PyTorch 1.13 on this machine, same
// nets and splits (random_state = seed), reaches 100 of 112 on 17 of 20 seeds
// with chapter 2's MSE net (it gets 40 and 79 on two) and on 20 of 20 with
// chapter 3's softmax net.
const irisSeeds = 20

// checkIrisSeeds requires the lessons' seed (0) to reach the floor and at
// least minPass of irisSeeds seeds to do so; correct returns (ok, log line).
func checkIrisSeeds(t *testing.T, minPass int, correct func(seed uint64) (bool, string)) {
	t.Helper()
	pass := 0
	for seed := range uint64(irisSeeds) {
		ok, line := correct(seed)
		t.Logf("seed %2d: %s", seed, line)
		if ok {
			pass++
		} else if seed == 0 {
			t.Errorf("seed 0 (the lessons' seed) is below the floor: %s", line)
		}
	}
	t.Logf("%d of %d seeds reach the floor", pass, irisSeeds)
	if pass < minPass {
		t.Errorf("%d of %d seeds reach the floor, want at least %d", pass, irisSeeds, minPass)
	}
}

// Chapter 2: MSE on a 112x1 float column, rounded by (outputs + 0.5).int().
// Floors: >= 100 of 112 train, >= 34 of 38 test; PyTorch: 17 of 20 seeds.
func TestIrisMSE(t *testing.T) {
	checkIrisSeeds(t, 16, func(seed uint64) (bool, string) {
		net, xTrain, xTest, yTrain, yTest := trainIris(t, seed, 1, 0.003, nn.NewMSELoss(),
			func(y *tensor.Tensor) *tensor.Tensor { return y.Float().Reshape(-1, 1) })
		count := func(x, y *tensor.Tensor) (n int) {
			tensor.NoGrad(func() {
				pred := net.Forward(x).AddScalar(0.5).Int().Reshape(-1)
				n = int(pred.Eq(y).Sum().Item())
			})
			return n
		}
		train, test := count(xTrain, yTrain), count(xTest, yTest)
		return train >= 100 && test >= 34, fmt.Sprintf("train %d / 112, test %d / 38", train, test)
	})
}

// Chapter 3: softmax outputs, CrossEntropyLoss on int64 labels, lr 0.3.
// Floor: >= 100 of 112 train; PyTorch: 20 of 20 seeds.
func TestIrisSoftmax(t *testing.T) {
	checkIrisSeeds(t, 19, func(seed uint64) (bool, string) {
		net, xTrain, _, yTrain, _ := trainIris(t, seed, 3, 0.3, nn.NewCrossEntropyLoss(),
			func(y *tensor.Tensor) *tensor.Tensor { return y })
		var train int
		tensor.NoGrad(func() {
			_, predicted := net.Forward(xTrain).Max(1)
			train = int(predicted.Eq(yTrain).Sum().Item())
		})
		return train >= 100, fmt.Sprintf("train %d / 112", train)
	})
}

// mnistAccuracy trains the chapter's net for two epochs with the chapters' loader
// and optimiser and returns its test accuracy.
func mnistAccuracy(t *testing.T, c *benchkit.MNISTChapter) float64 {
	for epoch := 1; epoch <= 2; epoch++ {
		lossSum, _ := c.TrainEpoch()
		t.Logf("epoch %d: mean batch loss %.4f", epoch, lossSum/float64(c.Trainloader.Len()))
	}
	_, correct := c.Evaluate()
	return float64(correct) / float64(c.Testset.Len())
}

// Chapter 7: 784-64-10 with ReLU, 2 epochs. Floor: >= 0.92 test accuracy.
func TestMNISTFullyConnected(t *testing.T) {
	if testing.Short() {
		t.Skip("two MNIST epochs; run without -short")
	}
	tensor.ManualSeed(0)
	acc := mnistAccuracy(t, benchkit.NewMNISTChapter(func() *benchkit.MLP { return benchkit.NewMLP(784, 64, 10, benchkit.ReLU) }, true))
	t.Logf("test accuracy %.4f", acc)
	if acc < 0.92 {
		t.Errorf("test accuracy %.4f, floor 0.92", acc)
	}
}

// Chapter 8: the CNN, 2 epochs. Floor: >= 0.97 test accuracy.
func TestMNISTCNN(t *testing.T) {
	if testing.Short() {
		t.Skip("two MNIST CNN epochs; run without -short")
	}
	tensor.ManualSeed(0)
	acc := mnistAccuracy(t, benchkit.NewMNISTChapter(benchkit.NewCNN, false))
	t.Logf("test accuracy %.4f", acc)
	if acc < 0.97 {
		t.Errorf("test accuracy %.4f, floor 0.97", acc)
	}
}
