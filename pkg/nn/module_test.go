package nn_test

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/kosaku-dl/kosaku/pkg/nn"
	"github.com/kosaku-dl/kosaku/pkg/tensor"
)

func names(m nn.Module) []string {
	var out []string
	for n := range nn.NamedParameters(m) {
		out = append(out, n)
	}
	return out
}

// walkNet exercises the field rules: unexported fields, tags, hidden fields,
// plain tensors, nil layers, slices of layers, embedded structs, interface fields.
type walkNet struct {
	nn.Base
	Scale    *tensor.Tensor // a parameter of the net itself
	notParam *tensor.Tensor // a plain tensor: not a parameter
	encoder  *nn.Linear
	Blocks   []*nn.Linear
	Head     nn.Module
	Spare    *nn.Linear // nil: skipped
	Custom   *nn.Linear `nn:"out"`
	Hidden   *nn.Linear `nn:"-"`
	extras
	Epochs int
	Gains  []*tensor.Tensor
}

type extras struct {
	Gate *tensor.Tensor
}

func (w *walkNet) Forward(x *tensor.Tensor) *tensor.Tensor { return x }

func newWalkNet() *walkNet {
	return &walkNet{
		Scale:    nn.NewParameter(tensor.Ones(1)),
		notParam: tensor.Ones(2),
		encoder:  nn.NewLinear(2, 3),
		Blocks:   []*nn.Linear{nn.NewLinear(3, 3), nn.NewLinear(3, 3, nn.Bias(false))},
		Head:     nn.NewSequential(nn.NewLinear(3, 1), nn.NewDropout()),
		Custom:   nn.NewLinear(1, 1),
		Hidden:   nn.NewLinear(1, 1),
		extras:   extras{Gate: nn.NewParameter(tensor.Zeros(1))},
		Gains:    []*tensor.Tensor{nn.NewParameter(tensor.Ones(3)), tensor.Ones(3), nil, nn.NewParameter(tensor.Ones(1))},
	}
}

func TestNamedParametersFollowsFieldRules(t *testing.T) {
	got := names(newWalkNet())
	want := []string{
		"scale", "gate", "gains.0", "gains.3", // the module's own parameters come first, as in PyTorch
		"encoder.weight", "encoder.bias",
		"blocks.0.weight", "blocks.0.bias", "blocks.1.weight",
		"head.0.weight", "head.0.bias",
		"out.weight", "out.bias",
	}
	if !slices.Equal(got, want) {
		t.Fatalf("names\n got %v\nwant %v", got, want)
	}
	if n := len(nn.Parameters(newWalkNet())); n != len(want) {
		t.Fatalf("Parameters gives %d tensors, want %d", n, len(want))
	}
	sd := nn.StateDict(newWalkNet())
	if len(sd) != len(want) || sd["blocks.1.weight"] == nil {
		t.Fatalf("StateDict keys %v", sd)
	}
}

func TestSprintNested(t *testing.T) {
	want := `walkNet(
  (encoder): Linear(in_features=2, out_features=3, bias=True)
  (blocks): ModuleList(
    (0): Linear(in_features=3, out_features=3, bias=True)
    (1): Linear(in_features=3, out_features=3, bias=False)
  )
  (head): Sequential(
    (0): Linear(in_features=3, out_features=1, bias=True)
    (1): Dropout(p=0.5, inplace=False)
  )
  (out): Linear(in_features=1, out_features=1, bias=True)
)`
	if got := nn.Sprint(newWalkNet()); got != want {
		t.Fatalf("got\n%s\nwant\n%s", got, want)
	}
	if got := nn.Sprint(nn.NewSequential()); got != "Sequential()" {
		t.Fatalf("empty Sequential prints %q", got)
	}
}

func TestTrainEvalReachEveryModule(t *testing.T) {
	n := newWalkNet()
	drop := n.Head.(*nn.Sequential).Layers[1].(*nn.Dropout)
	if !n.Training() || !drop.Training() {
		t.Fatal("a new module must be in training mode")
	}
	nn.Eval(n)
	if n.Training() || drop.Training() {
		t.Fatal("Eval did not reach the net and its nested Dropout")
	}
	x := tensor.Ones(4, 8)
	if y := drop.Forward(x); y != x {
		t.Fatal("Dropout in eval mode must return its input")
	}
	nn.Train(n)
	if !n.Training() || !drop.Training() {
		t.Fatal("Train did not reach every module")
	}
}

// A shared layer's parameters are listed once, and a cycle does not hang the walk.
type sharedNet struct {
	A, B *nn.Linear
	Back *sharedNet
}

func (s *sharedNet) Forward(x *tensor.Tensor) *tensor.Tensor { return x }

