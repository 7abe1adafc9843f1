package functional

import (
	"fmt"
	"io"
	"os"
	"sync"
)

// Warnings go to standard error, each distinct text once per process, as Python
// prints a UserWarning once per place in the code under its default filter. In a
// GoNB notebook every cell is a fresh process, so a cell that triggers a warning
// shows it once, however many times its loop calls the loss.
var warnings = struct {
	sync.Mutex
	out  io.Writer
	seen map[string]bool
}{out: os.Stderr, seen: map[string]bool{}}

// SetWarningOutput sends the warnings of this package (PyTorch's UserWarnings, such
// as the one a loss prints when it broadcasts target against input) to w instead of
// standard error, and returns the previous destination; nil silences them, as
// Python's warnings.simplefilter("ignore") does.
func SetWarningOutput(w io.Writer) (previous io.Writer) {
	warnings.Lock()
	defer warnings.Unlock()
	previous, warnings.out = warnings.out, w
	return previous
}

// warn prints "UserWarning: " and text on a line of its own, the first time text is
// seen in this process.
func warn(text string) {
	warnings.Lock()
	defer warnings.Unlock()
	if warnings.seen[text] {
		return
	}
	warnings.seen[text] = true
	if warnings.out != nil {
		fmt.Fprintf(warnings.out, "UserWarning: %s\n", text)
	}
}
