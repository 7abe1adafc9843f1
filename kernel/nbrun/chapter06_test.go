package nbrun_test

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/kosaku-dl/kosaku/kernel/nbrun"
)

// wantBlocks fails t unless out contains every block (several whole lines,
// compared exactly) in the given order.
func wantBlocks(t *testing.T, out string, blocks ...string) {
	t.Helper()
	out = "\n" + out
	at := 0
	for _, b := range blocks {
		i := strings.Index(out[at:], "\n"+b+"\n")
		if i < 0 {
			t.Errorf("output lacks, after what was found before it, the lines\n%s\nit printed:\n%s", b, out)
			return
		}
		at += i + len(b) + 1
	}
}

// tensorValues returns the numbers printed in a tensor's text.
func tensorValues(t *testing.T, s string) []float64 {
	t.Helper()
	s = s[:strings.Index(s+"grad_fn", "grad_fn")]
	s = s[:strings.Index(s+"requires_grad", "requires_grad")]
	var vs []float64
	for _, f := range regexp.MustCompile(`-?\d+\.?\d*`).FindAllString(s, -1) {
		v, err := strconv.ParseFloat(f, 64)
		if err != nil {
			t.Fatalf("value %q in %q: %v", f, s, err)
		}
		vs = append(vs, v)
	}
	return vs
}

// checkParams checks a "Parameter containing:" weight and bias pair printed by
// chapter 6's comparison cell: 5x4 weights within ±wBound, 5 biases within ±bBound.
func checkParams(t *testing.T, what, block string, wBound, bBound float64) {
	t.Helper()
	parts := strings.Split(block, "Parameter containing:\n")
	if len(parts) != 3 {
		t.Fatalf("%s: want a weight and a bias printed as parameters, got\n%s", what, block)
	}
	for i, p := range parts[1:] {
		name, rows, cols, bound := "weight", 5, 4, wBound
		if i == 1 {
			name, rows, cols, bound = "bias", 1, 5, bBound
		}
		if !strings.Contains(p, "requires_grad=True)") {
			t.Errorf("%s %s lacks requires_grad=True:\n%s", what, name, p)
		}
		if n := strings.Count(p, "["); n != rows+1 && !(rows == 1 && n == 1) {
			t.Errorf("%s %s: want %d rows, got\n%s", what, name, rows, p)
		}
		vs := tensorValues(t, p)
		if len(vs) != rows*cols {
			t.Errorf("%s %s: %d values, want %d:\n%s", what, name, len(vs), rows*cols, p)
		}
		for _, v := range vs {
			if v < -bound || v > bound {
				t.Errorf("%s %s: value %v outside ±%v:\n%s", what, name, v, bound, p)
			}
		}
	}
}

