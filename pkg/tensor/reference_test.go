package tensor

import (
	"fmt"
	"math"
	"testing"

	"github.com/kosaku-dl/kosaku/pkg/internal/testkit"
)

// refTensor is a tensor as gen_reference.py encodes it: non-finite values are strings.
type refTensor struct {
	Shape        []int  `json:"shape"`
	DType        string `json:"dtype"`
	Data         []any  `json:"data"`
	RequiresGrad bool   `json:"requires_grad"`
}

type refCase struct {
	Name   string         `json:"name"`
	Op     string         `json:"op"`
	Args   map[string]any `json:"args"`
	Inputs []refTensor    `json:"inputs"`
	Out    refTensor      `json:"out"`
	Str    string         `json:"str"`
	GradFn string         `json:"grad_fn"`
	Gout   *refTensor     `json:"gout"`
	Grads  []*refTensor   `json:"grads"`
}

func dtypeByName(s string) DType {
	switch s {
	case "float32":
		return Float32
	case "float64":
		return Float64
	case "int64":
		return Int64
	case "int32":
		return Int32
	case "bool":
		return Bool
	}
	panic("unknown dtype " + s)
}

func (r refTensor) values() []float64 {
	out := make([]float64, len(r.Data))
	for i, v := range r.Data {
		switch x := v.(type) {
		case float64:
			out[i] = x
		case string:
			switch x {
			case "nan":
				out[i] = math.NaN()
			case "inf":
				out[i] = math.Inf(1)
			case "-inf":
				out[i] = math.Inf(-1)
			}
		}
	}
	return out
}

func (r refTensor) build() *Tensor {
	t := newTensor(dtypeByName(r.DType), r.Shape)
	for i, v := range r.values() {
		t.set(i, v)
	}
	if r.RequiresGrad {
		t.RequiresGrad()
	}
	return t
}

func argInt(a map[string]any, k string) int { return int(a[k].(float64)) }

func argInts(a map[string]any, k string) []int {
	var out []int
	for _, v := range a[k].([]any) {
		out = append(out, int(v.(float64)))
	}
	return out
}

// applyRef performs the case's op with this package's API.
func applyRef(c refCase, x []*Tensor) *Tensor {
	a := c.Args
	switch c.Op {
	case "add":
		return x[0].Add(x[1])
	case "sub":
		return x[0].Sub(x[1])
	case "mul":
		return x[0].Mul(x[1])
	case "div":
		return x[0].Div(x[1])
	case "add_scalar":
		return x[0].AddScalar(a["v"].(float64))
	case "sub_scalar":
		return x[0].SubScalar(a["v"].(float64))
	case "rsub_scalar":
		return x[0].RSubScalar(a["v"].(float64))
	case "mul_scalar":
		return x[0].MulScalar(a["v"].(float64))
	case "div_scalar":
		return x[0].DivScalar(a["v"].(float64))
	case "pow":
		return x[0].Pow(a["p"].(float64))
	case "neg":
		return x[0].Neg()
	case "exp":
		return x[0].Exp()
	case "log":
		return x[0].Log()
	case "sqrt":
		return x[0].Sqrt()
	case "abs":
		return x[0].Abs()
	case "sigmoid":
		return x[0].Sigmoid()
	case "relu":
		return x[0].ReLU()
	case "tanh":
		return x[0].Tanh()
	case "sum":
		return x[0].Sum()
	case "sum_dim":
		return x[0].SumDim(argInt(a, "dim"), a["keepdim"].(bool))
	case "mean":
		return x[0].Mean()
	case "mean_dim":
		return x[0].MeanDim(argInt(a, "dim"), a["keepdim"].(bool))
	case "max_dim":
		v, _ := x[0].Max(argInt(a, "dim"))
		return v
	case "max_dim_indices":
		_, i := x[0].Max(argInt(a, "dim"))
		return i
	case "argmax":
		return x[0].ArgMax(argInt(a, "dim"))
	case "max_all":
		return x[0].MaxAll()
	case "matmul":
		return x[0].MatMul(x[1])
	case "reshape":
		return x[0].Reshape(argInts(a, "shape")...)
	case "view":
		return x[0].View(argInts(a, "shape")...)
	case "t":
		return x[0].T()
	case "transpose":
		return x[0].Transpose(argInt(a, "d0"), argInt(a, "d1"))
	case "unsqueeze":
		return x[0].Unsqueeze(argInt(a, "dim"))
	case "squeeze":
		return x[0].Squeeze()
	case "squeeze_dim":
		return x[0].Squeeze(argInt(a, "dim"))
	case "flatten":
		return x[0].Flatten(argInt(a, "dim"))
	case "cat":
		return Cat(x, argInt(a, "dim"))
	case "stack":
		return Stack(x, argInt(a, "dim"))
	case "index":
		return x[0].Index(argInt(a, "i"))
	case "slice":
		var rs []Range
		for _, r := range a["ranges"].([]any) {
			p := r.([]any)
			rs = append(rs, R(int(p[0].(float64)), int(p[1].(float64))))
		}
		return x[0].Slice(rs...)
	case "eq":
		return x[0].Eq(x[1])
	case "lt":
		return x[0].Lt(x[1])
	case "ge_scalar":
		return x[0].GeScalar(a["v"].(float64))
	case "to":
		return x[0].To(dtypeByName(a["dtype"].(string)))
	case "identity":
		return x[0]
	case "arange":
		return Arange(a["start"].(float64), a["end"].(float64), a["step"].(float64))
	case "arange_int":
		return ArangeInt(int64(argInt(a, "start")), int64(argInt(a, "end")))
	case "parameter":
		return x[0].MarkParameter()
	case "chain":
		return x[0].MatMul(x[1]).Add(x[2]).Sigmoid().SubScalar(0.5).Pow(2).Mean()
	}
	panic("unknown op " + c.Op)
}

