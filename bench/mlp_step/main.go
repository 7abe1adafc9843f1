// Command mlp_step times the compute of one training step of chapter 7's
// 784-64-10 ReLU net at batch 20 on a fixed batch (no loader): zero_grad,
// forward, cross-entropy, backward, SGD momentum step. Same as bench_torch.py
// next to it.
package main

import (
	"github.com/kosaku-dl/kosaku/bench/internal/benchkit"
	"github.com/kosaku-dl/kosaku/pkg/tensor"
)

// mlpStepFlops is the arithmetic of one step at batch 20, multiply-adds counted
// twice: forward 784*64 + 64*10 per image, backward twice that less fc1's input
// gradient, which is not needed.
const mlpStepFlops = 2 * benchkit.StepBatch * (3*(784*64+64*10) - 784*64)

func main() {
	tensor.ManualSeed(0)
	net := benchkit.NewMLP(784, 64, 10, benchkit.ReLU)
	x := tensor.Randn(nil, benchkit.StepBatch, 784)
	benchkit.TimeSteps("mlp_step", net, x, benchkit.StepLabels(), mlpStepFlops)
}
