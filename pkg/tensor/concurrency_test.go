package tensor

import (
	"sync"
	"testing"
)

// A data loader goroutine building batches (Stack, casts, Cat) must never switch grad
// mode off under the training goroutine: ops other than NoGrad, SetGradEnabled and
// Backward do not touch it.
func TestLoaderGoroutineKeepsGradMode(t *testing.T) {
	var wg sync.WaitGroup
	stop := make(chan struct{})
	wg.Add(1)
	go func() {
		defer wg.Done()
		rows := []*Tensor{Ones(4), Zeros(4), Ones(4)}
		for {
			select {
			case <-stop:
				return
			default:
			}
			Stack(rows, 0).Long().Add(New([]int{1, 2, 3, 4}))
			Cat(rows, 0).Double()
		}
	}()
	w := Ones(4).RequiresGrad()
	for i := 0; i < 20000; i++ {
		if got := w.MulScalar(2).Add(Ones(4).Double()).GradFn(); got != "AddBackward0" {
			t.Errorf("iteration %d: grad_fn %q, want AddBackward0", i, got)
			break
		}
	}
	close(stop)
	wg.Wait()
}
