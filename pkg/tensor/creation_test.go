package tensor

import (
	"fmt"
	"math"
	"testing"

	"github.com/kosaku-dl/kosaku/pkg/internal/testkit"
)

// creationCase is one entry of testdata/creation.json (gen_creation.py).
type creationCase struct {
	Op    string    `json:"op"`
	Name  string    `json:"name"`
	DType string    `json:"dtype"`
	Start float64   `json:"start"`
	End   float64   `json:"end"`
	Step  float64   `json:"step"`
	Steps int       `json:"steps"`
	Bits  []float64 `json:"values"` // the values, exact: JSON floats round-trip float64
	Str   string    `json:"str"`
}

func loadCreation(t *testing.T) []creationCase {
	t.Helper()
	return testkit.LoadJSON[struct {
		Cases []creationCase `json:"cases"`
	}](t, "testdata/creation.json", "/usr/bin/python3 testdata/gen_creation.py").Cases
}

// TestRangesMatchTorch checks Arange, ArangeOf, Linspace and LinspaceOf against torch 1.13
// bit for bit, and their printing.
func TestRangesMatchTorch(t *testing.T) {
	n := 0
	for _, c := range loadCreation(t) {
		var got *Tensor
		var name, fn string
		var float32Default func() *Tensor // the constructor without a dtype
		switch c.Op {
		case "arange":
			name, fn = fmt.Sprintf("arange(%v, %v, %v, %s)", c.Start, c.End, c.Step, c.DType), "Arange"
			got = ArangeOf(dtypeByName(c.DType), c.Start, c.End, c.Step)
			float32Default = func() *Tensor { return Arange(c.Start, c.End, c.Step) }
		case "linspace":
			name, fn = fmt.Sprintf("linspace(%v, %v, %d, %s)", c.Start, c.End, c.Steps, c.DType), "Linspace"
			got = LinspaceOf(dtypeByName(c.DType), c.Start, c.End, c.Steps)
			float32Default = func() *Tensor { return Linspace(c.Start, c.End, c.Steps) }
		default:
			continue
		}
		if c.DType == "float32" && float32Default().String() != got.String() {
			t.Errorf("%s: %s and %sOf(Float32) differ", name, fn, fn)
		}
		n++
		if got.DType() != dtypeByName(c.DType) {
			t.Errorf("%s: dtype %v", name, got.DType())
		}
		gb := got.ToFloat64s()
		if len(gb) != len(c.Bits) {
			t.Errorf("%s: %d elements, torch has %d", name, len(gb), len(c.Bits))
			continue
		}
		for i := range gb {
			if math.Float64bits(gb[i]) != math.Float64bits(c.Bits[i]) {
				t.Errorf("%s: element %d is %v, torch's is %v", name, i, gb[i], c.Bits[i])
				break
			}
		}
		if s := got.String(); s != c.Str {
			t.Errorf("%s prints\n%s\ntorch prints\n%s", name, s, c.Str)
		}
	}
	if n < 50 {
		t.Fatalf("only %d range cases in creation.json", n)
	}
}

// TestLiteralsMatchTorch checks New against str(torch.tensor(...)) for the same literals.
func TestLiteralsMatchTorch(t *testing.T) {
	build := map[string]*Tensor{
		"float2d":      New([][]float64{{1.95}}),
		"float1d":      New([]float64{0.1, 0.2, 0.30000001}),
		"float64":      New([]float64{0.1, 0.2}, Float64),
		"ints":         New([][]int{{1, 2}, {3, 4}}),
		"bools":        New([]bool{true, false}),
		"int_as_float": New([]int{1, 2}, Float32),
		"scalar":       New(2.5),
		"big_int":      New([]int64{9007199254740993, -9007199254740993}),
	}
	n := 0
	for _, c := range loadCreation(t) {
		if c.Op != "literal" {
			continue
		}
		x, ok := build[c.Name]
		if !ok {
			t.Errorf("no Go literal for case %q", c.Name)
			continue
		}
		n++
		if s := x.String(); s != c.Str {
			t.Errorf("%s prints\n%s\ntorch prints\n%s", c.Name, s, c.Str)
		}
	}
	if n != len(build) {
		t.Errorf("checked %d literals of %d", n, len(build))
	}
}

func TestCreationConvention(t *testing.T) {
	eqStr(t, "ZerosOf", ZerosOf(Int64, 2, 1), "tensor([[0],\n        [0]])")
	eqStr(t, "OnesOf", OnesOf(Bool, 2), "tensor([True, True])")
	eqStr(t, "EmptyOf", EmptyOf(Float64, 0), "tensor([], dtype=torch.float64)")
	eqStr(t, "FullOf float64", FullOf(Float64, 0.1, 1), "tensor([0.1000], dtype=torch.float64)")
	eqStr(t, "ArangeInt step", ArangeInt(10, 0, -3), "tensor([10,  7,  4,  1])")
	g := NewGenerator(3)
	if r := RandOf(Float64, g, 2, 3); r.DType() != Float64 || !sameShape(r.shape, []int{2, 3}) {
		t.Errorf("RandOf: %v %v", r.DType(), r.shape)
	}
	if r := RandnOf(Float64, g, 4); r.DType() != Float64 || r.Numel() != 4 {
		t.Errorf("RandnOf: %v %v", r.DType(), r.shape)
	}
	a, b := RandnOf(Float64, NewGenerator(5), 3), Randn(NewGenerator(5), 3)
	for i := 0; i < 3; i++ {
		if float32(a.f64[i]) != b.f32[i] {
			t.Errorf("RandnOf(Float64) and Randn draw different values at %d: %v vs %v", i, a.f64[i], b.f32[i])
		}
	}
	testkit.ExpectPanic(t, "tensor.ArangeOf: torch.int64 needs integral start, end and step, got 0, 1, 0.5; use Float32",
		func() { ArangeOf(Int64, 0, 1, 0.5) })
	testkit.ExpectPanic(t, "tensor.Arange: upper bound and larger bound inconsistent with step sign (start 0, end 1, step -1)",
		func() { Arange(0, 1, -1) })
	testkit.ExpectPanic(t, "tensor.Linspace: number of steps must be non-negative, got -1", func() { Linspace(0, 1, -1) })
	testkit.ExpectPanic(t, "tensor.New: data is nil; pass a Go number, bool or a (nested) slice of them", func() { New(nil) })
	testkit.ExpectPanic(t, "tensor.ZerosOf: unknown dtype torch.dtype(9); use Float32, Float64, Int64, Int32 or Bool",
		func() { ZerosOf(DType(9), 1) })
}
