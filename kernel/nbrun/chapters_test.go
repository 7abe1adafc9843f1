package nbrun_test

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/kosaku-dl/kosaku/kernel/nbrun"
)

// A chapter notebook's checks hold the values ../shared/LESSONS.md asks it to
// show: exact where the chapter's computation is fixed, floors where training
// is random. TestEveryLessonRuns applies them to a fresh run: first the lines
// in testdata/lines/<notebook>.lines (see chapterLines), then the chapter's
// function in chapterChecks for what a fixed line cannot say.
var chapterChecks = map[string]func(t *testing.T, cells []nbrun.Cell){
	"02-hello-deep-learning.ipynb":   checkChapter2,
	"03-datasets-and-tensors.ipynb":  checkChapter3,
	"04-inside-the-network.ipynb":    checkChapter4,
	"05-what-training-does.ipynb":    checkChapter5,
	"06-my-own-linear.ipynb":         checkChapter6,
	"07-mnist-fully-connected.ipynb": checkChapter7,
	"08-cnn-basics.ipynb":            checkChapter8,
	"09-cnn-by-hand.ipynb":           checkChapter9,
	chapter10:                        checkChapter10,
}

// stdout is everything the notebook's code cells printed, in order.
func stdout(cells []nbrun.Cell) string {
	var b strings.Builder
	for _, c := range cells {
		b.WriteString(c.Stdout())
	}
	return b.String()
}

// wantLines fails t for every line of want that out does not contain as a
// whole line, in order.
func wantLines(t *testing.T, out string, want ...string) {
	t.Helper()
	lines := strings.Split(out, "\n")
	at := 0
	for _, w := range want {
		found := false
		for at < len(lines) {
			at++
			if lines[at-1] == w {
				found = true
				break
			}
		}
		if !found {
			t.Errorf("output lacks the line %q (in this order); it printed:\n%s", w, out)
			return
		}
	}
}

// chapterLines returns the lines a chapter notebook must print, in order
// (see wantLines), from testdata/lines/<notebook without .ipynb>.lines, or
// nil when there is no such file. In the file, empty lines and lines that
// begin with "## " (comments) are skipped, and the line {{runtime.Version}}
// stands for this Go's version (runtime.Version()).
func chapterLines(t *testing.T, notebook string) []string {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", "lines", strings.TrimSuffix(notebook, ".ipynb")+".lines"))
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, l := range strings.Split(strings.TrimSuffix(string(raw), "\n"), "\n") {
		switch {
		case l == "" || strings.HasPrefix(l, "## "):
		case l == "{{runtime.Version}}":
			lines = append(lines, runtime.Version())
		default:
			lines = append(lines, l)
		}
	}
	return lines
}

// intMatch returns the integer captured by re's first group in out.
func intMatch(t *testing.T, out string, re *regexp.Regexp) int {
	t.Helper()
	m := re.FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("output has no line matching %v; it printed:\n%s", re, out)
	}
	n, err := strconv.Atoi(m[1])
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func atLeast(t *testing.T, what string, got, floor int) {
	t.Helper()
	if got < floor {
		t.Errorf("%s: %d, want at least %d (LESSONS.md's floor)", what, got, floor)
	}
}

// lossLines returns the losses printed as "epoch: NNNN, loss: V".
func lossLines(t *testing.T, out string) []float64 {
	t.Helper()
	var losses []float64
	for _, m := range regexp.MustCompile(`(?m)^epoch: +(\d+), loss: (\S+)$`).FindAllStringSubmatch(out, -1) {
		v, err := strconv.ParseFloat(m[2], 64)
		if err != nil {
			t.Fatalf("loss %q: %v", m[2], err)
		}
		losses = append(losses, v)
	}
	return losses
}

// irisCorrect checks the iris chapters' counts of correct answers: "tensor(N)"
// on the 112 training rows, "correct: N / 38" on the test rows.
func irisCorrect(t *testing.T, out string) {
	t.Helper()
	train := intMatch(t, out, regexp.MustCompile(`(?m)^tensor\((\d+)\)$`))
	atLeast(t, "correct on the 112 training rows", train, 100)
	test := intMatch(t, out, regexp.MustCompile(`(?m)^correct: (\d+) / 38$`))
	atLeast(t, "correct on the 38 test rows", test, 34)
}

func checkChapter2(t *testing.T, cells []nbrun.Cell) {
	out := stdout(cells)
	losses := lossLines(t, out)
	if len(losses) != 20 {
		t.Fatalf("%d loss lines, want 20 (every 100 of 2000 epochs)", len(losses))
	}
	if !(losses[19] < losses[0]/3) {
		t.Errorf("loss went from %v to %v: not trained", losses[0], losses[19])
	}
	irisCorrect(t, out)
	if n := strings.Count(out, "predicted: "); n != 38 {
		t.Errorf("%d predicted: lines, want 38", n)
	}
}

func checkChapter3(t *testing.T, cells []nbrun.Cell) {
	out := stdout(cells)
	losses := lossLines(t, out)
	if len(losses) != 20 || !(losses[19] < losses[0]) {
		t.Errorf("losses %v: want 20 decreasing lines", losses)
	}
	irisCorrect(t, out)
	if n := strings.Count(out, "grad_fn=<UnbindBackward0>) tensor("); n != 5 {
		t.Errorf("%d output rows printed with their label, want 5", n)
	}
}

