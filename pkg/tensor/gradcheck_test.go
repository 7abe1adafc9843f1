package tensor

import (
	"math"
	"testing"
)

// gradCheck runs GradCheck on f(inputs) with float64 tolerances, naming the case.
func gradCheck(t *testing.T, name string, f func(x []*Tensor) *Tensor, inputs ...*Tensor) {
	t.Helper()
	if err := GradCheck(func() *Tensor { return f(inputs) }, inputs, 1e-6, 1e-6, 1e-5); err != nil {
		t.Errorf("%s: %v", name, err)
	}
}

func rd(g *Generator, shape ...int) *Tensor { return Randn(g, shape...).Double() }

// pd is positive data away from 0 (for log, sqrt, pow, div).
func pd(g *Generator, shape ...int) *Tensor { return Rand(g, shape...).Double().AddScalar(0.5) }

// awayFromZero keeps |x| >= 0.1 so abs and relu are differentiable at every sample.
func awayFromZero(g *Generator, shape ...int) *Tensor {
	x := rd(g, shape...)
	for i, v := range x.f64 {
		if math.Abs(v) < 0.1 {
			x.f64[i] = 0.1 + math.Abs(v)
		}
	}
	return x
}

func TestGradCheckElementwise(t *testing.T) {
	g := NewGenerator(1)
	type bin func(a, b *Tensor) *Tensor
	ops := map[string]bin{
		"Add": (*Tensor).Add, "Sub": (*Tensor).Sub, "Mul": (*Tensor).Mul, "Div": (*Tensor).Div,
	}
	shapes := [][2][]int{
		{{2, 3}, {2, 3}}, {{4, 3}, {3}}, {{3}, {4, 3}}, {{4, 1}, {1, 3}}, {{2, 3}, {}},
		{{}, {2, 3}}, {{2, 1, 4}, {3, 1}}, {{2, 3, 4}, {2, 1, 4}}, {{5}, {1}},
	}
	for name, op := range ops {
		for _, sh := range shapes {
			op := op
			gradCheck(t, name+shapeStr(sh[0])+shapeStr(sh[1]), func(x []*Tensor) *Tensor { return op(x[0], x[1]) },
				rd(g, sh[0]...), pd(g, sh[1]...))
		}
	}
	// An input used twice: gradients must be summed.
	gradCheck(t, "x*x+x", func(x []*Tensor) *Tensor { return x[0].Mul(x[0]).Add(x[0]) }, rd(g, 3, 2))
	gradCheck(t, "x/x.sum", func(x []*Tensor) *Tensor { return x[0].Div(x[0].Sum()) }, pd(g, 4))
	scalars := map[string]func(x *Tensor) *Tensor{
		"AddScalar":  func(x *Tensor) *Tensor { return x.AddScalar(1.5) },
		"SubScalar":  func(x *Tensor) *Tensor { return x.SubScalar(1.5) },
		"RSubScalar": func(x *Tensor) *Tensor { return x.RSubScalar(1.5) },
		"MulScalar":  func(x *Tensor) *Tensor { return x.MulScalar(-2.5) },
		"DivScalar":  func(x *Tensor) *Tensor { return x.DivScalar(3) },
		"Pow2":       func(x *Tensor) *Tensor { return x.Pow(2) },
		"Pow3":       func(x *Tensor) *Tensor { return x.Pow(3) },
		"Pow0.5":     func(x *Tensor) *Tensor { return x.Pow(0.5) },
		"Pow-1.5":    func(x *Tensor) *Tensor { return x.Pow(-1.5) },
		"Neg":        (*Tensor).Neg,
		"Exp":        (*Tensor).Exp,
		"Log":        (*Tensor).Log,
		"Sqrt":       (*Tensor).Sqrt,
		"Sigmoid":    (*Tensor).Sigmoid,
		"Tanh":       (*Tensor).Tanh,
		"Clone":      (*Tensor).Clone,
	}
	for name, f := range scalars {
		f := f
		gradCheck(t, name, func(x []*Tensor) *Tensor { return f(x[0]) }, pd(g, 3, 4))
	}
	gradCheck(t, "Abs", func(x []*Tensor) *Tensor { return x[0].Abs() }, awayFromZero(g, 3, 4))
	gradCheck(t, "ReLU", func(x []*Tensor) *Tensor { return x[0].ReLU() }, awayFromZero(g, 3, 4))
	gradCheck(t, "ToFloat64", func(x []*Tensor) *Tensor { return x[0].To(Float64) }, rd(g, 3))
}

