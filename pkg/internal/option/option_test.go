package option

import (
	"fmt"
	"testing"
)

func TestCheck(t *testing.T) {
	Check("nn.NewLinear", "Bias", []string{"Bias"}) // allowed: no panic
	defer func() {
		if got, want := fmt.Sprint(recover()), "nn.NewLinear: option Stride does not apply (it takes Bias)"; got != want {
			t.Errorf("panic %q, want %q", got, want)
		}
	}()
	Check("nn.NewLinear", "Stride", []string{"Bias"})
}
