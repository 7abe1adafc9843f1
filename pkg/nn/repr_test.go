package nn

import (
	"fmt"
	"slices"
	"testing"

	"github.com/kosaku-dl/kosaku/pkg/internal/testkit"
	"github.com/kosaku-dl/kosaku/pkg/tensor"
)

// pyRepr holds how PyTorch prints modules (testdata/reference.py).
type pyRepr struct {
	Net          string   `json:"net"`
	Names        []string `json:"names"`
	Sequential   string   `json:"sequential"`
	SeqNames     []string `json:"seq_names"`
	LinearNoBias string   `json:"linear_nobias"`
	ConvStride   string   `json:"conv_stride"`
	Tanh         string   `json:"tanh"`
	ReLU         string   `json:"relu"`
	Flatten      string   `json:"flatten"`
	MSE          string   `json:"mse"`
	CE           string   `json:"ce"`
	BCE          string   `json:"bce"`
	Dropout02    string   `json:"dropout02"`
}

// Net is the chapter 10 CNN with dropout, named as in the chapter so that its
// printout can be compared with PyTorch's character for character.
type Net struct {
	conv1   *Conv2d
	pool    *MaxPool2d
	conv2   *Conv2d
	fc1     *Linear
	dropout *Dropout
	fc2     *Linear
}

func (n *Net) Forward(x *tensor.Tensor) *tensor.Tensor { return x }

func TestReprMatchesPyTorch(t *testing.T) {
	want := testkit.LoadJSON[struct {
		Repr pyRepr `json:"repr"`
	}](t, "testdata/reference.json", "/usr/bin/python3 testdata/reference.py > testdata/reference.json").Repr
	n := &Net{
		conv1: NewConv2d(1, 6, 5), pool: NewMaxPool2d(2, Stride(2)), conv2: NewConv2d(6, 16, 5),
		fc1: NewLinear(256, 64), dropout: NewDropout(), fc2: NewLinear(64, 10),
	}
	if got := Sprint(n); got != want.Net {
		t.Errorf("Sprint:\n%s\nwant (PyTorch):\n%s", got, want.Net)
	}
	var names []string
	for name := range NamedParameters(n) {
		names = append(names, name)
	}
	if !slices.Equal(names, want.Names) {
		t.Errorf("names %v, want %v", names, want.Names)
	}
	seq := NewSequential(NewLinear(4, 5), NewSigmoid(), NewLinear(5, 3), NewSoftmax(1))
	if got := fmt.Sprint(seq); got != want.Sequential {
		t.Errorf("Sequential:\n%s\nwant:\n%s", got, want.Sequential)
	}
	names = names[:0]
	for name := range NamedParameters(NewSequential(NewLinear(4, 5), NewSigmoid(), NewLinear(5, 3))) {
		names = append(names, name)
	}
	if !slices.Equal(names, want.SeqNames) {
		t.Errorf("Sequential names %v, want %v", names, want.SeqNames)
	}
	for _, c := range []struct {
		got  fmt.Stringer
		want string
	}{
		{NewLinear(3, 2, Bias(false)), want.LinearNoBias},
		{NewConv2d(3, 8, 3, Stride(2), Padding(1)), want.ConvStride},
		{NewTanh(), want.Tanh},
		{NewReLU(), want.ReLU},
		{NewFlatten(), want.Flatten},
		{NewMSELoss(), want.MSE},
		{NewCrossEntropyLoss(), want.CE},
		{NewBCELoss(), want.BCE},
		{NewDropout(0.2), want.Dropout02},
	} {
		if c.got.String() != c.want {
			t.Errorf("got %s, want %s", c.got, c.want)
		}
	}
}