func checkChapter6(t *testing.T, cells []nbrun.Cell) {
	out := stdout(cells)

	// MyLinear as a module: its parameters are found by name; an unwrapped
	// bias is not a parameter.
	wantBlocks(t, out,
		"Net(\n  (fc1): Linear(in_features=4, out_features=5, bias=True)\n  (fc2): Linear(in_features=5, out_features=1, bias=True)\n)",
		"weight torch.Size([5, 4])\nbias torch.Size([5])\nparameters: 2\nforgot: weight torch.Size([5, 4])\nparameters: 1",
		"Linear class",
		"MyLinear class",
		"Net(\n  (fc1): MyLinear()\n  (fc2): MyLinear()\n)\nfc1.weight torch.Size([5, 4])\nfc1.bias torch.Size([5])\nfc2.weight torch.Size([1, 5])\nfc2.bias torch.Size([1])",
		"training finished")

	// Linear and MyLinear printed side by side: 5x4 weights in U(-1/2, 1/2),
	// Linear's bias in ±1/2, MyLinear's (the chapter's U(-k, k)) in ±1/4.
	_, cmp, ok := strings.Cut(out, "Linear class\n")
	if !ok {
		t.Fatal("no Linear class block")
	}
	lin, my, ok := strings.Cut(cmp, "\nMyLinear class\n")
	if !ok {
		t.Fatal("no MyLinear class block")
	}
	my = my[:strings.Index(my, "Net(")]
	checkParams(t, "nn.Linear", lin, 0.5, 0.5)
	checkParams(t, "MyLinear", my, 0.5, 0.25)
	if tensorValues(t, lin)[0] == tensorValues(t, my)[0] {
		t.Errorf("Linear and MyLinear start from the same first weight: not two draws")
	}

	// Training the iris net built from MyLinear: loss every 100 epochs as
	// loss.data prints, then the count of correct training rows.
	var losses []float64
	for _, m := range regexp.MustCompile(`(?m)^epoch: +(\d+), loss: tensor\((\d+\.\d{4})\)$`).FindAllStringSubmatch(out, -1) {
		v, _ := strconv.ParseFloat(m[2], 64)
		losses = append(losses, v)
	}
	if len(losses) != 20 {
		t.Fatalf("%d loss lines, want 20 (every 100 of 2000 epochs)", len(losses))
	}
	if !(losses[19] < losses[0]/3) {
		t.Errorf("loss went from %v to %v: not trained", losses[0], losses[19])
	}
	correct := intMatch(t, out, regexp.MustCompile(`(?m)^tensor\((\d+)\)$`))
	atLeast(t, "correct on the 112 training rows", correct, 100)
	if correct > 112 {
		t.Errorf("%d correct of 112", correct)
	}

	// The integer walk-through, exact values as PyTorch prints int64 tensors.
	ones := "tensor([ 31,  72, 113, 154, 195])"
	wantBlocks(t, out,
		"tensor([[ 1,  2,  3,  4],\n        [ 5,  6,  7,  8],\n        [ 9, 10, 11, 12],\n        [13, 14, 15, 16],\n        [17, 18, 19, 20]])\ntensor([1, 2, 3, 4, 5])\ntensor([1, 2, 3, 4])",
		ones, // F.Linear(x, w, b)
		ones, // w @ x + b
		"panic: tensor.MatMul: shapes [5 4] and [2 4] cannot be multiplied (4 != 2)",
		"tensor([[ 31.,  72., 113., 154., 195.],\n        [ 31.,  72., 113., 154., 195.]])",
		"tensor([[1, 2, 3],\n        [4, 5, 6]])\ntensor([[1, 4],\n        [2, 5],\n        [3, 6]])",
		"tensor([[14, 32],\n        [32, 77]])",
		"tensor([[1, 2, 3, 4],\n        [1, 2, 3, 4]])\ntensor([[1, 1],\n        [2, 2],\n        [3, 3],\n        [4, 4]])",
		"tensor([[ 30,  30],\n        [ 70,  70],\n        [110, 110],\n        [150, 150],\n        [190, 190]])",
		"tensor([[ 1,  2,  3,  4],\n        [ 5,  6,  7,  8],\n        [ 9, 10, 11, 12],\n        [13, 14, 15, 16],\n        [17, 18, 19, 20]])\n"+
			"tensor([[ 1,  5,  9, 13, 17],\n        [ 2,  6, 10, 14, 18],\n        [ 3,  7, 11, 15, 19],\n        [ 4,  8, 12, 16, 20]])\n"+
			"tensor([[ 30,  70, 110, 150, 190],\n        [ 30,  70, 110, 150, 190]])\n"+
			"tensor([[ 31,  72, 113, 154, 195],\n        [ 31,  72, 113, 154, 195]])",
		"w2: tensor([[ 1,  2,  3,  4,  5],\n        [ 1,  5,  9, 13, 17],\n        [ 2,  6, 10, 14, 18],\n        [ 3,  7, 11, 15, 19],\n        [ 4,  8, 12, 16, 20]])\n"+
			"ones: tensor([[1],\n        [1]])\n"+
			"x2: tensor([[1, 1, 2, 3, 4],\n        [1, 1, 2, 3, 4]])",
		"tensor([[ 31,  72, 113, 154, 195],\n        [ 31,  72, 113, 154, 195]])")

	// Forward rewritten as x @ weight.T + bias gives F.Linear's values on the
	// same weights, with the grad_fn of its last op.
	m := regexp.MustCompile(`\n(tensor\(\[\[[-\d., \n\[\]]*grad_fn=<AddmmBackward0>\))\n(tensor\(\[\[[-\d., \n\[\]]*grad_fn=<AddBackward0>\))\n`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("no F.Linear result followed by the rewritten Forward's in\n%s", out)
	}
	a, b := tensorValues(t, m[1]), tensorValues(t, m[2])
	if len(a) != 15 || len(b) != 15 {
		t.Fatalf("want two 3x5 outputs, got %d and %d values:\n%s\n%s", len(a), len(b), m[1], m[2])
	}
	for i := range a {
		if a[i] != b[i] {
			t.Errorf("MyLinear (F.Linear) and MyLinear2 (x @ w.T + b) differ on the same weights:\n%s\n%s", m[1], m[2])
			break
		}
	}

	pngs := 0
	for _, c := range cells {
		p, err := c.PNGs()
		if err != nil {
			t.Fatal(err)
		}
		pngs += len(p)
	}
	if pngs != 2 {
		t.Errorf("%d images, want 2 (weights before/after training, foo @ bar)", pngs)
	}
}
