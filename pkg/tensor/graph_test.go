package tensor

import (
	"fmt"
	"reflect"
	"testing"
)

// Chapter 5's graph: loss = MSE(w * x, t) with w = [[1.95]] a leaf that
// requires grad. PyTorch 1.13:
//
//	loss.grad_fn                                   MseLossBackward0
//	loss.grad_fn.next_functions                    ((MulBackward0, 0), (None, 0))
//	loss.grad_fn.next_functions[0][0].next_functions ((AccumulateGrad, 0), (None, 0))
func TestGraphChapter5(t *testing.T) {
	w := FromSlice([]float32{1.95}, 1, 1).RequiresGrad()
	x := FromSlice([]float32{1}, 1)
	target := FromSlice([]float32{2}, 1, 1)
	out := w.Mul(x)
	loss := out.Sub(target).Pow(2).Mean()
	g := Graph(loss)
	var names []string
	for _, n := range g {
		names = append(names, n.Name)
	}
	// Kosaku's MSE written out: mean((out - t)^2).
	want := []string{"MeanBackward0", "PowBackward0", "SubBackward0", "MulBackward0", "AccumulateGrad"}
	if !reflect.DeepEqual(names, want) {
		t.Fatalf("graph %v, want %v", names, want)
	}
	for i := 0; i+1 < len(g); i++ {
		if !reflect.DeepEqual(g[i].Inputs, []int{i + 1}) {
			t.Errorf("node %d (%s) inputs %v, want [%d]: the target and x need no gradient", i, g[i].Name, g[i].Inputs, i+1)
		}
	}
	leaf := g[len(g)-1]
	if !leaf.Leaf || leaf.Param || leaf.Tensor != w || !reflect.DeepEqual(leaf.Shape, []int{1, 1}) || leaf.Inputs != nil {
		t.Errorf("leaf node %+v, want AccumulateGrad of w [1 1]", leaf)
	}
	if g[0].Tensor != loss || len(g[0].Shape) != 0 {
		t.Errorf("root node holds %v with shape %v, want the loss, shape []", g[0].Tensor, g[0].Shape)
	}
}

func TestGraphSharedInputsOnce(t *testing.T) {
	// y = a*b + a: a reaches the graph twice but is one node; b is a
	// parameter.
	a := FromSlice([]float32{1, 2}, 2).RequiresGrad()
	b := FromSlice([]float32{3, 4}, 2).MarkParameter()
	y := a.Mul(b).Add(a).Sum()
	g := Graph(y)
	if len(g) != 5 {
		t.Fatalf("%d nodes: %+v", len(g), g)
	}
	got := fmt.Sprintln(g[0].Name, g[0].Inputs, g[1].Name, g[1].Inputs, g[2].Name, g[2].Inputs, g[3].Name, g[4].Name, g[4].Param)
	if want := "SumBackward0 [1] AddBackward0 [2 3] MulBackward0 [3 4] AccumulateGrad AccumulateGrad true\n"; got != want {
		t.Errorf("graph %s, want %s", got, want)
	}
	if Graph(a) != nil || Graph(nil) != nil {
		t.Error("a leaf has no grad_fn: Graph must be nil")
	}
	var z *Tensor
	NoGrad(func() { z = a.Mul(b) })
	if Graph(z) != nil {
		t.Error("a result computed under NoGrad has no graph")
	}
}
