package tensor

import (
	"runtime"
	"testing"
)

// The gradient free list must never hand a buffer to two live gradients: these graphs
// pass one pooled gradient to several inputs, through views, and into a leaf, and
// their gradients are compared with the values worked out by hand.
func TestGradPoolSharedGradients(t *testing.T) {
	x := New([]float64{-1, 2, 3, -4}, Float64).RequiresGrad()
	// relu(x) + relu(x): AddBackward0 returns its one pooled gradient for both inputs.
	r := x.ReLU()
	r.Add(r).Sum().Backward()
	assertValues(t, "x+x grad", x.Grad().Float64s(), []float64{0, 2, 2, 0})

	// A view of a pooled gradient (Reshape's backward) stays valid after its source
	// is consumed.
	x.SetGrad(nil)
	x.ReLU().Reshape(2, 2).Mul(New([][]float64{{1, 2}, {3, 4}}, Float64)).Sum().Backward()
	assertValues(t, "reshape grad", x.Grad().Float64s(), []float64{0, 2, 3, 0})

	// The leaf adopted its first pooled gradient; later backwards must add into it and
	// must not be handed its storage again.
	held := x.Grad()
	for range 3 {
		x.ReLU().Sum().Backward()
		y := New([]float64{5, 6, 7, 8}, Float64).RequiresGrad()
		y.ReLU().Sum().Backward() // a same-sized gradient drawn from the list
		assertValues(t, "other leaf", y.Grad().Float64s(), []float64{1, 1, 1, 1})
	}
	assertValues(t, "held grad", held.Float64s(), []float64{0, 5, 6, 0})
	if x.Grad() != held {
		t.Fatal("x.Grad() is no longer the tensor the reader holds")
	}
}

func assertValues(t *testing.T, what string, got, want []float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: got %v, want %v", what, got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("%s: got %v, want %v", what, got, want)
		}
	}
}

// A training-like loop reuses its gradient buffers: once warm, the backward pass of a
// two-layer ReLU net allocates far less than the gradients it produces.
func TestGradPoolReusesBuffers(t *testing.T) {
	w1 := Randn(NewGenerator(1), 256, 512).RequiresGrad()
	w2 := Randn(NewGenerator(2), 512, 10).RequiresGrad()
	x := Randn(NewGenerator(3), 64, 256)
	step := func() *Tensor {
		w1.ZeroGrad()
		w2.ZeroGrad()
		return x.MatMul(w1).ReLU().MatMul(w2).Sum()
	}
	for range 3 {
		step().Backward()
	}
	// The gradients of one backward pass: relu's input and output grads [64, 512],
	// w1's [256, 512], w2's [512, 10], float32.
	gradBytes := uint64(4 * (2*64*512 + 256*512 + 512*10))
	var before, after runtime.MemStats
	const steps = 5
	var total uint64
	for range steps {
		loss := step()
		runtime.ReadMemStats(&before)
		loss.Backward()
		runtime.ReadMemStats(&after)
		total += after.TotalAlloc - before.TotalAlloc
	}
	// Without the free list a step allocates at least gradBytes; with it, a few KB of
	// graph bookkeeping, or about a third of gradBytes under the race detector, whose
	// sync.Pool drops items at random (the GEMM's packing buffers live in one).
	t.Logf("backward allocated %d bytes per step (gradients: %d bytes)", total/steps, gradBytes)
	if perStep := total / steps; perStep > gradBytes/2 {
		t.Fatalf("backward allocated %d bytes per step, want under half of the %d bytes of gradients it computes (are gradients drawn from the free list?)", perStep, gradBytes)
	}
}
