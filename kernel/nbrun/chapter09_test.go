package nbrun_test

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/kosaku-dl/kosaku/kernel/nbrun"
)

func init() { chapterChecks["09-cnn-by-hand.ipynb"] = checkChapter9 }

// Chapter 9's fixed computation, as PyTorch 1.13 prints it for the chapter's
// code (conv1 = Conv2d(1, 2, 3, padding=1, bias=False) with the line kernels,
// MaxPool2d(2, padding=1), conv2 with the doubled kernels): printed by torch
// 1.13 here, not copied from the notebook. The chapter's own printout is OCR'd
// (its ReLU output shows 8. where the value is 6.).
const (
	ch9Weight = `Parameter containing:
tensor([[[[-1., -1., -1.],
          [ 1.,  1.,  1.],
          [-1., -1., -1.]]],


        [[[-1.,  1., -1.],
          [-1.,  1., -1.],
          [-1.,  1., -1.]]]], requires_grad=True)`
	ch9FMap1 = `tensor([[[[-4., -6., -6., -4.],
          [ 6.,  9.,  9.,  6.],
          [-2., -3., -3., -2.],
          [ 0.,  0.,  0.,  0.]],

         [[ 0.,  0.,  0.,  0.],
          [ 0.,  1.,  1.,  0.],
          [ 0.,  1.,  1.,  0.],
          [ 0.,  2.,  2.,  0.]]],


        [[[ 0.,  0.,  0.,  0.],
          [ 0.,  1.,  1.,  2.],
          [ 0.,  1.,  1.,  2.],
          [ 0.,  0.,  0.,  0.]],

         [[-4.,  6., -2.,  0.],
          [-6.,  9., -3.,  0.],
          [-6.,  9., -3.,  0.],
          [-4.,  6., -2.,  0.]]],


        [[[-4., -4., -2.,  0.],
          [ 6.,  5.,  1., -2.],
          [-2.,  1.,  5.,  6.],
          [ 0., -2., -4., -4.]],

         [[ 0.,  2.,  0.,  0.],
          [ 0.,  1.,  1.,  0.],
          [ 0.,  1.,  1.,  0.],
          [ 0.,  0.,  2.,  0.]]],


        [[[ 0., -2.,  0.,  0.],
          [ 0.,  3.,  1.,  2.],
          [ 2.,  1.,  3.,  0.],
          [ 0.,  0., -2.,  0.]],

         [[ 0.,  0.,  2.,  0.],
          [-2.,  3.,  1.,  0.],
          [ 0.,  1.,  3., -2.],
          [ 0.,  2.,  0.,  0.]]]], grad_fn=<ConvolutionBackward0>)`
	ch9ReLU1 = `tensor([[[[0., 0., 0., 0.],
          [6., 9., 9., 6.],
          [0., 0., 0., 0.],
          [0., 0., 0., 0.]],

         [[0., 0., 0., 0.],
          [0., 1., 1., 0.],
          [0., 1., 1., 0.],
          [0., 2., 2., 0.]]],


        [[[0., 0., 0., 0.],
          [0., 1., 1., 2.],
          [0., 1., 1., 2.],
          [0., 0., 0., 0.]],

         [[0., 6., 0., 0.],
          [0., 9., 0., 0.],
          [0., 9., 0., 0.],
          [0., 6., 0., 0.]]],


        [[[0., 0., 0., 0.],
          [6., 5., 1., 0.],
          [0., 1., 5., 6.],
          [0., 0., 0., 0.]],

         [[0., 2., 0., 0.],
          [0., 1., 1., 0.],
          [0., 1., 1., 0.],
          [0., 0., 2., 0.]]],


        [[[0., 0., 0., 0.],
          [0., 3., 1., 2.],
          [2., 1., 3., 0.],
          [0., 0., 0., 0.]],

         [[0., 0., 2., 0.],
          [0., 3., 1., 0.],
          [0., 1., 3., 0.],
          [0., 2., 0., 0.]]]], grad_fn=<ReluBackward0>)`
	ch9Pooled1 = `tensor([[[[0., 0., 0.],
          [6., 9., 6.],
          [0., 0., 0.]],

         [[0., 0., 0.],
          [0., 1., 0.],
          [0., 2., 0.]]],


        [[[0., 0., 0.],
          [0., 1., 2.],
          [0., 0., 0.]],

         [[0., 6., 0.],
          [0., 9., 0.],
          [0., 6., 0.]]],


        [[[0., 0., 0.],
          [6., 5., 6.],
          [0., 0., 0.]],

         [[0., 2., 0.],
          [0., 1., 0.],
          [0., 2., 0.]]],


        [[[0., 0., 0.],
          [2., 3., 2.],
          [0., 0., 0.]],

         [[0., 2., 0.],
          [0., 3., 0.],
          [0., 2., 0.]]]], grad_fn=<MaxPool2DWithIndicesBackward0>)`
	ch9Pooled2 = `tensor([[[[ 0.,  0.],
          [14., 20.]],

         [[ 0.,  0.],
          [ 0.,  0.]]],


        [[[ 0.,  0.],
          [ 0.,  0.]],

         [[ 0., 14.],
          [ 0., 20.]]],


        [[[ 0.,  0.],
          [ 8., 14.]],

         [[ 0.,  0.],
          [ 0.,  0.]]],


        [[[ 0.,  0.],
          [ 4.,  6.]],

         [[ 0.,  4.],
          [ 0.,  6.]]]], grad_fn=<MaxPool2DWithIndicesBackward0>)`
	ch9Flat = `tensor([[ 0.,  0., 14., 20.,  0.,  0.,  0.,  0.],
        [ 0.,  0.,  0.,  0.,  0., 14.,  0., 20.],
        [ 0.,  0.,  8., 14.,  0.,  0.,  0.,  0.],
        [ 0.,  0.,  4.,  6.,  0.,  4.,  0.,  6.]],
       grad_fn=<ReshapeAliasBackward0>)`
)

