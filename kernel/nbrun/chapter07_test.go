package nbrun_test

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/kosaku-dl/kosaku/kernel/nbrun"
)

// checkChapter7 checks chapter 7 beyond its lines (the MNIST sets and
// loaders, the first training image's row 5 and label, the transform's values,
// the network): the first training image printed as 28 rows of 28 numbers,
// and the training and test values against floors — one epoch's when the run
// is shortened by $KOSAKU_EPOCHS, the chapter's 0.92 for the committed full
// 2-epoch run, which is read from the notebook file and checked every time.
func checkChapter7(t *testing.T, cells []nbrun.Cell) {
	out := stdout(cells)
	checkChapter7Image(t, out)

	checkMNISTTraining(t, "07-mnist-fully-connected.ipynb", out, checkChapter7Training, 0.90, 0.92)
}

// checkChapter7Image checks the 28 printed rows after "image: 28 x 28": 28
// values 0..255 each, in columns of 4, with the background zero at the
// image's edges.
func checkChapter7Image(t *testing.T, out string) {
	t.Helper()
	_, rest, ok := strings.Cut(out, "image: 28 x 28\n")
	if !ok {
		t.Fatal("no line image: 28 x 28")
	}
	rows := strings.SplitN(rest, "\n", 29)[:28]
	ink := 0
	for r, row := range rows {
		if len(row) != 28*4 {
			t.Fatalf("row %d is %d characters, want 112 (28 values of width 4): %q", r, len(row), row)
		}
		for k := 0; k < 28; k++ {
			v, err := strconv.Atoi(strings.TrimSpace(row[4*k : 4*k+4]))
			if err != nil || v < 0 || v > 255 {
				t.Fatalf("row %d column %d: %q is not a pixel value 0..255", r, k, row[4*k:4*k+4])
			}
			if (r == 0 || r == 27 || k == 0 || k == 27) && v != 0 {
				t.Errorf("edge pixel (%d, %d) = %d, want 0", r, k, v)
			}
			if v > 0 {
				ink++
			}
		}
	}
	if ink != 166 { // the number of non-zero pixels of MNIST's training image 0
		t.Errorf("%d non-zero pixels, want 166", ink)
	}
}

// checkChapter7Training checks the running-loss lines of epochs 1..epochs
// (every 500 batches of 20: data 10000 … 60000), that the loss fell, the
// last batch's predictions against its labels, and that the test accuracy
// line is consistent and at least floor.
func checkChapter7Training(t *testing.T, what, out string, epochs int, floor float64) {
	t.Helper()
	losses := runningLosses(t, what, out, epochs)
	// The chapter: 1.068 after 10,000 images, 0.334 at the end of epoch 1,
	// 0.271 at the end of epoch 2.
	first, last := losses[0], losses[len(losses)-1]
	if !(first < 1.5 && last < first/2) {
		t.Errorf("%s: running loss went from %v to %v: not trained", what, first, last)
	}
	if lastFloor := map[int]float64{1: 0.40, 2: 0.32}[epochs]; last > lastFloor {
		t.Errorf("%s: last running loss %v, want at most %v", what, last, lastFloor)
	}

	// The last batch: predicted and actual labels, 20 digits each.
	batch := regexp.MustCompile(`(?m)^tensor\(\[((?:\d, ){19}\d)\]\)\ntensor\(\[((?:\d, ){19}\d)\]\)$`).FindStringSubmatch(out)
	if batch == nil {
		t.Errorf("%s: no two lines of 20 predicted and 20 actual labels", what)
	} else if same := sameDigits(batch[1], batch[2]); same < 15 {
		t.Errorf("%s: %d of the last batch's 20 predictions right, want at least 15:\n%s", what, same, batch[0])
	}

	correct := testAccuracy(t, what, out, floor)

	// Beyond the chapter: the marked mistakes among the first 40 test
	// images and the confusion matrix's worst pair.
	wrong := regexp.MustCompile(`(?m)^wrong among the first 40: \[([\d ]*)\]$`).FindStringSubmatch(out)
	if wrong == nil {
		t.Errorf("%s: no line listing the wrong guesses among the first 40 test images", what)
	} else if n := len(strings.Fields(wrong[1])); n > 8 {
		t.Errorf("%s: %d of the first 40 test images wrong, want at most 8", what, n)
	}
	worst := regexp.MustCompile(`(?m)^most frequent mistake: (\d) read as (\d), (\d+) times$`).FindStringSubmatch(out)
	if worst == nil {
		t.Errorf("%s: no line naming the most frequent mistake", what)
	} else if n, _ := strconv.Atoi(worst[3]); worst[1] == worst[2] || n < 1 || n > 10000-correct {
		t.Errorf("%s: most frequent mistake %q does not fit %d wrong test images", what, worst[0], 10000-correct)
	}
}

// sameDigits counts the positions where two lists "d, d, …" agree.
func sameDigits(a, b string) int {
	x, y := strings.Split(a, ", "), strings.Split(b, ", ")
	n := 0
	for i := range x {
		if i < len(y) && x[i] == y[i] {
			n++
		}
	}
	return n
}
