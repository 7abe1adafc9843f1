// Command cnn_infer measures CNN inference: the chapter 8 CNN is trained one
// (untimed) epoch as in mnist_cnn, then the timed part runs the 10,000 test
// images through the test loader (batch 20) in evaluation mode without
// gradients, counting correct ones. Same as bench_torch.py next to it.
package main

import (
	"time"

	"github.com/kosaku-dl/kosaku/bench/internal/benchkit"
	"github.com/kosaku-dl/kosaku/pkg/tensor"
)

func main() {
	tensor.ManualSeed(0)
	c := benchkit.NewMNISTChapter(benchkit.NewCNN, false)
	c.TrainEpoch()
	start := time.Now()
	_, correct := c.Evaluate()
	elapsed := time.Since(start)
	benchkit.Report("cnn_infer", elapsed, float64(correct)/float64(c.Testset.Len()),
		map[string]any{"correct": correct})
}
