package plot_test

import (
	"fmt"

	"github.com/kosaku-dl/kosaku/pkg/data"
	"github.com/kosaku-dl/kosaku/pkg/datasets"
	"github.com/kosaku-dl/kosaku/pkg/nn"
	"github.com/kosaku-dl/kosaku/pkg/plot"
	"github.com/kosaku-dl/kosaku/pkg/tensor"
)

// Chapter 10's loss and accuracy curves side by side in one image.
func ExampleRow() {
	lossChart := plot.Line(nil, []float64{0.9, 0.5, 0.3}).YLabel("loss")
	accuracyChart := plot.Line(nil, []float64{0.70, 0.85, 0.91}).YLabel("accuracy")
	png, err := plot.Row(lossChart, accuracyChart).PNG() // in a notebook: .Show()
	fmt.Println(err)
	pngSize(png)
	// Output:
	// <nil>
	// 1280x420
}

// A live chart with a second panel for the accuracy, drawn to the right of the loss.
// Outside a notebook (as here) Progress prints plain lines.
func ExampleLive_Panel() {
	live := plot.NewLive().XLabel("epoch").YLabel("loss")
	for epoch := 1; epoch <= 2; epoch++ {
		trainLoss, validLoss := 1/float64(epoch), 1.2/float64(epoch)
		trainAcc, validAcc := 0.6+0.2*float64(epoch), 0.55+0.2*float64(epoch)
		live.Add("train", float64(epoch), trainLoss).Add("validation", float64(epoch), validLoss)
		live.Panel("accuracy").Add("train", float64(epoch), trainAcc).Add("validation", float64(epoch), validAcc)
		live.Progress("epoch %d/2  train %.4f  validation %.4f", epoch, trainLoss, validLoss)
	}
	if err := live.Done(); err != nil {
		fmt.Println(err)
	}
	png, err := live.Frame().PNG()
	fmt.Println(err)
	pngSize(png)
	// Output:
	// epoch 1/2  train 1.0000  validation 1.2000
	// epoch 2/2  train 0.5000  validation 0.6000
	// <nil>
	// 1000x360
}

// Chapter 8's feature map of the cross, its values written in the cells (an empty
// format writes integers without decimals).
func ExampleHeatmap() {
	featureMap := tensor.New([][]float32{{5, -7, 5}, {-7, 9, -7}, {5, -7, 5}})
	c := plot.Heatmap(featureMap).Values("")
	png, err := c.PNG() // in a notebook: .Show()
	fmt.Println(c, len(png) > 0, err)
	// Output: plot.Heatmap[3x3] true <nil>
}

// Chapter 9's feature maps: a convolution's output [N C H W] is one heatmap per
// channel, here two side by side on one colour scale.
func ExampleHeatmaps_featureMaps() {
	conv1 := nn.NewConv2d(1, 2, 3, nn.Padding(1))
	maps := conv1.Forward(tensor.Ones(1, 1, 4, 4)).Detach()
	c := plot.Heatmaps(maps).Cols(2)
	png, err := c.PNG() // in a notebook: .Show()
	fmt.Println(maps.Shape(), c, len(png) > 0, err)
	// Output: torch.Size([1, 2, 4, 4]) plot.Heatmaps[4x4 4x4] true <nil>
}

// Chapter 7 draws the first image of a batch from the DataLoader, a tensor [1 28 28].
func ExampleImage_batch() {
	testset, err := datasets.MNIST("", false, nil, false)
	if err != nil {
		fmt.Println(err)
		return
	}
	testloader := &data.DataLoader{Dataset: testset, BatchSize: 20}
	for images, labels := range testloader.All() {
		fmt.Println(images.Index(0).Shape(), labels.Index(0).Item())
		png, err := plot.Image(images.Index(0)).PNG() // in a notebook: .Show()
		fmt.Println(len(png) > 0, err)
		break
	}
	// Output:
	// torch.Size([1, 28, 28]) 7
	// true <nil>
}
