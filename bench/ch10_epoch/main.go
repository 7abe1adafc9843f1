// Command ch10_epoch is chapter 10's workload: get_loaders' random split of
// the 60,000 training images into 48,000 / 12,000, then one epoch of the
// chapter's train() and validate() with the chapter 8 CNN (SGD lr 0.001
// momentum 0.9, batch 20), both timed; accuracy = validation accuracy.
// Same as bench_torch.py next to it.
package main

import (
	"time"

	"github.com/kosaku-dl/kosaku/bench/internal/benchkit"
	"github.com/kosaku-dl/kosaku/pkg/data"
	"github.com/kosaku-dl/kosaku/pkg/tensor"
)

func main() {
	tensor.ManualSeed(0)
	trainset := benchkit.MNIST(true)
	trainSize := int(float64(trainset.Len()) * 0.8)
	parts := data.RandomSplit(trainset, []int{trainSize, trainset.Len() - trainSize}, nil)
	trainSet, validSet := parts[0], parts[1]
	trainloader := &data.DataLoader{Dataset: trainSet, BatchSize: 20, Shuffle: true}
	validloader := &data.DataLoader{Dataset: validSet, BatchSize: 20}

	net := benchkit.NewCNN()
	criterion, optimizer := benchkit.ChapterSGD(net)
	start := time.Now()
	tLoss, tCorrect := benchkit.TrainEpoch(net, trainloader, criterion, optimizer, false)
	vLoss, vCorrect := benchkit.Evaluate(net, validloader, criterion, false)
	elapsed := time.Since(start)
	benchkit.Report("ch10_epoch", elapsed, float64(vCorrect)/float64(validSet.Len()), map[string]any{
		"train_loss":     tLoss / float64(trainSet.Len()),
		"train_accuracy": float64(tCorrect) / float64(trainSet.Len()),
		"valid_loss":     vLoss / float64(validSet.Len()),
	})
}
