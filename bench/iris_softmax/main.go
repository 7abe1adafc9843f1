// Command iris_softmax is chapter 3's workload: iris, Linear(4,5)-sigmoid-
// Linear(5,3)-Softmax(dim=1), CrossEntropyLoss, SGD lr 0.3, 2000
// full-batch steps (timed); accuracy on the 112 training rows as the
// chapter counts it. Same as bench_torch.py next to it.
package main

import (
	"github.com/kosaku-dl/kosaku/bench/internal/benchkit"
	"github.com/kosaku-dl/kosaku/pkg/nn"
	"github.com/kosaku-dl/kosaku/pkg/tensor"
)

func main() {
	r := benchkit.TrainIris(0, 3, 0.3, nn.NewCrossEntropyLoss(),
		func(y *tensor.Tensor) *tensor.Tensor { return y })

	var correct int
	tensor.NoGrad(func() {
		correct = int(r.Net.Forward(r.XTrain).ArgMax(1).Eq(r.YTrain).Sum().Item())
	})
	benchkit.Report("iris_softmax", r.Elapsed, float64(correct)/float64(r.YTrain.Len()),
		map[string]any{"final_loss": r.Loss.Item(), "train_correct": correct})
}