func TestGradCheckReductions(t *testing.T) {
	g := NewGenerator(2)
	gradCheck(t, "Sum", func(x []*Tensor) *Tensor { return x[0].Sum() }, rd(g, 3, 4))
	gradCheck(t, "Mean", func(x []*Tensor) *Tensor { return x[0].Mean() }, rd(g, 3, 4))
	for _, dim := range []int{0, 1, 2, -1} {
		for _, keep := range []bool{false, true} {
			dim, keep := dim, keep
			gradCheck(t, "SumDim", func(x []*Tensor) *Tensor { return x[0].SumDim(dim, keep) }, rd(g, 2, 3, 4))
			gradCheck(t, "MeanDim", func(x []*Tensor) *Tensor { return x[0].MeanDim(dim, keep) }, rd(g, 2, 3, 4))
			gradCheck(t, "MaxDim", func(x []*Tensor) *Tensor { v, _ := x[0].MaxDim(dim, keep); return v }, rd(g, 2, 3, 4))
		}
	}
	gradCheck(t, "Max", func(x []*Tensor) *Tensor { v, _ := x[0].Max(1); return v }, rd(g, 4, 5))
	gradCheck(t, "MaxAll", func(x []*Tensor) *Tensor { return x[0].MaxAll() }, rd(g, 4, 5))
}

func TestGradCheckMatMul(t *testing.T) {
	g := NewGenerator(3)
	mm := func(x []*Tensor) *Tensor { return x[0].MatMul(x[1]) }
	pairs := [][2][]int{
		{{3, 4}, {4, 5}}, {{3, 4}, {4}}, {{4}, {4, 5}}, {{4}, {4}}, {{2, 3, 4}, {2, 4, 5}},
		{{2, 3, 4}, {4, 5}}, {{3, 4}, {2, 4, 5}}, {{2, 3, 4}, {4}}, {{4}, {2, 4, 5}},
		{{1, 3, 4}, {2, 4, 5}}, {{2, 3, 4}, {1, 4, 5}},
	}
	for _, p := range pairs {
		gradCheck(t, "MatMul"+shapeStr(p[0])+shapeStr(p[1]), mm, rd(g, p[0]...), rd(g, p[1]...))
	}
	gradCheck(t, "Linear", func(x []*Tensor) *Tensor {
		return x[0].MatMul(x[1].T()).Add(x[2]).Sigmoid()
	}, rd(g, 5, 3), rd(g, 2, 3), rd(g, 2))
}

func TestGradCheckShapes(t *testing.T) {
	g := NewGenerator(4)
	one := func(name string, f func(x *Tensor) *Tensor, shape ...int) {
		gradCheck(t, name, func(x []*Tensor) *Tensor { return f(x[0]) }, rd(g, shape...))
	}
	one("Reshape", func(x *Tensor) *Tensor { return x.Reshape(3, -1) }, 2, 6)
	one("T", (*Tensor).T, 2, 3)
	one("Transpose", func(x *Tensor) *Tensor { return x.Transpose(0, 2) }, 2, 3, 4)
	one("Permute", func(x *Tensor) *Tensor { return x.Permute(2, 0, 1) }, 2, 3, 4)
	one("Unsqueeze", func(x *Tensor) *Tensor { return x.Unsqueeze(1) }, 2, 3)
	one("Squeeze", func(x *Tensor) *Tensor { return x.Squeeze() }, 1, 3, 1)
	one("SqueezeDim", func(x *Tensor) *Tensor { return x.Squeeze(-1) }, 1, 3, 1)
	one("Flatten", func(x *Tensor) *Tensor { return x.Flatten(1) }, 2, 3, 4)
	one("Index", func(x *Tensor) *Tensor { return x.Index(-2) }, 3, 4)
	one("IndexIndex", func(x *Tensor) *Tensor { return x.Index(1).Index(2) }, 3, 4)
	one("Slice", func(x *Tensor) *Tensor { return x.Slice(R(1, 3), R(1, 3)) }, 4, 5)
	one("SliceAll", func(x *Tensor) *Tensor { return x.Slice(Colon(), R(-2, 10)) }, 4, 5)
	one("SliceChain", func(x *Tensor) *Tensor { return x.Slice(R(1, 4)).Slice(R(0, 2)) }, 5, 2)
	for _, dim := range []int{0, 1, -1} {
		dim := dim
		gradCheck(t, "Cat", func(x []*Tensor) *Tensor { return Cat(x, dim) }, rd(g, 2, 3), rd(g, 2, 3))
		gradCheck(t, "Stack", func(x []*Tensor) *Tensor { return Stack(x, dim) }, rd(g, 2, 3), rd(g, 2, 3), rd(g, 2, 3))
	}
	gradCheck(t, "CatUneven", func(x []*Tensor) *Tensor { return Cat(x, 1) }, rd(g, 2, 1), rd(g, 2, 3))
}

// A custom op through Record: y = x^3 with a hand-written backward.
func TestGradCheckRecord(t *testing.T) {
	g := NewGenerator(5)
	cube := func(x []*Tensor) *Tensor {
		in := x[0]
		out := newTensor(Float64, in.shape)
		for i, v := range in.f64 {
			out.f64[i] = v * v * v
		}
		return Record("CubeBackward0", out, []*Tensor{in}, func(gr *Tensor) []*Tensor {
			return []*Tensor{gr.Mul(in.Pow(2).MulScalar(3))}
		})
	}
	gradCheck(t, "Record", func(x []*Tensor) *Tensor { return cube(x).Sum() }, rd(g, 3))
}
