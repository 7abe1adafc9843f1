package nbrun_test

import (
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/kosaku-dl/kosaku/kernel/nbrun"
)

// chapterChecks holds, per chapter notebook, the values ../shared/LESSONS.md
// asks it to show: exact where the chapter's computation is fixed, floors
// where training is random. TestEveryLessonRuns calls them on a fresh run.
var chapterChecks = map[string]func(t *testing.T, cells []nbrun.Cell){
	"01-what-is-deep-learning.ipynb": checkChapter1,
	"02-hello-deep-learning.ipynb":   checkChapter2,
	"03-datasets-and-tensors.ipynb":  checkChapter3,
	"04-inside-the-network.ipynb":    checkChapter4,
	"05-what-training-does.ipynb":    checkChapter5,
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

func checkChapter1(t *testing.T, cells []nbrun.Cell) {
	out := stdout(cells)
	wantLines(t, out,
		"W: torch.Size([5, 4])  B: torch.Size([5])  X: torch.Size([4])",
		"W·X + B: torch.Size([5])",
		runtime.Version(),
		"こんにちは、Go！ counter = 11",
		"こんにちは、Kosaku！ counter = 11")
}

func checkChapter2(t *testing.T, cells []nbrun.Cell) {
	out := stdout(cells)
	wantLines(t, out,
		"data: [5.1 3.5 1.4 0.2] , target: 0",
		"length of iris.Data: 150", "length of iris.Target: 150",
		"length of X_train: 112", "length of y_train: 112",
		"length of X_test: 38", "length of y_test: 38",
		"data: [5.9 3 4.2 1.5] , target: 1", // scikit-learn's random_state=0 split
		"training finished")
	losses := lossLines(t, out)
	if len(losses) != 20 {
		t.Fatalf("%d loss lines, want 20 (every 100 of 2000 epochs)", len(losses))
	}
	if !(losses[19] < losses[0]/3) {
		t.Errorf("loss went from %v to %v: not trained", losses[0], losses[19])
	}
	train := intMatch(t, out, regexp.MustCompile(`(?m)^tensor\((\d+)\)$`))
	atLeast(t, "correct on the 112 training rows", train, 100)
	test := intMatch(t, out, regexp.MustCompile(`(?m)^correct: (\d+) / 38$`))
	atLeast(t, "correct on the 38 test rows", test, 34)
	if n := strings.Count(out, "predicted: "); n != 38 {
		t.Errorf("%d predicted: lines, want 38", n)
	}
}

func checkChapter3(t *testing.T, cells []nbrun.Cell) {
	out := stdout(cells)
	wantLines(t, out,
		"torch.Size([150, 4])", "torch.Size([150, 4])", "150", "2",
		"torch.float64",
		"tensor([5.1000, 3.5000, 1.4000, 0.2000], dtype=torch.float64)",
		"tensor(5.1000, dtype=torch.float64)",
		"tensor([[4.9000, 3.0000, 1.4000, 0.2000],",
		"        [4.7000, 3.2000, 1.3000, 0.2000]], dtype=torch.float64)",
		"tensor([[3.0000, 1.4000],",
		"        [3.2000, 1.3000]], dtype=torch.float64)",
		"tensor([[4.7000, 3.2000, 1.3000, 0.2000]], dtype=torch.float64)")
	losses := lossLines(t, out)
	if len(losses) != 20 || !(losses[19] < losses[0]) {
		t.Errorf("losses %v: want 20 decreasing lines", losses)
	}
	train := intMatch(t, out, regexp.MustCompile(`(?m)^tensor\((\d+)\)$`))
	atLeast(t, "correct on the 112 training rows", train, 100)
	test := intMatch(t, out, regexp.MustCompile(`(?m)^correct: (\d+) / 38$`))
	atLeast(t, "correct on the 38 test rows", test, 34)
	if n := strings.Count(out, "grad_fn=<UnbindBackward0>) tensor("); n != 5 {
		t.Errorf("%d output rows printed with their label, want 5", n)
	}
}

func checkChapter4(t *testing.T, cells []nbrun.Cell) {
	out := stdout(cells)
	wantLines(t, out, "weight", "Parameter containing:", "bias", "Parameter containing:", "sqrt(k) = 0.5")
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
	wantLines(t, out, "Linear(in_features=4, out_features=5, bias=True)", "*nn.Linear",
		"func(*tensor.Tensor) *tensor.Tensor", "torch.Size([5])", "torch.Size([2, 1])")
}

func checkChapter5(t *testing.T, cells []nbrun.Cell) {
	out := stdout(cells)
	wantLines(t, out,
		"w: tensor([[1.9500]], requires_grad=True)",
		"t: tensor([[2.]])",
		"tensor([1.9500], grad_fn=<MvBackward0>)",
		"tensor(0.0025)",
		"tensor(0.0025, grad_fn=<DivBackward0>)",
		"grad: tensor([[-0.1000]], grad_fn=<SubBackward0>)",
		"before w.grad: <nil>",
		"after w.grad: tensor([[-0.1000]])",
		"tensor([[1.9500]], requires_grad=True)",
		"tensor([[1.9800]], requires_grad=True)",
		"tensor([[-0.1000]])",
		"tensor([[0.]])",
		"tensor([1.9800], grad_fn=<MvBackward0>)",
		"updated w.grad: tensor([[-0.0400]])",
		"updated w: tensor([[1.9920]], requires_grad=True)",
		"step  1: w = 1.980000, loss = 0.00250000",
		"step  2: w = 1.992000, loss = 0.00040000")
	var stderr strings.Builder
	for _, c := range cells {
		stderr.WriteString(c.Stderr())
	}
	if !strings.Contains(stderr.String(), "UserWarning: Using a target size (torch.Size([1, 1])) that is different to the input size (torch.Size([1]))") {
		t.Errorf("chapter 5's loss of a [1] output against a [1 1] target must print PyTorch's broadcasting warning; stderr:\n%s", stderr.String())
	}
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
