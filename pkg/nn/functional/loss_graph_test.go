package functional_test

import (
	"io"
	"slices"
	"testing"

	F "github.com/kosaku-dl/kosaku/pkg/nn/functional"
	"github.com/kosaku-dl/kosaku/pkg/tensor"
)

// The graph of a broadcast MSE is PyTorch 1.13's:
//
//	x = torch.tensor([1.95], requires_grad=True); t = torch.tensor([[2.], [1.]], requires_grad=True)
//	l = nn.MSELoss()(x, t)
//	[n.name() for n, _ in l.grad_fn.next_functions]  # ['ExpandBackward0', 'AccumulateGrad']
//
// (chapter 5's loss of w @ x against [[2.0]] draws MvBackward0 -> ExpandBackward0 -> MseLossBackward0).
func TestMSEBroadcastGraph(t *testing.T) {
	defer F.SetWarningOutput(F.SetWarningOutput(io.Discard))
	x := tensor.New([]float64{1.95}).RequiresGrad()
	tg := tensor.New([][]float64{{2}, {1}}).RequiresGrad()
	l := F.MSELoss(x, tg, F.ReductionMean)
	g := tensor.Graph(l)
	var names []string
	for _, in := range g[0].Inputs {
		names = append(names, g[in].Name)
	}
	if g[0].Name != "MseLossBackward0" || !slices.Equal(names, []string{"ExpandBackward0", "AccumulateGrad"}) {
		t.Errorf("graph %s -> %v, want MseLossBackward0 -> [ExpandBackward0 AccumulateGrad]", g[0].Name, names)
	}
}
