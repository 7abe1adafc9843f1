// Command cnn_step times the compute of one training step of the chapter 8 CNN
// at batch 20 on a fixed batch (no loader): zero_grad, forward, cross-entropy,
// backward, SGD momentum step. Same as bench_torch.py next to it.
package main

import (
	"github.com/kosaku-dl/kosaku/bench/internal/benchkit"
	"github.com/kosaku-dl/kosaku/pkg/tensor"
)

// cnnStepFlops is the arithmetic of one step at batch 20, multiply-adds counted
// twice: forward multiply-adds per image are conv1 6*25*576, conv2 16*150*64,
// fc1 256*64 and fc2 64*10; the backward pass repeats each twice (weight and
// input gradients) except conv1's input gradient, which is not needed.
const cnnStepFlops = 2 * benchkit.StepBatch * (3*(6*25*576+16*150*64+256*64+64*10) - 6*25*576)

func main() {
	tensor.ManualSeed(0)
	x := tensor.Randn(nil, benchkit.StepBatch, 1, 28, 28)
	benchkit.TimeSteps("cnn_step", benchkit.NewCNN(), x, benchkit.StepLabels(), cnnStepFlops)
}