func checkChapter9(t *testing.T, cells []nbrun.Cell) {
	out := stdout(cells)
	wantLines(t, out,
		"MNISTNet(",
		"torch.Size([2, 1, 3, 3])",
		"Conv2d(1, 2, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), bias=False)",
		"MaxPool2d(kernel_size=2, stride=2, padding=1, dilation=1, ceil_mode=False)",
		"torch.Size([2, 1, 3, 3])",
		"torch.Size([4, 4, 4])",
		"torch.Size([4, 1, 4, 4])",
		"torch.Size([4, 2, 3, 3])",
		"torch.Size([2, 2, 3, 3])",
		"torch.Size([4, 2, 2, 2])",
		"torch.Size([40, 4, 4]) torch.Size([40])",
		"labels that do not fit their image: 0",
		"torch.Size([40, 8])",
		"Net(",
		"  (fc1): Linear(in_features=8, out_features=10, bias=True)",
		"  (fc2): Linear(in_features=10, out_features=1, bias=True)",
		"Finished",
		"Net2(",
		"  (conv1): Conv2d(1, 2, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), bias=False)",
		"  (conv2): Conv2d(2, 2, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), bias=False)")
	// Exact values, in the chapter's order.
	at := 0
	for _, b := range []struct{ name, text string }{
		{"conv1.weight after SetData", ch9Weight},
		{"f_map1", ch9FMap1}, {"ReLU(f_map1)", ch9ReLU1}, {"pooled1", ch9Pooled1},
		{"pooled2", ch9Pooled2}, {"pooled2 as 4x8", ch9Flat},
	} {
		i := strings.Index(out[at:], b.text+"\n")
		if i < 0 {
			t.Errorf("%s: output lacks (after what was found before)\n%s", b.name, b.text)
			continue
		}
		at += i + len(b.text)
	}
	if n := strings.Count(out, ch9Flat+"\n"); n != 2 {
		t.Errorf("the 4x8 features are printed %d times, want 2 (after the reshape and before net(pooled2))", n)
	}

	// Training: 10,000 epochs, the loss every 500, then the count of correct.
	m := regexp.MustCompile(`(?m)^#(\d+), loss: (\S+)$`).FindAllStringSubmatch(out, -1)
	var losses []float64
	for i, l := range m {
		if i >= 20 {
			break // the Net2 extra prints its own #N lines afterwards
		}
		if l[1] != strconv.Itoa(500*(i+1)) {
			t.Fatalf("loss line %d is for epoch %s, want %d", i, l[1], 500*(i+1))
		}
		v, err := strconv.ParseFloat(l[2], 64)
		if err != nil {
			t.Fatal(err)
		}
		losses = append(losses, v)
	}
	if len(losses) != 20 {
		t.Fatalf("%d loss lines, want 20 (every 500 of 10,000 epochs)", len(losses))
	}
	if !(losses[19] < losses[0]/2) {
		t.Errorf("loss went from %v to %v: not trained", losses[0], losses[19])
	}
	correct := intMatch(t, out, regexp.MustCompile(`(?m)^Finished\n(\d+)$`))
	atLeast(t, "correct of the 40 line images", correct, 34)

	// The four samples through the trained net: horizontal and bent horizontal
	// near 0, vertical near 1, the diagonal in between.
	res := regexp.MustCompile(`tensor\(\[\[(\S+)\],\n +\[(\S+)\],\n +\[(\S+)\],\n +\[(\S+)\]\], grad_fn=<SigmoidBackward0>\)`).FindAllStringSubmatch(out, -1)
	if len(res) < 2 {
		t.Fatalf("want the 4 predictions printed by net and by Net2, found %d in\n%s", len(res), out)
	}
	var p [4]float64
	for i := range p {
		p[i], _ = strconv.ParseFloat(res[0][i+1], 64)
	}
	if !(p[0] < 0.1 && p[2] < 0.1 && p[1] > 0.9 && p[3] > 0.1 && p[3] < 0.9) {
		t.Errorf("predictions %v: want horizontal and bent < 0.1, vertical > 0.9, diagonal in (0.1, 0.9)", p)
	}
	if res[1][0] != res[0][0] {
		t.Errorf("Net2 with the hand-set kernels and the trained layers gives\n%s\nwant the trained net's\n%s", res[1][0], res[0][0])
	}
	// Beyond the chapter: Net2 trained whole, kernels included, learns the 40
	// images (seeds 0-9 all give 40 of 40).
	if all := intMatch(t, out, regexp.MustCompile(`(?m)^correct: (\d+)$`)); all < 38 {
		t.Errorf("Net2 trained whole: %d of 40 correct, want at least 38", all)
	}

	pngs := 0
	for _, c := range cells {
		n, _ := c.PNGs()
		pngs += len(n)
	}
	if pngs < 10 {
		t.Errorf("%d images, want the 10 heatmap charts (kernels, samples, maps, 40 images, misses, learned kernels)", pngs)
	}
}
