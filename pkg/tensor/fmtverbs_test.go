package tensor

import (
	"fmt"
	"testing"

	"github.com/kosaku-dl/kosaku/pkg/internal/testkit"
)

// TestFmtVerbsMatchPython compares fmt.Sprintf on one-element tensors with Python's
// `spec % tensor` in torch 1.13 (testdata/fmt.json from gen_fmt.py).
func TestFmtVerbsMatchPython(t *testing.T) {
	f := testkit.LoadJSON[struct {
		Cases []struct{ Name, Spec, Out, Str string } `json:"cases"`
	}](t, "testdata/fmt.json", "/usr/bin/python3 testdata/gen_fmt.py")
	correct := New([]int{1, 2, 0, 1}).Eq(New([]int{1, 2, 1, 1})).Sum()
	build := map[string]*Tensor{
		"sum_d":            New(108),
		"eq_sum_d":         correct,
		"loss_4f":          New(0.0691015),
		"loss_e":           New(1.3333e-05),
		"item_f":           New([][]float64{{2.5}}),
		"width_d":          New([]int{7}),
		"left_d":           New([]int{7}),
		"hex":              New(255),
		"int_f":            New(3),
		"int32_d":          New(int32(-12)),
		"f64_6f":           New(0.1, Float64),
		"float_integral_d": New(2.0),
		"big_int_d":        New(int64(9007199254740993)),
		"plus_f":           New(1.25),
		"s":                New([][]float64{{1.95}}),
	}
	for _, c := range f.Cases {
		x, ok := build[c.Name]
		if !ok {
			t.Errorf("no Go tensor for %q", c.Name)
			continue
		}
		if x.String() != c.Str {
			t.Errorf("%s: Go tensor is %v, torch's is %s", c.Name, x, c.Str)
		}
		if got := fmt.Sprintf(c.Spec, x); got != c.Out {
			t.Errorf("%s: Sprintf(%q) = %q, Python gives %q", c.Name, c.Spec, got, c.Out)
		}
	}
	if len(f.Cases) != len(build) {
		t.Errorf("%d reference cases, %d Go tensors", len(f.Cases), len(build))
	}
}

// TestFmtVerbsKosakuChoices covers the verbs Kosaku decides itself (see Format's doc).
func TestFmtVerbsKosakuChoices(t *testing.T) {
	m := New([][]float64{{1, 2}, {3, 4.5}})
	cases := []struct {
		spec string
		x    *Tensor
		want string
	}{
		{"%v", m, m.String()},
		{"%+v", m, m.String()},
		{"%#v", m, m.String()},
		{"%s", New(1.5).RequiresGrad(), "tensor(1.5000, requires_grad=True)"},
		{"%20s|", New(2), "           tensor(2)|"},
		{"%-10v|", New(2), "tensor(2) |"},
		{"%.2f", m, "[[1.00, 2.00], [3.00, 4.50]]"},
		{"%d", New([]int{1, 2, 3}), "[1, 2, 3]"},
		{"%3d", New([][]int{{1}, {20}}), "[[  1], [ 20]]"},
		{"%d", New([]float64{1, 2}), "[1, 2]"},
		{"%d", New(0.5), "%!d(float32=0.5)"},
		{"%d", New(0.5, Float64), "%!d(float64=0.5)"},
		{"%g", New(0.1), "0.1"},
		{"%g", New(0.1, Float64), "0.1"},
		{"%t", New(true), "true"},
		{"%d", New([]bool{true, false}), "[1, 0]"},
		{"%.1f", New(false), "0.0"},
		{"%x", New(int32(255)), "ff"},
		{"%d", Zeros(0), "[]"},
		{"%q", New(1), "%!q(*tensor.Tensor=tensor(1))"},
		{"%v", (*Tensor)(nil), "<nil>"},
		{"%.4f", (*Tensor)(nil), "<nil>"},
	}
	for _, c := range cases {
		if got := fmt.Sprintf(c.spec, c.x); got != c.want {
			t.Errorf("Sprintf(%q) = %q, want %q", c.spec, got, c.want)
		}
	}
}
