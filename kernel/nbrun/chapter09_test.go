package nbrun_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/kosaku-dl/kosaku/kernel/nbrun"
)

func checkChapter9(t *testing.T, cells []nbrun.Cell) {
	out := stdout(cells)
	// Exact values, in the chapter's order: chapter 9's fixed computation, as
	// PyTorch 1.13 prints it for the chapter's code (conv1 = Conv2d(1, 2, 3,
	// padding=1, bias=False) with the line kernels, MaxPool2d(2, padding=1),
	// conv2 with the doubled kernels), in testdata/09-cnn-by-hand: printed by
	// torch 1.13 here, not copied from the notebook. The chapter's own
	// printout is OCR'd (its ReLU output shows 8. where the value is 6.).
	block := func(name string) string {
		raw, err := os.ReadFile(filepath.Join("testdata", "09-cnn-by-hand", name+".txt"))
		if err != nil {
			t.Fatal(err)
		}
		return strings.TrimSuffix(string(raw), "\n")
	}
	flat := block("pooled2-4x8")
	at := 0
	for _, b := range []struct{ name, text string }{
		{"conv1.weight after SetData", block("conv1.weight")},
		{"f_map1", block("f_map1")}, {"ReLU(f_map1)", block("relu-f_map1")}, {"pooled1", block("pooled1")},
		{"pooled2", block("pooled2")}, {"pooled2 as 4x8", flat},
	} {
		i := strings.Index(out[at:], b.text+"\n")
		if i < 0 {
			t.Errorf("%s: output lacks (after what was found before)\n%s", b.name, b.text)
			continue
		}
		at += i + len(b.text)
	}
	if n := strings.Count(out, flat+"\n"); n != 2 {
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