func loadReference(t *testing.T) []refCase {
	t.Helper()
	doc := testkit.LoadJSON[struct {
		Cases []refCase `json:"cases"`
	}](t, "testdata/reference.json", "/usr/bin/python3 testdata/gen_reference.py")
	if len(doc.Cases) < 200 {
		t.Fatalf("only %d reference cases", len(doc.Cases))
	}
	return doc.Cases
}

// closeTo compares with the tolerances: 1e-6 relative for float64, 1e-5 for
// float32, with an absolute floor of tol*1e-2*scale for values near zero; ints exactly.
// scale is the largest magnitude in the expected tensor (at least 1): a float32 sum
// with cancellation is accurate to a few ulps of its largest terms, not of its result,
// and torch and the packed Sgemm add in different orders. (matmul_3d2d's grad element
// 12: float64 truth 0.00682908, torch 0.00682899, Go 0.00682914.)
func closeTo(dt DType, got, want, scale float64) bool {
	if math.IsNaN(want) {
		return math.IsNaN(got)
	}
	if math.IsInf(want, 0) || !dt.IsFloat() {
		return got == want
	}
	tol := 1e-5
	if dt == Float64 {
		tol = 1e-6
	}
	return math.Abs(got-want) <= tol*math.Max(math.Abs(want), 1e-2*math.Max(scale, 1))
}

func checkTensor(t *testing.T, what string, got *Tensor, want refTensor) {
	t.Helper()
	if got == nil {
		t.Errorf("%s: got nil, want shape %v", what, want.Shape)
		return
	}
	if !sameShape(got.shape, want.Shape) || got.dtype != dtypeByName(want.DType) {
		t.Errorf("%s: got %v %v, want %v %s", what, got.shape, got.dtype, want.Shape, want.DType)
		return
	}
	scale := 0.0
	for _, w := range want.values() {
		if !math.IsInf(w, 0) && !math.IsNaN(w) {
			scale = math.Max(scale, math.Abs(w))
		}
	}
	for i, w := range want.values() {
		if g := got.at(i); !closeTo(got.dtype, g, w, scale) {
			t.Errorf("%s: element %d = %v, want %v", what, i, g, w)
			return
		}
	}
}

func TestPyTorchReference(t *testing.T) {
	for _, c := range loadReference(t) {
		t.Run(c.Name, func(t *testing.T) {
			ins := c.inputs()
			out := applyRef(c, ins)
			printed := out
			if c.Op != "identity" && c.Op != "parameter" && out.dtype.IsFloat() {
				// The printing of computed floats is checked on the exact reference
				// values (elsewhere the inputs are exact).
				printed = c.Out.build()
				printed.fn = out.fn
			}
			checkRefCase(t, c, ins, out, printed)
		})
	}
}

// inputs builds the case's input tensors.
func (c refCase) inputs() []*Tensor {
	ins := make([]*Tensor, len(c.Inputs))
	for i, r := range c.Inputs {
		ins[i] = r.build()
	}
	return ins
}

// checkRefCase compares out, computed from ins, with PyTorch's case c: shape, dtype and
// values, grad_fn, how printed (out, or a tensor of the exact values with out's grad_fn)
// prints, then, if the case has an output gradient, the gradient Backward leaves on each
// input (none where PyTorch has none).
func checkRefCase(t *testing.T, c refCase, ins []*Tensor, out, printed *Tensor) {
	t.Helper()
	checkTensor(t, "forward", out, c.Out)
	if got := out.GradFn(); got != c.GradFn {
		t.Errorf("grad_fn %q, want %q", got, c.GradFn)
	}
	if got := printed.String(); got != c.Str {
		t.Errorf("String():\n%s\nwant:\n%s", got, c.Str)
	}
	if c.Gout == nil {
		return
	}
	out.Backward(c.Gout.build())
	for i, w := range c.Grads {
		what := fmt.Sprintf("grad of input %d", i)
		if w == nil {
			if ins[i].Grad() != nil {
				t.Errorf("%s: got %v, want none", what, ins[i].Grad())
			}
			continue
		}
		checkTensor(t, what, ins[i].Grad(), *w)
	}
}
