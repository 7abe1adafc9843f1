// Command mnist_cnn is chapter 8's workload: the MNIST CNN,
// CrossEntropyLoss, SGD lr 0.001 momentum 0.9, one epoch of the shuffled
// training loader (batch 20) timed; accuracy on the 10,000 test images
// afterwards. Same as bench_torch.py next to it.
package main

import (
	"time"

	"github.com/kosaku-dl/kosaku/bench/internal/benchkit"
	"github.com/kosaku-dl/kosaku/pkg/tensor"
)

func main() {
	tensor.ManualSeed(0)
	trainset, testset, trainloader, testloader := benchkit.MNISTLoaders()
	net := benchkit.NewCNN()
	criterion, optimizer := benchkit.ChapterSGD(net)
	start := time.Now()
	lossSum, trainCorrect := benchkit.TrainEpoch(net, trainloader, criterion, optimizer, false)
	elapsed := time.Since(start)
	_, correct := benchkit.Evaluate(net, testloader, criterion, false)
	benchkit.Report("mnist_cnn", elapsed, float64(correct)/float64(testset.Len()), map[string]any{
		"train_loss_mean": lossSum / float64(trainloader.Len()),
		"train_accuracy":  float64(trainCorrect) / float64(trainset.Len()),
	})
}