func checkChapter4(t *testing.T, cells []nbrun.Cell) {
	out := stdout(cells)
	for _, re := range []string{`(?m)^max \|weight\| = (0\.\d+)$`, `(?m)^max \|bias\| += (0\.\d+)$`} {
		m := regexp.MustCompile(re).FindStringSubmatch(out)
		if m == nil {
			t.Fatalf("no line matching %s in\n%s", re, out)
		}
		if v, _ := strconv.ParseFloat(m[1], 64); v > 0.5 || v < 0.2 {
			t.Errorf("%s gives %v: outside U(-0.5, 0.5) or implausibly small", re, v)
		}
	}
	// The five values computed by hand equal fc1.Forward's.
	m := regexp.MustCompile(`(?m)^((?:tensor\(-?\d\.\d{4}\) ){5})\n(tensor\(\[.*\]\))$`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("no hand-computed line followed by fc1.Forward's result in\n%s", out)
	}
	var hand []string
	for _, f := range strings.Fields(m[1]) {
		hand = append(hand, strings.TrimSuffix(strings.TrimPrefix(f, "tensor("), ")"))
	}
	forward := strings.Fields(strings.NewReplacer("tensor([", "", "])", "", ",", "").Replace(m[2]))
	if strings.Join(hand, " ") != strings.Join(forward, " ") {
		t.Errorf("by hand %v, fc1.Forward %v: want equal", hand, forward)
	}
	before, after, ok := strings.Cut(out, "learn once")
	if !ok || !strings.Contains(after, "after learning") {
		t.Fatalf("no learn-once block in\n%s", out)
	}
	w0 := before[strings.LastIndex(before, "Parameter containing:"):]
	w1 := after[strings.LastIndex(after, "Parameter containing:"):]
	if w0 == w1 {
		t.Errorf("weights did not change in one step:\n%s", w1)
	}
}

func checkChapter5(t *testing.T, cells []nbrun.Cell) {
	var stderr strings.Builder
	for _, c := range cells {
		stderr.WriteString(c.Stderr())
	}
	if !strings.Contains(stderr.String(), "UserWarning: Using a target size (torch.Size([1, 1])) that is different to the input size (torch.Size([1]))") {
		t.Errorf("chapter 5's loss of a [1] output against a [1 1] target must print PyTorch's broadcasting warning; stderr:\n%s", stderr.String())
	}
}

// committedCells reads the committed notebook lessons/<notebook>.
func committedCells(t *testing.T, notebook string) []nbrun.Cell {
	t.Helper()
	cells, err := nbrun.ReadCells(filepath.Join(repoRoot(t), "lessons", notebook))
	if err != nil {
		t.Fatal(err)
	}
	return cells
}

// checkMNISTTraining applies check, an MNIST chapter's check of its training
// and test values, to out, this run's output — one epoch against quickFloor
// when the run is shortened by $KOSAKU_EPOCHS, the chapter's 2 epochs against
// fullFloor when not — and to the committed notebook, which carries the
// chapter's full 2-epoch run.
func checkMNISTTraining(t *testing.T, notebook, out string, check func(t *testing.T, what, out string, epochs int, floor float64), quickFloor, fullFloor float64) {
	t.Helper()
	if quickRun() {
		check(t, "this run (shortened)", out, 1, quickFloor)
	} else {
		check(t, "this run", out, 2, fullFloor)
	}
	check(t, "the committed notebook", stdout(committedCells(t, notebook)), 2, fullFloor)
}

// runningLosses returns the MNIST chapters' running-loss lines of epochs
// 1..epochs ("#1, data: 10000, running_loss: 1.068", every 500 batches of 20:
// data 10000 … 60000), failing t unless there are six per epoch in order.
func runningLosses(t *testing.T, what, out string, epochs int) []float64 {
	t.Helper()
	lines := regexp.MustCompile(`(?m)^#(\d+), data: (\d+), running_loss: (\d+\.\d{3})$`).FindAllStringSubmatch(out, -1)
	if len(lines) != 6*epochs {
		t.Fatalf("%s: %d running-loss lines, want %d (6 per epoch, %d epochs); output:\n%s", what, len(lines), 6*epochs, epochs, out)
	}
	var losses []float64
	for i, m := range lines {
		epoch, _ := strconv.Atoi(m[1])
		n, _ := strconv.Atoi(m[2])
		if epoch != i/6+1 || n != (i%6+1)*10000 {
			t.Errorf("%s: line %d is %q, want epoch %d, data %d", what, i, m[0], i/6+1, (i%6+1)*10000)
		}
		v, _ := strconv.ParseFloat(m[3], 64)
		losses = append(losses, v)
	}
	return losses
}

// testAccuracy reads the MNIST chapters' "correct: N, accuracy: N / 10000 = A"
// line, fails t unless it is consistent and A is at least floor, and returns N.
func testAccuracy(t *testing.T, what, out string, floor float64) int {
	t.Helper()
	m := regexp.MustCompile(`(?m)^correct: (\d+), accuracy: (\d+) / (\d+) = (\S+)$`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("%s: no line `correct: N, accuracy: N / 10000 = A`; output:\n%s", what, out)
	}
	correct, _ := strconv.Atoi(m[1])
	acc, err := strconv.ParseFloat(m[4], 64)
	if err != nil || m[2] != m[1] || m[3] != "10000" || acc != float64(correct)/10000 {
		t.Errorf("%s: inconsistent accuracy line %q", what, m[0])
	}
	if acc < floor {
		t.Errorf("%s: test accuracy %v, want at least %v", what, acc, floor)
	}
	return correct
}
