// Command iris_mse is chapter 2's workload: iris, Linear(4,5)-sigmoid-
// Linear(5,1), MSELoss, SGD lr 0.003, 2000 full-batch steps on the 112
// training rows (timed); accuracy on the 38 test rows. Same as
// bench_torch.py next to it, one JSON line out.
package main

import (
	"github.com/kosaku-dl/kosaku/bench/internal/benchkit"
	"github.com/kosaku-dl/kosaku/pkg/nn"
	"github.com/kosaku-dl/kosaku/pkg/tensor"
)

func main() {
	r := benchkit.TrainIris(0, 1, 0.003, nn.NewMSELoss(),
		func(y *tensor.Tensor) *tensor.Tensor { return y.Float().Reshape(-1, 1) })

	var correct int
	tensor.NoGrad(func() {
		pred := r.Net.Forward(r.XTest).AddScalar(0.5).Int().Reshape(-1)
		correct = int(pred.Eq(r.YTest).Sum().Item())
	})
	benchkit.Report("iris_mse", r.Elapsed, float64(correct)/float64(r.YTest.Len()),
		map[string]any{"final_loss": r.Loss.Item(), "test_correct": correct})
}
