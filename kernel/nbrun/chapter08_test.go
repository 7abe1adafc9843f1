package nbrun_test

import (
	"path/filepath"
	"testing"

	"github.com/kosaku-dl/kosaku/kernel/nbrun"
)

func init() { chapterChecks["08-cnn-basics.ipynb"] = checkChapter8 }

// checkChapter8 checks chapter 8: the cross and circle convolved with the
// crossing kernel and max-pooled, exactly (LESSONS.md's values, confirmed with
// torch 1.13's F.conv2d / F.max_pool2d), and the MNIST CNN's running losses and
// test accuracy against floors — one epoch's when the run is shortened by
// $KOSAKU_EPOCHS, the chapter's 0.97 for the committed full run, which is read
// from the notebook file and checked every time.
func checkChapter8(t *testing.T, cells []nbrun.Cell) {
	out := stdout(cells)
	wantLines(t, out,
		// The cross and the circle.
		"tensor([[ 1., -1., -1., -1.,  1.],",
		"        [-1.,  1., -1.,  1., -1.],",
		"tensor([[-1.,  1.,  1.,  1., -1.],",
		"        [ 1., -1., -1., -1.,  1.],",
		// The kernel.
		"tensor([[ 1., -1.,  1.],",
		"        [-1.,  1., -1.],",
		"        [ 1., -1.,  1.]])",
		// The top-left patch by hand, then the whole map by hand.
		"tensor(5.)",
		"tensor([[ 5., -7.,  5.],", "        [-7.,  9., -7.],", "        [ 5., -7.,  5.]])",
		// F.Conv2d without padding.
		"torch.Size([1, 1, 3, 3])",
		"tensor([[ 5., -7.,  5.],", "        [-7.,  9., -7.],", "        [ 5., -7.,  5.]])",
		// The padded image and its first two sums.
		"tensor([[ 0.,  0.,  0.,  0.,  0.,  0.,  0.],",
		"        [ 0.,  1., -1., -1., -1.,  1.,  0.],",
		"        [ 0.,  0.,  0.,  0.,  0.,  0.,  0.]])",
		"左上: tensor(4.)",
		"右へ 1 つ: tensor(-4.)",
		// F.Conv2d with padding 1: the 3x3 map framed by 4 / -4.
		"torch.Size([1, 1, 5, 5])",
		"tensor([[ 4., -4.,  4., -4.,  4.],",
		"        [-4.,  5., -7.,  5., -4.],",
		"        [ 4., -7.,  9., -7.,  4.],",
		"        [-4.,  5., -7.,  5., -4.],",
		"        [ 4., -4.,  4., -4.,  4.]])",
		// nn.Conv2d with the kernel set by hand gives the same map.
		"Conv2d(1, 1, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), bias=False)",
		"tensor([[ 4., -4.,  4., -4.,  4.],",
		"        [-4.,  5., -7.,  5., -4.],",
		"        [ 4., -7.,  9., -7.,  4.],",
		"        [-4.,  5., -7.,  5., -4.],",
		"        [ 4., -4.,  4., -4.,  4.]])",
		// 2x2 max pooling: [[9]] and [[5, 5], [5, 9]].
		"MaxPool2d(kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=False)",
		"tensor([[[[9.]]]])",
		"tensor([[[[5., 5.],",
		"          [5., 9.]]]])",
		// The circle: no crossing found.
		"tensor([[-1.,  1., -1.],", "        [ 1., -1.,  1.],", "        [-1.,  1., -1.]])",
		"tensor([[-4.,  2., -2.,  2., -4.],",
		"        [ 2., -1.,  1., -1.,  2.],",
		"        [-2.,  1., -1.,  1., -2.],",
		"        [ 2., -1.,  1., -1.,  2.],",
		"        [-4.,  2., -2.,  2., -4.]])",
		"tensor([[[[1.]]]])",
		"tensor([[[[2., 2.],",
		"          [2., 1.]]]])",
		// The MNIST data and the CNN.
		"trainset: 60000  testset: 10000",
		"batches: 3000 500",
		"Net(",
		"  (conv1): Conv2d(1, 6, kernel_size=(5, 5), stride=(1, 1))",
		"  (pool): MaxPool2d(kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=False)",
		"  (conv2): Conv2d(6, 16, kernel_size=(5, 5), stride=(1, 1))",
		"  (fc1): Linear(in_features=256, out_features=64, bias=True)",
		"  (fc2): Linear(in_features=64, out_features=10, bias=True)",
		")",
		"input:         torch.Size([20, 1, 28, 28])",
		"conv1 + ReLU:  torch.Size([20, 6, 24, 24])",
		"pool:          torch.Size([20, 6, 12, 12])",
		"conv2:         torch.Size([20, 16, 8, 8])",
		"pool:          torch.Size([20, 16, 4, 4])",
		"reshape:       torch.Size([20, 256])",
		"label: tensor(7)")

	// The training and test values of this run: one epoch's floors when
	// shortened, the chapter's when not.
	if quickRun() {
		checkChapter8Training(t, "this run (shortened)", out, 1, 0.96)
	} else {
		checkChapter8Training(t, "this run", out, 2, 0.97)
	}
	// The committed notebook carries the chapter's full 2-epoch run.
	committed, err := nbrun.ReadCells(filepath.Join(repoRoot(t), "lessons", "08-cnn-basics.ipynb"))
	if err != nil {
		t.Fatal(err)
	}
	checkChapter8Training(t, "the committed notebook", stdout(committed), 2, 0.97)
}

// checkChapter8Training checks the running-loss lines of epochs 1..epochs
// (every 500 batches of 20: data 10000 … 60000), that the loss fell, and that
// the test accuracy line is consistent and at least floor.
func checkChapter8Training(t *testing.T, what, out string, epochs int, floor float64) {
	t.Helper()
	losses := runningLosses(t, what, out, epochs)
	// The chapter's losses fall from 1.898 to 0.131 in the first epoch.
	if first, last := losses[0], losses[len(losses)-1]; !(first > 1 && last < 0.2) {
		t.Errorf("%s: running loss went from %v to %v; want above 1 at first and below 0.2 at the end: %v", what, first, last, losses)
	}
	testAccuracy(t, what, out, floor)
}
