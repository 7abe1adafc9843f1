package nbrun_test

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/kosaku-dl/kosaku/kernel/nbrun"
)

const chapter10 = "10-functions-and-plots.ipynb"

// ch10Epoch is one line doTrainAndValidate prints per epoch.
type ch10Epoch struct {
	epoch                    int
	trainLoss, trainAccuracy float64 // accuracies in percent, as printed
	validLoss, validAccuracy float64
}

var (
	ch10EpochLine = regexp.MustCompile(`(?m)^epoch: +(\d+), train_loss: (\S+), train_accuracy: (\S+)%, valid_loss: (\S+), valid_accuracy: (\S+)%$`)
	ch10LastLine  = regexp.MustCompile(`(?m)^epoch (\d+): train_loss (\S+), valid_loss (\S+), valid_accuracy (\S+)%$`)
	ch10TestLine  = regexp.MustCompile(`(?m)^test_loss: (\S+), test_accuracy: (\S+)%$`)
)

func ch10Floats(t *testing.T, ss ...string) []float64 {
	t.Helper()
	vs := make([]float64, len(ss))
	for i, s := range ss {
		v, err := strconv.ParseFloat(s, 64)
		if err != nil {
			t.Fatalf("value %q: %v", s, err)
		}
		vs[i] = v
	}
	return vs
}

// ch10Run is what the notebook shows of one network (Net or Net2): the training
// cell's epoch lines, the summary cell's last-epoch line, the test accuracy.
type ch10Run struct {
	name   string
	epochs []ch10Epoch
	last   []float64 // epoch, train_loss, valid_loss, valid_accuracy from summary
	test   []float64 // test_loss, test_accuracy
}

// ch10Runs splits the notebook into the Net run and the Net2 run: each begins at
// a cell tagged kosaku-training.
func ch10Runs(t *testing.T, cells []nbrun.Cell) []ch10Run {
	t.Helper()
	var runs []ch10Run
	for _, c := range cells {
		if c.Type != "code" {
			continue
		}
		out := c.Stdout()
		if c.HasTag(tagTraining) {
			r := ch10Run{name: []string{"Net", "Net2"}[min(len(runs), 1)]}
			for _, m := range ch10EpochLine.FindAllStringSubmatch(out, -1) {
				n, _ := strconv.Atoi(m[1])
				v := ch10Floats(t, m[2:]...)
				r.epochs = append(r.epochs, ch10Epoch{n, v[0], v[1], v[2], v[3]})
			}
			if got := strings.Count(out, "\n"); got != len(r.epochs) {
				t.Errorf("%s training cell: %d lines, %d of them epoch lines; it printed:\n%s", r.name, got, len(r.epochs), out)
			}
			runs = append(runs, r)
			continue
		}
		if len(runs) == 0 {
			continue
		}
		r := &runs[len(runs)-1]
		if m := ch10LastLine.FindStringSubmatch(out); m != nil {
			r.last = ch10Floats(t, m[1:]...)
		}
		if m := ch10TestLine.FindStringSubmatch(out); m != nil {
			r.test = ch10Floats(t, m[1:]...)
		}
	}
	if len(runs) != 2 {
		t.Fatalf("want two training cells (Net, Net2) tagged %s, found %d", tagTraining, len(runs))
	}
	return runs
}

// checkCh10Run checks one network's run of wantEpochs epochs: epoch lines 1..n,
// the history read back in later cells equal to what the training cell printed,
// and the floors for the last validation and the test accuracy (percent).
func checkCh10Run(t *testing.T, r ch10Run, wantEpochs int, validFloor, testFloor float64) {
	t.Helper()
	if len(r.epochs) != wantEpochs {
		t.Fatalf("%s: %d epoch lines, want %d", r.name, len(r.epochs), wantEpochs)
	}
	for i, e := range r.epochs {
		if e.epoch != i+1 {
			t.Errorf("%s: line %d is epoch %d", r.name, i+1, e.epoch)
		}
		for _, v := range []float64{e.trainLoss, e.validLoss} {
			if !(v > 0 && v < 0.12) { // a per-example average: at most ln(10)/20 at the start
				t.Errorf("%s epoch %d: loss %v is not a per-example average of a learning network", r.name, e.epoch, v)
			}
		}
	}
	e := r.epochs[len(r.epochs)-1]
	// The summary cell reads the session's history: the same numbers as the
	// training cell printed (the history reaches later cells without retraining).
	if r.last == nil {
		t.Errorf("%s: no summary line (epoch N: train_loss …)", r.name)
	} else if want := []float64{float64(e.epoch), e.trainLoss, e.validLoss, e.validAccuracy}; !slices.Equal(r.last, want) {
		t.Errorf("%s: the history read back says %v, the training cell printed %v", r.name, r.last, want)
	}
	if e.validAccuracy < validFloor {
		t.Errorf("%s: validation accuracy %.4f%% at epoch %d, want at least %.1f%%", r.name, e.validAccuracy, e.epoch, validFloor)
	}
	if r.test == nil {
		t.Errorf("%s: no test accuracy line", r.name)
	} else if r.test[1] < testFloor {
		t.Errorf("%s: test accuracy %.4f%%, want at least %.1f%%", r.name, r.test[1], testFloor)
	}
}