func TestSharedLayersAndCycles(t *testing.T) {
	l := nn.NewLinear(2, 2)
	n := &sharedNet{A: l, B: l}
	n.Back = n
	if got := names(n); !slices.Equal(got, []string{"a.weight", "a.bias"}) {
		t.Fatalf("names %v", got)
	}
	if s := nn.Sprint(n); !strings.Contains(s, "(back): sharedNet()") {
		t.Fatalf("Sprint of a cycle:\n%s", s)
	}
}

func TestFieldNames(t *testing.T) {
	m := &fieldNet{FC1: nn.NewLinear(1, 1, nn.Bias(false)), Fc2: nn.NewLinear(1, 1, nn.Bias(false)),
		HTTPLayer: nn.NewLinear(1, 1, nn.Bias(false)), conv: nn.NewLinear(1, 1, nn.Bias(false)),
		OutputHead: nn.NewLinear(1, 1, nn.Bias(false))}
	want := []string{"fc1.weight", "fc2.weight", "httpLayer.weight", "conv.weight", "outputHead.weight"}
	if got := names(m); !slices.Equal(got, want) {
		t.Fatalf("names %v, want %v", got, want)
	}
}

type fieldNet struct {
	FC1        *nn.Linear
	Fc2        *nn.Linear
	HTTPLayer  *nn.Linear
	conv       *nn.Linear
	OutputHead *nn.Linear
}

func (f *fieldNet) Forward(x *tensor.Tensor) *tensor.Tensor { return x }

// A module passed by value (not a pointer) is walked too.
type valueNet struct{ fc *nn.Linear }

func (v valueNet) Forward(x *tensor.Tensor) *tensor.Tensor { return v.fc.Forward(x) }

func TestValueModule(t *testing.T) {
	if got := names(valueNet{fc: nn.NewLinear(2, 1)}); !slices.Equal(got, []string{"fc.weight", "fc.bias"}) {
		t.Fatalf("names %v", got)
	}
}

func TestLinearInitialisation(t *testing.T) {
	tensor.ManualSeed(4)
	l := nn.NewLinear(4, 500)
	lo, hi := 1.0, -1.0
	for _, p := range []*tensor.Tensor{l.Weight, l.Bias} {
		if !p.IsParameter() || !p.NeedsGrad() {
			t.Fatal("Linear's tensors must be parameters requiring gradients")
		}
		for _, v := range p.Float32s() {
			lo, hi = min(lo, float64(v)), max(hi, float64(v))
		}
	}
	// U(-1/2, 1/2) for 4 inputs: 2500 draws come close to both ends.
	if lo < -0.5 || hi > 0.5 || lo > -0.49 || hi < 0.49 {
		t.Fatalf("values span [%v, %v], want U(-0.5, 0.5)", lo, hi)
	}
	if got := fmt.Sprint(l.Weight.Shape(), l.Bias.Shape()); got != "torch.Size([500, 4]) torch.Size([500])" {
		t.Fatalf("shapes %s", got)
	}
	c := nn.NewConv2d(6, 16, 5)
	bound := float32(1 / math.Sqrt(6*5*5))
	for _, v := range c.Weight.Float32s() {
		if v < -bound || v > bound {
			t.Fatalf("conv weight %v outside U(-1/sqrt(150), 1/sqrt(150))", v)
		}
	}
}

func TestOptionsPanicWhereTheyDoNotApply(t *testing.T) {
	defer func() {
		want := "nn.NewLinear: option Stride does not apply (it takes Bias)"
		if msg := fmt.Sprint(recover()); msg != want {
			t.Fatalf("panic %q, want %q", msg, want)
		}
	}()
	nn.NewLinear(2, 2, nn.Stride(2))
}

func TestDropout(t *testing.T) {
	d := nn.NewDropout(0.25)
	d.Generator = tensor.NewGenerator(7)
	x := tensor.Ones(100, 100).RequiresGrad()
	y := d.Forward(x)
	zeros := 0
	for _, v := range y.Float32s() {
		switch v {
		case 0:
			zeros++
		case float32(1 / 0.75):
		default:
			t.Fatalf("dropout output %v, want 0 or 1/(1-p)", v)
		}
	}
	if zeros < 2300 || zeros > 2700 {
		t.Fatalf("%d of 10000 dropped, want about 2500", zeros)
	}
	y.Sum().Backward()
	if !slices.Equal(x.Grad().Float32s(), y.Float32s()) {
		t.Fatal("the gradient of dropout must be its mask")
	}
	// The same generator seed gives the same mask.
	d2 := nn.NewDropout(0.25)
	d2.Generator = tensor.NewGenerator(7)
	if !slices.Equal(d2.Forward(tensor.Ones(100, 100)).Float32s(), y.Float32s()) {
		t.Fatal("a seeded generator must reproduce the mask")
	}
	if p := nn.NewDropout().P; p != 0.5 {
		t.Fatalf("default p %v, want 0.5", p)
	}
}
