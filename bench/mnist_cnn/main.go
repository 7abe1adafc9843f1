// Command mnist_cnn is chapter 8's workload: the MNIST CNN,
// CrossEntropyLoss, SGD lr 0.001 momentum 0.9, one epoch of the shuffled
// training loader (batch 20) timed; accuracy on the 10,000 test images
// afterwards. Same as bench_torch.py next to it.
package main

import (
	"github.com/kosaku-dl/kosaku/bench/internal/benchkit"
	"github.com/kosaku-dl/kosaku/pkg/tensor"
)

func main() {
	tensor.ManualSeed(0)
	benchkit.TimedEpoch("mnist_cnn", benchkit.NewCNN, false)
}
