package tensor

import (
	"math"
	"testing"
)

func TestChapter5Smoke(t *testing.T) {
	w := New([][]float32{{1.95}}).RequiresGrad()
	x := New([][]float32{{1}})
	tt := New([][]float32{{2}})
	y := x.MatMul(w)
	loss := y.Sub(tt).Pow(2).Mean()
	if math.Abs(loss.Item()-0.0025) > 1e-6 {
		t.Fatalf("loss %v", loss.Item())
	}
	if w.Grad() != nil {
		t.Fatal("grad before backward")
	}
	loss.Backward()
	if math.Abs(w.Grad().Item()+0.1) > 1e-6 {
		t.Fatalf("grad %v", w.Grad().Item())
	}
}

func TestBroadcastAdd(t *testing.T) {
	a := FromSlice([]float32{1, 2, 3, 4, 5, 6}, 2, 3).RequiresGrad()
	b := FromSlice([]float32{10, 20, 30}, 3).RequiresGrad()
	c := FromSlice([]float32{100, 200}, 2, 1)
	s := a.Add(b).Add(c)
	want := []float32{111, 122, 133, 214, 225, 236}
	for i, v := range s.Float32s() {
		if v != want[i] {
			t.Fatalf("got %v", s.Float32s())
		}
	}
	s.Sum().Backward()
	for _, v := range b.Grad().Float32s() {
		if v != 2 {
			t.Fatalf("b grad %v", b.Grad().Float32s())
		}
	}
	m := FromSlice([]float32{1, 2, 3, 4, 5, 6}, 2, 3)
	if got := m.MatMul(m.T()).Float32s(); got[0] != 14 || got[1] != 32 || got[3] != 77 {
		t.Fatalf("mm %v", got)
	}
}
