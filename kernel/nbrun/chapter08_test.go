package nbrun_test

import (
	"testing"

	"github.com/kosaku-dl/kosaku/kernel/nbrun"
)

// checkChapter8 checks chapter 8 beyond its lines (the cross and circle
// convolved with the crossing kernel and max-pooled, exactly: LESSONS.md's
// values, confirmed with torch 1.13's F.conv2d / F.max_pool2d): the MNIST
// CNN's running losses and test accuracy against floors — one epoch's when the
// run is shortened by $KOSAKU_EPOCHS, the chapter's 0.97 for the committed
// full run, which is read from the notebook file and checked every time.
func checkChapter8(t *testing.T, cells []nbrun.Cell) {
	checkMNISTTraining(t, "08-cnn-basics.ipynb", stdout(cells), checkChapter8Training, 0.96, 0.97)
}

// checkChapter8Training checks the running-loss lines of epochs 1..epochs
// (every 500 batches of 20: data 10000 … 60000), that the loss fell, and that
// the test accuracy line is consistent and at least floor.
func checkChapter8Training(t *testing.T, what, out string, epochs int, floor float64) {
	t.Helper()
	losses := runningLosses(t, what, out, epochs)
	// The chapter's losses fall from 1.898 to 0.131 in the first epoch.
	if first, last := losses[0], losses[len(losses)-1]; !(first > 1 && last < 0.2) {
		t.Errorf("%s: running loss went from %v to %v; want above 1 at first and below 0.2 at the end: %v", what, first, last, losses)
	}
	testAccuracy(t, what, out, floor)
}
