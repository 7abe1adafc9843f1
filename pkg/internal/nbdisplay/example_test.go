package nbdisplay_test

import (
	"fmt"

	"github.com/kosaku-dl/kosaku/pkg/internal/nbdisplay"
)

// A progress line redrawn in place while a loop runs; outside a notebook nothing is
// sent, so the caller prints instead.
func ExampleOutput() {
	line := nbdisplay.NewOutput("kosaku-progress-")
	for epoch := 1; epoch <= 3; epoch++ {
		text := fmt.Sprintf("epoch %d/3", epoch)
		if nbdisplay.IsNotebook() {
			line.Update(nbdisplay.TextType, text)
		} else {
			fmt.Println(text)
		}
	}
	nbdisplay.Sync() // before the cell's program exits
	// Output:
	// epoch 1/3
	// epoch 2/3
	// epoch 3/3
}