// checkCh10Full checks a full 50-epoch run against the chapter: validation
// accuracy at least 98.5 % at epoch 50; Net overfits (its validation loss
// bottoms out near 0.0025 and then rises while its training loss keeps
// falling far below it); Net2's dropout keeps the two curves together.
func checkCh10Full(t *testing.T, cells []nbrun.Cell) {
	t.Helper()
	runs := ch10Runs(t, cells)
	net, net2 := runs[0], runs[1]
	checkCh10Run(t, net, 50, 98.5, 98.5)
	checkCh10Run(t, net2, 50, 98.5, 98.5)
	if t.Failed() {
		return
	}
	lowest := func(r ch10Run) (int, float64) {
		at := 0
		for i, e := range r.epochs {
			if e.validLoss < r.epochs[at].validLoss {
				at = i
			}
		}
		return at, r.epochs[at].validLoss
	}
	at, low := lowest(net)
	last := net.epochs[49]
	if low < 0.0015 || low > 0.0035 {
		t.Errorf("Net: lowest validation loss %.6f (epoch %d), the chapter's flattens near 0.0025", low, at+1)
	}
	if at > 40 || last.validLoss < low*1.2 {
		t.Errorf("Net: validation loss lowest at epoch %d (%.6f), %.6f at epoch 50: want it to drift up (overfitting)", at+1, low, last.validLoss)
	}
	if last.trainLoss > last.validLoss/3 || last.trainLoss >= net.epochs[at].trainLoss {
		t.Errorf("Net: training loss %.6f at epoch 50 (%.6f at epoch %d), validation %.6f: want training loss still falling, far below validation",
			last.trainLoss, net.epochs[at].trainLoss, at+1, last.validLoss)
	}
	last2 := net2.epochs[49]
	gap, gap2 := last.validLoss-last.trainLoss, last2.validLoss-last2.trainLoss
	if gap2 < -0.001 || gap2 > gap/3 {
		t.Errorf("Net2: validation minus training loss at epoch 50 is %.6f (Net: %.6f): want dropout to keep the curves together", gap2, gap)
	}
	_, low2 := lowest(net2)
	if last2.validLoss > low2*1.2 {
		t.Errorf("Net2: validation loss %.6f at epoch 50, lowest %.6f: want no drift up", last2.validLoss, low2)
	}
}

func checkChapter10(t *testing.T, cells []nbrun.Cell) {
	// Loss and accuracy charts: one image each, two per network.
	charts := 0
	for _, c := range cells {
		if c.Type == "code" && strings.Contains(c.Source, "plotGraph(") && !strings.Contains(c.Source, "func plotGraph") {
			pngs, err := c.PNGs()
			if err != nil {
				t.Fatal(err)
			}
			if len(pngs) != 1 {
				t.Errorf("cell %d draws a loss/accuracy chart: %d images, want 1", c.Index, len(pngs))
			}
			charts++
		}
	}
	if charts != 4 {
		t.Errorf("%d plotGraph cells, want 4 (loss and accuracy of Net and Net2)", charts)
	}

	if !quickRun() {
		checkCh10Full(t, cells)
		return
	}
	// Shortened by KOSAKU_EPOCHS: one epoch of each network, floors that fit
	// one epoch (the chapter's first epoch reaches 95.8 % validation accuracy).
	n, err := strconv.Atoi(os.Getenv("KOSAKU_EPOCHS"))
	if err != nil || n < 1 {
		t.Fatalf("KOSAKU_EPOCHS=%q", os.Getenv("KOSAKU_EPOCHS"))
	}
	runs := ch10Runs(t, cells)
	checkCh10Run(t, runs[0], min(n, 50), 93, 93)
	checkCh10Run(t, runs[1], min(n, 50), 92, 92)

	// The committed notebook must hold the chapter's full run.
	committed := committedCells(t, chapter10)
	t.Run("committed full run", func(t *testing.T) { checkCh10Full(t, committed) })
}

// TestChapter10CommittedRun checks the committed notebook's full run without
// running the kernel (seconds, not the hour the run takes).
func TestChapter10CommittedRun(t *testing.T) {
	path := filepath.Join(repoRoot(t), "lessons", chapter10)
	if p := os.Getenv("KOSAKU_CH10_NOTEBOOK"); p != "" {
		path = p // a run saved elsewhere, e.g. while the committed one is being made
	}
	cells, err := nbrun.ReadCells(path)
	if err != nil {
		t.Fatal(err)
	}
	checkCh10Full(t, cells)
}
